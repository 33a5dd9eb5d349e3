package org.rtmp4j.examples.load;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.rtmp4j.core.message.VideoMessage;

/**
 * Synthetic H.264 video in the legacy FLV form (FLV 10.1 §E.4.3.1): an AVC sequence header, then
 * frames at {@code fps} frames per second (default {@value #DEFAULT_FPS}) with a keyframe every 2 s. Each
 * frame body is {@code 0x17|0x27}, AVC packet type 1 (NALU), composition time 0, then {@link #MAGIC}, the
 * sender's {@link System#nanoTime()} (8 bytes, big-endian) and the frame's own timestamp in ms (4 bytes,
 * big-endian), then filler up to the size that makes the configured bit rate. Players in the same JVM
 * subtract the send time from their own receive time; the timestamp tells them how far the server shifted
 * the stream's timestamps, if it did (so that audio timestamps can be mapped back, see {@link AudioSendTimes}).
 * Frame {@code i} has timestamp {@code floor(i × 1000 / fps)} ms (no drift). Thread-safety: immutable.
 */
final class SyntheticVideo {
    /** Frames per second unless configured. */
    static final int DEFAULT_FPS = 30;
    /** Marks a frame carrying a send time: "R4JT". */
    static final int MAGIC = 0x52344A54;
    /** Offset of {@link #MAGIC} in the video tag body: after the 5-byte AVC video tag header. */
    static final int STAMP_OFFSET = 5;
    private static final int MIN_FRAME = STAMP_OFFSET + 16;

    /** A real AVCDecoderConfigurationRecord (High profile) with its 5-byte tag header. */
    private static final byte[] SEQUENCE_HEADER = HexFormat.of().parseHex(
            "170000000001640020ffe1001967640020acd940c029b011000003000100000300320f18319601000568ebecb22c");

    private final int frameBytes;
    private final int fps;

    /** @param kbps video bit rate in kbit/s (1000 bit), &gt; 0, at {@value #DEFAULT_FPS} fps with no audio */
    SyntheticVideo(int kbps) {
        this(kbps, DEFAULT_FPS, 0);
    }

    /**
     * Sizes the frames so that video and audio together make {@code kbps}.
     *
     * @param kbps the total (video + audio) bit rate in kbit/s (1000 bit), &gt; 0
     * @param fps frames per second, 1 to 240
     * @param audioBytesPerSecond audio tag body bytes per second sent beside the video, &gt;= 0
     * @throws IllegalArgumentException if a value is out of range or the audio leaves less than the smallest
     *     frame (21 bytes) per video frame
     */
    SyntheticVideo(int kbps, int fps, double audioBytesPerSecond) {
        if (kbps <= 0) {
            throw new IllegalArgumentException("--synthetic must be > 0 kbit/s: " + kbps);
        }
        if (fps <= 0 || fps > 240) {
            throw new IllegalArgumentException("--fps must be 1 to 240: " + fps);
        }
        double videoBytesPerSecond = kbps * 1000.0 / 8 - audioBytesPerSecond;
        if (videoBytesPerSecond < (double) MIN_FRAME * fps) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "--synthetic %d kbit/s leaves no room for video beside %.0f kbit/s of audio at %d fps;"
                            + " raise it or use --no-audio", kbps, audioBytesPerSecond * 8 / 1000, fps));
        }
        this.fps = fps;
        this.frameBytes = (int) Math.round(videoBytesPerSecond / fps);
    }

    /** @return body bytes per frame */
    int frameBytes() {
        return frameBytes;
    }

    /** @return frames per second */
    int fps() {
        return fps;
    }

    /** @return frames per GOP: a keyframe every 2 s */
    int gopFrames() {
        return 2 * fps;
    }

    /** @return the AVC sequence header at timestamp 0 */
    VideoMessage sequenceHeader() {
        return new VideoMessage(0, 0, ByteBuffer.wrap(SEQUENCE_HEADER).asReadOnlyBuffer());
    }

    /**
     * @param index frame number from 0; multiples of {@link #gopFrames()} are keyframes
     * @param sendNanos the send time to embed
     * @return the frame, timestamp {@code floor(index * 1000 / fps)} ms
     */
    VideoMessage frame(long index, long sendNanos) {
        int timestamp = (int) AvSchedule.videoTimestampMs(fps, index);
        ByteBuffer b = ByteBuffer.allocate(frameBytes);
        b.put((byte) (index % gopFrames() == 0 ? 0x17 : 0x27)).put((byte) 1).put((byte) 0).putShort((short) 0);
        b.putInt(MAGIC).putLong(sendNanos).putInt(timestamp);
        b.position(0);
        return new VideoMessage(timestamp, 0, b.asReadOnlyBuffer());
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
     * @param payload a received video tag body (not moved)
     * @return the timestamp the publisher gave the frame (ms), or -1 if it carries no send time
     */
    static long sentTimestamp(ByteBuffer payload) {
        int p = payload.position();
        if (payload.remaining() >= MIN_FRAME && payload.getInt(p + STAMP_OFFSET) == MAGIC) {
            return payload.getInt(p + STAMP_OFFSET + 12) & 0xFFFFFFFFL;
        }
        return -1;
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
