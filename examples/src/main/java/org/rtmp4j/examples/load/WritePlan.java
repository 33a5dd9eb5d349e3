package org.rtmp4j.examples.load;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The write floor's writes to each connection, in order: when each {@code write(2)} is due and how many bytes it
 * carries. The messages are the load tool's synthetic stream ({@link AvSchedule}: video frames of {@code
 * frameBytes} bytes at {@code fps}, and unless audio is off the looped AAC frames of {@link SyntheticAudio}, same
 * byte sizes); the {@link Mode} decides how they are grouped into writes. Pure arithmetic, no clock; not
 * thread-safe.
 */
final class WritePlan {
    /** How messages are grouped into writes. */
    enum Mode {
        /** One write per message, at its timestamp: 30 + 43.07 writes/s with audio at 30 fps. */
        PER_MESSAGE,
        /**
         * One write per {@code framesPerWrite} video frames, at the last one's timestamp, carrying every message
         * due since the previous write (audio up to and including the video frame's timestamp): 30 writes/s
         * at 30 fps and 1 frame per write.
         */
        PER_FRAME;

        /**
         * @param text {@code per-message} or {@code per-frame} (any case)
         * @return the mode
         * @throws IllegalArgumentException for anything else
         */
        static Mode parse(String text) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "per-message" -> PER_MESSAGE;
                case "per-frame" -> PER_FRAME;
                default -> throw new IllegalArgumentException("expected per-message or per-frame: " + text);
            };
        }
    }

    private final AvSchedule schedule;
    private final int frameBytes;
    private final SyntheticAudio audio;
    private final Mode mode;
    private final int framesPerWrite;
    private long dueMs;
    private long bytes;

    /**
     * @param frameBytes video frame body bytes, &gt; 0
     * @param fps video frames per second, &gt; 0
     * @param audio the AAC frames to interleave, or null for video only
     * @param mode how messages are grouped into writes
     * @param framesPerWrite video frames per write in {@link Mode#PER_FRAME}, &gt; 0; must be 1 in {@link
     *     Mode#PER_MESSAGE}
     * @throws IllegalArgumentException if a value is out of range
     */
    WritePlan(int frameBytes, int fps, SyntheticAudio audio, Mode mode, int framesPerWrite) {
        if (frameBytes <= 0 || framesPerWrite <= 0 || (mode == Mode.PER_MESSAGE && framesPerWrite != 1)) {
            throw new IllegalArgumentException("frame bytes and frames per write must be > 0, and frames per write 1"
                    + " with one write per message: " + frameBytes + ", " + framesPerWrite + ", " + mode);
        }
        this.schedule = new AvSchedule(fps, audio != null);
        this.frameBytes = frameBytes;
        this.audio = audio;
        this.mode = mode;
        this.framesPerWrite = framesPerWrite;
        advance();
    }

    /** @return when the current write is due, in ns from the start of the stream */
    long dueNanos() {
        return TimeUnit.MILLISECONDS.toNanos(dueMs);
    }

    /** @return bytes of the current write */
    long bytes() {
        return bytes;
    }

    /** @return the largest write this plan can produce, in bytes (an upper bound) */
    long maxWriteBytes() {
        long audioPerWrite = audio == null ? 0 : (long) Math.ceil(framesPerWrite * 1000.0 / 23) + 1;
        return (long) frameBytes * framesPerWrite + audioPerWrite * 8192;
    }

    /** Moves to the next write. */
    void advance() {
        bytes = 0;
        if (mode == Mode.PER_MESSAGE) {
            dueMs = schedule.nextMs();
            bytes = take();
            return;
        }
        int frames = 0;
        while (frames < framesPerWrite) {
            boolean video = schedule.nextIsVideo();
            dueMs = schedule.nextMs();
            bytes += take();
            if (video) {
                frames++;
            }
        }
        while (!schedule.nextIsVideo() && schedule.nextMs() <= dueMs) { // audio due with the frame rides along
            bytes += take();
        }
    }

    /** Consumes the next message; @return its bytes. */
    private long take() {
        long n = schedule.nextIsVideo() ? frameBytes : audio.frameBytes(schedule.audioIndex());
        schedule.advance();
        return n;
    }
}
