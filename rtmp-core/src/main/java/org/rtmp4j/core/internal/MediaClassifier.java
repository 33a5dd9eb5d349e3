package org.rtmp4j.core.internal;

import java.nio.ByteBuffer;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;

/**
 * Classifies audio and video message payloads (FLV tag bodies) for the back-pressure drop policy,
 * reading at most the first two bytes. Kept in the core so it does not depend on {@code rtmp-flv}.
 *
 * <p>Video byte 0 (FLV 10.1 §E.4.3.1): legacy layout is frame type (4 bits) then codec id (4 bits);
 * with the E-RTMP ExHeader bit 0x80 set (E-RTMP v2, "ExVideoTagHeader") it is the ExHeader flag,
 * frame type (3 bits) and packet type (4 bits). Audio byte 0 (FLV 10.1 §E.4.2.1) starts with the
 * 4-bit sound format; format 9 is the E-RTMP audio ExHeader with the packet type in the low 4 bits.
 *
 * <p>Stateless and thread-safe. Never changes the buffers' positions. Empty payloads are neither
 * keyframes nor sequence headers.
 */
public final class MediaClassifier {
    private static final int FRAME_TYPE_KEY = 1;
    private static final int CODEC_AVC = 7;
    private static final int CODEC_HEVC = 12;
    private static final int VIDEO_PACKET_SEQUENCE_START = 0;
    private static final int VIDEO_PACKET_SEQUENCE_END = 2;
    private static final int VIDEO_PACKET_METADATA = 4;
    private static final int AVC_END_OF_SEQUENCE = 2;
    private static final int VIDEO_PACKET_MPEG2TS_SEQUENCE_START = 5;
    private static final int SOUND_FORMAT_AAC = 10;
    private static final int SOUND_FORMAT_EX_HEADER = 9;
    private static final int AUDIO_PACKET_SEQUENCE_START = 0;
    private static final int AUDIO_PACKET_MULTICHANNEL_CONFIG = 4;

    /** {@link #traits} bit: an {@link AudioMessage}. */
    public static final int AUDIO = 1;
    /** {@link #traits} bit: {@link #isSequenceHeader}. */
    public static final int SEQUENCE_HEADER = 2;
    /** {@link #traits} bit: {@link #isKeyframe}. */
    public static final int KEYFRAME = 4;

    private MediaClassifier() {}

    /**
     * Classifies {@code media} once, so that a relay decides for many players without reading the
     * payload again per player.
     *
     * @param media audio or video
     * @return {@link #AUDIO}, {@link #SEQUENCE_HEADER} and {@link #KEYFRAME} bits
     */
    public static int traits(MediaMessage media) {
        ByteBuffer payload = media.payload(); // one view for both tests
        if (media instanceof AudioMessage) {
            return AUDIO | (isAudioSequenceHeader(payload) ? SEQUENCE_HEADER : 0);
        }
        return (isVideoSequenceHeader(payload) ? SEQUENCE_HEADER : 0) | (isVideoKeyframe(payload) ? KEYFRAME : 0);
    }

    /**
     * @param media audio or video
     * @return whether {@code media} is a video keyframe (see {@link #isVideoKeyframe})
     */
    public static boolean isKeyframe(MediaMessage media) {
        return media instanceof VideoMessage && isVideoKeyframe(media.payload());
    }

    /**
     * @param media audio or video
     * @return whether {@code media} configures a decoder and must never be dropped: a video sequence
     *     header or an audio sequence header (see {@link #isVideoSequenceHeader}, {@link
     *     #isAudioSequenceHeader})
     */
    public static boolean isSequenceHeader(MediaMessage media) {
        if (media instanceof AudioMessage) {
            return isAudioSequenceHeader(media.payload());
        }
        return isVideoSequenceHeader(media.payload());
    }

    /**
     * @param payload video tag body
     * @return whether frame type is 1 (keyframe): legacy {@code (b0 >> 4) == 1}, E-RTMP {@code
     *     ((b0 >> 4) & 7) == 1}; frame type 5 (command frame) is never a keyframe, nor is an E-RTMP
     *     SequenceEnd (2) or Metadata (4) packet, nor an AVC/HEVC end of sequence (AVCPacketType 2)
     */
    public static boolean isVideoKeyframe(ByteBuffer payload) {
        if (payload.remaining() < 1) {
            return false;
        }
        int p = payload.position();
        int b0 = payload.get(p) & 0xFF;
        if ((b0 & 0x80) != 0) {
            int packetType = b0 & 0x0F;
            return ((b0 >> 4) & 0x07) == FRAME_TYPE_KEY
                    && packetType != VIDEO_PACKET_SEQUENCE_END
                    && packetType != VIDEO_PACKET_METADATA;
        }
        if ((b0 >> 4) != FRAME_TYPE_KEY) {
            return false;
        }
        int codec = b0 & 0x0F;
        boolean endOfSequence = (codec == CODEC_AVC || codec == CODEC_HEVC)
                && payload.remaining() >= 2 && payload.get(p + 1) == AVC_END_OF_SEQUENCE;
        return !endOfSequence;
    }

    /**
     * @param payload video tag body
     * @return whether it is a sequence header: legacy AVC (7) or HEVC (12) with AVCPacketType 0
     *     (byte 1), or E-RTMP packet type SequenceStart (0) or MPEG2TSSequenceStart (5)
     */
    public static boolean isVideoSequenceHeader(ByteBuffer payload) {
        if (payload.remaining() < 1) {
            return false;
        }
        int p = payload.position();
        int b0 = payload.get(p) & 0xFF;
        if ((b0 & 0x80) != 0) {
            int packetType = b0 & 0x0F;
            return packetType == VIDEO_PACKET_SEQUENCE_START || packetType == VIDEO_PACKET_MPEG2TS_SEQUENCE_START;
        }
        int codec = b0 & 0x0F;
        return (codec == CODEC_AVC || codec == CODEC_HEVC) && payload.remaining() >= 2 && payload.get(p + 1) == 0;
    }

    /**
     * @param payload audio tag body
     * @return whether it is a sequence header: AAC (10) with AACPacketType 0 (byte 1), or the E-RTMP
     *     ExHeader (9) with packet type SequenceStart (0) or MultichannelConfig (4)
     */
    public static boolean isAudioSequenceHeader(ByteBuffer payload) {
        if (payload.remaining() < 1) {
            return false;
        }
        int p = payload.position();
        int b0 = payload.get(p) & 0xFF;
        int soundFormat = b0 >> 4;
        if (soundFormat == SOUND_FORMAT_EX_HEADER) {
            int packetType = b0 & 0x0F;
            return packetType == AUDIO_PACKET_SEQUENCE_START || packetType == AUDIO_PACKET_MULTICHANNEL_CONFIG;
        }
        return soundFormat == SOUND_FORMAT_AAC && payload.remaining() >= 2 && payload.get(p + 1) == 0;
    }
}
