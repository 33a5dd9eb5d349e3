package org.rtmp4j.snapshot;

import java.nio.ByteBuffer;
import java.util.Objects;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.media.VideoTagHeader;
import org.rtmp4j.live.StreamKey;

/**
 * What a {@link KeyframeDecoder} decodes: a stream's latest video keyframe and the video sequence
 * header in force for it, as FLV video tag bodies exactly as published (FLV 10.1 §E.4.3.1, or the
 * E-RTMP v2 ExHeader form), with the picture size the stream's bitstream announced.
 *
 * <p>The buffers are read-only views (position 0) of the hub's shared payloads: reading them copies
 * nothing and affects no other reader; each accessor call of a record returns the same view, so
 * {@code duplicate()} before moving its position when the sample is shared.
 *
 * @param key the stream
 * @param codec the short codec name of the tag header ({@link VideoTagHeader#codecName()}), e.g.
 *     {@code h264}, {@code hevc}, {@code av1}, {@code vp9}
 * @param width the picture width from the sequence header (or a VP9 keyframe), pixels; 0 if unknown
 * @param height the picture height, pixels; 0 if unknown
 * @param timestamp the keyframe's timestamp, ms (RTMP 1.0 §5.3.1.2)
 * @param sequenceHeader the video tag body of the sequence header (AVCPacketType 0 or E-RTMP
 *     {@code SequenceStart}), empty for codecs that have none
 * @param keyframe the video tag body of the keyframe
 */
public record KeyframeSample(StreamKey key, String codec, int width, int height, int timestamp,
        ByteBuffer sequenceHeader, ByteBuffer keyframe) {
    /**
     * @throws NullPointerException if an object argument is null
     */
    public KeyframeSample {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(codec, "codec");
        sequenceHeader = Objects.requireNonNull(sequenceHeader, "sequenceHeader").asReadOnlyBuffer();
        keyframe = Objects.requireNonNull(keyframe, "keyframe").asReadOnlyBuffer();
    }

    /**
     * The codec configuration record of the sequence header: AVCDecoderConfigurationRecord (ISO/IEC
     * 14496-15 §5.3.3.1), HEVCDecoderConfigurationRecord, AV1CodecConfigurationRecord, VP
     * CodecConfigurationRecord, as the tag header's codec says.
     *
     * @return a read-only view of the bytes after the tag header; empty when there is no sequence header
     * @throws FlvFormatException if the tag header is malformed (offset within the tag body)
     */
    public ByteBuffer configurationRecord() throws FlvFormatException {
        return afterHeader(sequenceHeader);
    }

    /**
     * The coded keyframe after its tag header: length-prefixed NAL units for AVC and HEVC, OBUs for
     * AV1 (low overhead bitstream format), a frame for VP8 and VP9.
     *
     * @return a read-only view of the bytes after the tag header
     * @throws FlvFormatException if the tag header is malformed (offset within the tag body)
     */
    public ByteBuffer codedFrame() throws FlvFormatException {
        return afterHeader(keyframe);
    }

    private static ByteBuffer afterHeader(ByteBuffer body) throws FlvFormatException {
        ByteBuffer b = body.duplicate();
        if (!b.hasRemaining()) {
            return b;
        }
        VideoTagHeader h = VideoTagHeader.parse(b);
        b.position(b.position() + h.headerSize());
        return b.slice().asReadOnlyBuffer();
    }

    @Override
    public String toString() {
        return "KeyframeSample[" + key + ", " + codec + " " + width + "x" + height + ", ts " + timestamp + ", "
                + keyframe.remaining() + " bytes]";
    }
}
