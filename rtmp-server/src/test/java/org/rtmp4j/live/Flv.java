package org.rtmp4j.live;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;

/** Builds small FLV tag bodies (FLV 10.1 §E.4.2.1, §E.4.3.1; E-RTMP v2 ExHeader) as publisher media. */
final class Flv {
    static final int PUBLISHER_STREAM_ID = 1;

    private Flv() {}

    /** AVC sequence header: key frame + AVC, AVCPacketType 0. */
    static VideoMessage avcSequenceHeader(int ts) {
        return video(ts, 0x17, 0x00, 0, 0, 0, 0x01, 0x64, 0x00, 0x1F);
    }

    /** AVC key frame NALU, padded to {@code size} bytes. */
    static VideoMessage avcKeyFrame(int ts, int size) {
        return video(ts, pad(size, 0x17, 0x01, 0, 0, 0));
    }

    static VideoMessage avcKeyFrame(int ts) {
        return avcKeyFrame(ts, 16);
    }

    /** AVC inter frame NALU, padded to {@code size} bytes. */
    static VideoMessage avcInterFrame(int ts, int size) {
        return video(ts, pad(size, 0x27, 0x01, 0, 0, 0));
    }

    static VideoMessage avcInterFrame(int ts) {
        return avcInterFrame(ts, 8);
    }

    /** AAC AudioSpecificConfig (AACPacketType 0). */
    static AudioMessage aacSequenceHeader(int ts) {
        return audio(ts, 0xAF, 0x00, 0x12, 0x10);
    }

    /** AAC raw frame, padded to {@code size} bytes. */
    static AudioMessage aacFrame(int ts, int size) {
        return new AudioMessage(ts, PUBLISHER_STREAM_ID, ByteBuffer.wrap(pad(size, 0xAF, 0x01)));
    }

    static AudioMessage aacFrame(int ts) {
        return aacFrame(ts, 6);
    }

    /** E-RTMP ExHeader video: frame type, packet type, FourCC, then filler. */
    static VideoMessage enhanced(int ts, int frameType, int packetType, String fourCc) {
        byte[] cc = fourCc.getBytes(StandardCharsets.US_ASCII);
        return video(ts, 0x80 | frameType << 4 | packetType, cc[0], cc[1], cc[2], cc[3], 0, 0, 0, 0);
    }

    /** E-RTMP Multitrack (OneTrack) video SequenceStart for {@code trackId}. */
    static VideoMessage multitrackSequenceStart(int ts, String fourCc, int trackId) {
        byte[] cc = fourCc.getBytes(StandardCharsets.US_ASCII);
        return video(ts, 0x80 | 1 << 4 | 6, 0x00, cc[0], cc[1], cc[2], cc[3], trackId, 1, 2, 3);
    }

    /** E-RTMP Multitrack (OneTrack) video CodedFrames of {@code trackId}: key ({@code key}) or inter frame. */
    static VideoMessage multitrackFrame(int ts, boolean key, String fourCc, int trackId) {
        byte[] cc = fourCc.getBytes(StandardCharsets.US_ASCII);
        return video(ts, 0x80 | (key ? 1 : 2) << 4 | 6, 0x01, cc[0], cc[1], cc[2], cc[3], trackId, 0, 0, 0, 9);
    }

    private static VideoMessage video(int ts, int... bytes) {
        return video(ts, pad(bytes.length, bytes));
    }

    private static VideoMessage video(int ts, byte[] body) {
        return new VideoMessage(ts, PUBLISHER_STREAM_ID, ByteBuffer.wrap(body));
    }

    private static AudioMessage audio(int ts, int... bytes) {
        return new AudioMessage(ts, PUBLISHER_STREAM_ID, ByteBuffer.wrap(pad(bytes.length, bytes)));
    }

    private static byte[] pad(int size, int... head) {
        byte[] b = new byte[Math.max(size, head.length)];
        for (int i = 0; i < head.length; i++) {
            b[i] = (byte) head[i];
        }
        return b;
    }

    static boolean isKeyFrame(MediaMessage m) {
        return MediaClassifier.classify(m) == MediaKind.VIDEO_KEY_FRAME;
    }
}
