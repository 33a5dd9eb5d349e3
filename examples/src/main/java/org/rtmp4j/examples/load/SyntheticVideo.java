package org.rtmp4j.examples.load;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.rtmp4j.core.message.VideoMessage;

/**
 * Synthetic H.264 video in the legacy FLV form (FLV 10.1 §E.4.3.1): an AVC sequence header, then
 * frames at {@link #FPS} fps with a keyframe every {@link #GOP_FRAMES} frames (2 s). Each frame body
 * is {@code 0x17|0x27}, AVC packet type 1 (NALU), composition time 0, then {@link #MAGIC} and the
 * sender's {@link System#nanoTime()} (8 bytes, big-endian), then filler up to the size that makes
 * the configured bit rate. Players in the same JVM subtract that time from their own receive time.
 * Thread-safety: immutable.
 */
final class SyntheticVideo {
    /** Frames per second. */
    static final int FPS = 25;
    /** Frames per GOP: a keyframe every 2 s. */
    static final int GOP_FRAMES = 2 * FPS;
    /** Milliseconds between frames. */
    static final int FRAME_MS = 1000 / FPS;
    /** Marks a frame carrying a send time: "R4JT". */
    static final int MAGIC = 0x52344A54;
    /** Offset of {@link #MAGIC} in the video tag body: after the 5-byte AVC video tag header. */
    static final int STAMP_OFFSET = 5;
    private static final int MIN_FRAME = STAMP_OFFSET + 12;

    /** A real AVCDecoderConfigurationRecord (High profile) with its 5-byte tag header. */
    private static final byte[] SEQUENCE_HEADER = HexFormat.of().parseHex(
            "170000000001640020ffe1001967640020acd940c029b011000003000100000300320f18319601000568ebecb22c");

    private final int frameBytes;

    /** @param kbps video bit rate in kbit/s (1000 bit), &gt; 0 */
    SyntheticVideo(int kbps) {
        if (kbps <= 0) {
            throw new IllegalArgumentException("--synthetic must be > 0 kbit/s: " + kbps);
        }
        this.frameBytes = Math.max(MIN_FRAME, (int) (kbps * 1000L / 8 / FPS));
    }

    /** @return body bytes per frame */
    int frameBytes() {
        return frameBytes;
    }

    /** @return the AVC sequence header at timestamp 0 */
    VideoMessage sequenceHeader() {
        return new VideoMessage(0, 0, ByteBuffer.wrap(SEQUENCE_HEADER).asReadOnlyBuffer());
    }

    /**
     * @param index frame number from 0; multiples of {@link #GOP_FRAMES} are keyframes
     * @param sendNanos the send time to embed
     * @return the frame, timestamp {@code index * 40} ms
     */
    VideoMessage frame(long index, long sendNanos) {
        ByteBuffer b = ByteBuffer.allocate(frameBytes);
        b.put((byte) (index % GOP_FRAMES == 0 ? 0x17 : 0x27)).put((byte) 1).put((byte) 0).putShort((short) 0);
        b.putInt(MAGIC).putLong(sendNanos);
        b.position(0);
        return new VideoMessage((int) (index * FRAME_MS), 0, b.asReadOnlyBuffer());
    }

    /**
     * @param payload a received video tag body (not moved)
     * @return the embedded send time, or {@link Long#MIN_VALUE} if there is none
     */
    static long sendNanos(ByteBuffer payload) {
        int p = payload.position();
        if (payload.remaining() >= MIN_FRAME && payload.getInt(p + STAMP_OFFSET) == MAGIC) {
            return payload.getLong(p + STAMP_OFFSET + 4);
        }
        return Long.MIN_VALUE;
    }

    /**
     * Whether a video tag body is a keyframe that is not a sequence header or metadata: legacy
     * (FLV 10.1 §E.4.3.1, frame type 1, AVC/HEVC packet type not 0) or enhanced (E-RTMP v2, frame
     * type 1, packet type not SequenceStart/Metadata).
     *
     * @param payload a video tag body (not moved)
     * @return whether it is a keyframe with picture data
     */
    static boolean isKeyframe(ByteBuffer payload) {
        if (!payload.hasRemaining()) {
            return false;
        }
        int p = payload.position();
        int b0 = payload.get(p) & 0xFF;
        if ((b0 & 0x80) != 0) { // enhanced: IsExHeader | FrameType(3) | PacketType(4)
            int frameType = (b0 >> 4) & 7;
            int packetType = b0 & 0x0F;
            return frameType == 1 && packetType != 0 && packetType != 4 && packetType != 2;
        }
        if ((b0 >> 4) != 1) {
            return false;
        }
        int codec = b0 & 0x0F;
        if (codec == 7 || codec == 12) {
            return payload.remaining() > 1 && payload.get(p + 1) == 1;
        }
        return true;
    }
}
