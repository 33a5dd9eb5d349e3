package org.rtmp4j.flv.mp4;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;

/** Builds FLV tags for the muxer tests, and configuration records taken from real files. */
final class Tags {
    /** libx264 High@4.0 1920x1080 (the AVCC_1080P record of the codec tests, from ffmpeg 7.1.1). */
    static final byte[] AVCC_1080P = hex("01640028ffe1001b67640028acd940780227e5c044000003000400000300"
            + "f03c60c65801000668ebe3cb22c0fdf8f800");
    /** libx264 High@3.1 1270x714 (cropped). */
    static final byte[] AVCC_ODD = hex("0164001fffe1001a6764001facd9405005be69301100000303e90000bb800f"
            + "18319601000668ebe3cb22c0fdf8f800");
    /** libx265 Main@3.1 1270x714. */
    static final byte[] HVCC_ODD = hex("0101600000009000000000005df000fcfdf8f800000f03200001001840010c"
            + "01ffff01600000030090000003000003005d959809210001002b42010101600000030090000003000003"
            + "005da0027c802d1d4996566924caf0168080000003008000000f0422000100074401c172b46240");
    /** The av1C of av1-opus-enhanced-testsrc.flv (980x540). */
    static final byte[] AV1C_TESTSRC = hex("812400000a0e20000024cfa70dbfff3404340080");
    /** vpcC as ffmpeg writes it in FLV: FullBox version 1 + flags, then the 8-byte record. */
    static final byte[] VPCC_FULLBOX = hex("010000000014820202020000");
    /** A VP9 key frame header of a 320x240 picture. */
    static final byte[] VP9_KEY_320X240 = hex("824983420013f00ef60638241c184a000d405f");
    /** AudioSpecificConfig: AAC-LC, 44,100 Hz, stereo. */
    static final byte[] ASC_LC_44100_STEREO = hex("1210");
    /** OpusHead: version 1, 2 channels, pre-skip 312, 48,000 Hz input, gain 0, family 0. */
    static final byte[] OPUS_HEAD = concat("OpusHead".getBytes(StandardCharsets.US_ASCII),
            hex("0102380180bb0000000000"));

    private Tags() {}

    static byte[] hex(String s) {
        return HexFormat.of().parseHex(s);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static FlvTag tag(FlvTagType type, long timestamp, byte[] body) {
        return new FlvTag(type, (int) timestamp, ByteBuffer.wrap(body));
    }

    /** Legacy AVC sequence header (FrameType 1, CodecID 7, AVCPacketType 0). */
    static FlvTag avcConfig(long ts, byte[] record) {
        return tag(FlvTagType.VIDEO, ts, concat(hex("1700000000"), record));
    }

    /** Legacy AVC NALU packet with a composition time. */
    static FlvTag avcFrame(long ts, boolean key, int cts, byte[] data) {
        byte[] h = {(byte) (key ? 0x17 : 0x27), 1, (byte) (cts >> 16), (byte) (cts >> 8), (byte) cts};
        return tag(FlvTagType.VIDEO, ts, concat(h, data));
    }

    /** Legacy AAC sequence header (SoundFormat 10, 44 kHz, 16-bit, stereo; AACPacketType 0). */
    static FlvTag aacConfig(long ts, byte[] asc) {
        return tag(FlvTagType.AUDIO, ts, concat(hex("af00"), asc));
    }

    static FlvTag aacFrame(long ts, byte[] data) {
        return tag(FlvTagType.AUDIO, ts, concat(hex("af01"), data));
    }

    /** E-RTMP video: ExHeader | FrameType | PacketType, FourCC, [SI24 CompositionTime], payload. */
    static FlvTag exVideo(long ts, int frameType, int packetType, String fourCc, Integer cts, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 | frameType << 4 | packetType);
        out.writeBytes(fourCc.getBytes(StandardCharsets.ISO_8859_1));
        if (cts != null) {
            out.write(cts >> 16);
            out.write(cts >> 8);
            out.write(cts);
        }
        out.writeBytes(payload);
        return tag(FlvTagType.VIDEO, ts, out.toByteArray());
    }

    /** E-RTMP audio: SoundFormat 9 | PacketType, FourCC, payload. */
    static FlvTag exAudio(long ts, int packetType, String fourCc, byte[] payload) {
        return tag(FlvTagType.AUDIO, ts, concat(new byte[] {(byte) (0x90 | packetType)},
                fourCc.getBytes(StandardCharsets.ISO_8859_1), payload));
    }

    static byte[] bytes(int n, int fill) {
        byte[] b = new byte[n];
        java.util.Arrays.fill(b, (byte) fill);
        return b;
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }
}
