package org.rtmp4j.flv.mp4;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.codec.AacAudioSpecificConfig;
import org.rtmp4j.flv.codec.Av1CodecConfigurationRecord;
import org.rtmp4j.flv.codec.Av1SequenceHeader;
import org.rtmp4j.flv.codec.AvcDecoderConfigurationRecord;
import org.rtmp4j.flv.codec.HevcDecoderConfigurationRecord;
import org.rtmp4j.flv.codec.OpusIdHeader;
import org.rtmp4j.flv.codec.Vp9CodecConfiguration;
import org.rtmp4j.flv.media.AudioFourCc;
import org.rtmp4j.flv.media.VideoFourCc;

/**
 * Builds sample entries from the codec configuration an FLV sequence header carries, with the
 * configuration-record parsers of {@code org.rtmp4j.flv.codec} (which also give the picture size).
 * Stateless.
 */
final class CodecConfigs {
    /** MPEG-4 Audio (ISO/IEC 14496-3), objectTypeIndication of ISO/IEC 14496-1 Table 5. */
    private static final int OTI_MPEG4_AUDIO = 0x40;
    /** streamType AudioStream (5) << 2 | upStream 0 | reserved 1 (ISO/IEC 14496-1 §7.2.6.6). */
    private static final int STREAM_TYPE_AUDIO = 0x05 << 2 | 1;

    private CodecConfigs() {}

    /**
     * Builds the entry of an H.264, HEVC or AV1 track from its configuration record.
     *
     * @param fourCc avc1, hvc1 or av01
     * @param record the AVCDecoderConfigurationRecord, HEVCDecoderConfigurationRecord or
     *     AV1CodecConfigurationRecord; position kept
     * @return the entry; width and height 0 when the record has no parsable SPS/sequence header
     * @throws FlvFormatException if the record is malformed
     * @throws IllegalArgumentException for another FourCC
     */
    static VideoSampleEntry video(String fourCc, ByteBuffer record) throws FlvFormatException {
        byte[] body = bytes(record);
        switch (fourCc) {
            case VideoFourCc.AVC: {
                var sps = AvcDecoderConfigurationRecord.parse(record).sps();
                return new VideoSampleEntry(fourCc, "avcC", body, sps == null ? 0 : sps.width(),
                        sps == null ? 0 : sps.height());
            }
            case VideoFourCc.HEVC: {
                var sps = HevcDecoderConfigurationRecord.parse(record).sps();
                return new VideoSampleEntry(fourCc, "hvcC", body, sps == null ? 0 : sps.width(),
                        sps == null ? 0 : sps.height());
            }
            case VideoFourCc.AV1: {
                Av1SequenceHeader sh = Av1CodecConfigurationRecord.parse(record).sequenceHeader();
                return new VideoSampleEntry(fourCc, "av1C", body,
                        sh == null ? 0 : sh.maxFrameWidth(), sh == null ? 0 : sh.maxFrameHeight());
            }
            default:
                throw new IllegalArgumentException("no configuration record entry for " + fourCc);
        }
    }

    /**
     * Builds the {@code vp09} entry: {@code vpcC} version 1 (VP Codec ISO Media File Format
     * Binding §2.3.3: profile, level, bitDepth UB[4] | chromaSubsampling UB[3] |
     * videoFullRangeFlag UB[1], colourPrimaries, transferCharacteristics, matrixCoefficients,
     * codecIntializationDataSize 0).
     *
     * @param c the parsed VPCodecConfigurationRecord
     * @param width the picture width from a key frame's header
     * @param height the picture height
     * @return the entry
     */
    static VideoSampleEntry vp9(Vp9CodecConfiguration c, int width, int height) {
        BoxWriter w = new BoxWriter(16);
        w.u8(1).u24(0);
        w.u8(c.profile()).u8(c.level());
        w.u8(c.bitDepth() << 4 | (c.chromaSubsampling() & 7) << 1 | (c.videoFullRange() ? 1 : 0));
        w.u8(c.colourPrimaries()).u8(c.transferCharacteristics()).u8(c.matrixCoefficients());
        w.u16(0);
        return new VideoSampleEntry(VideoFourCc.VP9, "vpcC", w.toArray(), width, height);
    }

    /**
     * Builds the entry of an AAC or Opus track from its sequence header.
     *
     * @param fourCc mp4a or Opus
     * @param config the AudioSpecificConfig or the Opus identification header (RFC 7845 §5.1);
     *     position kept
     * @return the entry
     * @throws FlvFormatException if the configuration is malformed
     * @throws IllegalArgumentException for another FourCC
     */
    static AudioSampleEntry audio(String fourCc, ByteBuffer config) throws FlvFormatException {
        switch (fourCc) {
            case AudioFourCc.AAC: {
                AacAudioSpecificConfig asc = AacAudioSpecificConfig.parse(config);
                int channels = asc.channels() > 0 ? asc.channels() : 2;
                boolean sbr = asc.extensionObjectType() == 5 || asc.extensionObjectType() == 29;
                return new AudioSampleEntry(fourCc, "esds", esds(bytes(config)), channels,
                        asc.outputSampleRate(), sbr ? 2048 : 1024);
            }
            case AudioFourCc.OPUS: {
                OpusIdHeader h = OpusIdHeader.parse(config);
                return new AudioSampleEntry(fourCc, "dOps", dOps(h, config), h.channels(),
                        OpusIdHeader.OUTPUT_SAMPLE_RATE, 960);
            }
            default:
                throw new IllegalArgumentException("no audio entry for " + fourCc);
        }
    }

    /**
     * The {@code esds} full box body: version and flags 0, then ES_Descriptor (tag 3, ES_ID 0,
     * no flags) holding DecoderConfigDescriptor (tag 4: MPEG-4 Audio, AudioStream) with the
     * DecoderSpecificInfo (tag 5) and SLConfigDescriptor (tag 6, predefined 2 for MP4 files).
     */
    private static byte[] esds(byte[] asc) {
        ByteArrayOutputStream dsi = descriptor(0x05, asc);
        ByteArrayOutputStream dcd = new ByteArrayOutputStream();
        dcd.write(OTI_MPEG4_AUDIO);
        dcd.write(STREAM_TYPE_AUDIO);
        dcd.writeBytes(new byte[3 + 4 + 4]);  // bufferSizeDB, maxBitrate, avgBitrate: unknown
        dcd.writeBytes(dsi.toByteArray());
        ByteArrayOutputStream es = new ByteArrayOutputStream();
        es.writeBytes(new byte[] {0, 0, 0});  // ES_ID 0, no dependency/URL/OCR flags
        es.writeBytes(descriptor(0x04, dcd.toByteArray()).toByteArray());
        es.writeBytes(descriptor(0x06, new byte[] {0x02}).toByteArray());
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(new byte[4]);         // FullBox version 0, flags 0
        body.writeBytes(descriptor(0x03, es.toByteArray()).toByteArray());
        return body.toByteArray();
    }

    /** A descriptor: tag, expandable size (ISO/IEC 14496-1 §8.3.3, 7 bits per byte), payload. */
    private static ByteArrayOutputStream descriptor(int tag, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + 5);
        out.write(tag);
        int n = payload.length;
        int shift = 21;
        while (shift > 0 && (n >>> shift) == 0) {
            shift -= 7;
        }
        for (; shift > 0; shift -= 7) {
            out.write(0x80 | (n >>> shift) & 0x7F);
        }
        out.write(n & 0x7F);
        out.writeBytes(payload);
        return out;
    }

    /**
     * The {@code dOps} body (Opus in ISOBMFF §4.3.2, big-endian, unlike the little-endian
     * OpusHead): Version 0, OutputChannelCount, PreSkip, InputSampleRate, OutputGain,
     * ChannelMappingFamily and, when the family is not 0, StreamCount, CoupledCount and the
     * ChannelMapping copied from the identification header.
     */
    private static byte[] dOps(OpusIdHeader h, ByteBuffer head) {
        BoxWriter w = new BoxWriter(32);
        w.u8(0).u8(h.channels()).u16(h.preSkip()).u32(h.inputSampleRate()).u16(h.outputGain());
        w.u8(h.mappingFamily());
        if (h.mappingFamily() != 0) {
            w.u8(h.streamCount()).u8(h.coupledCount());
            for (int i = 0; i < h.channels(); i++) {
                w.u8(head.get(head.position() + 21 + i));
            }
        }
        return w.toArray();
    }

    /**
     * Copies the remaining bytes.
     *
     * @param b a buffer; position kept
     * @return its remaining bytes
     */
    static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }
}
