package org.rtmp4j.examples.load;

/**
 * The order of the synthetic stream's messages: video frames every {@code 1000 / fps} ms and, unless turned off,
 * AAC frames every 1024 samples at 44.1 kHz (23.2 ms), interleaved by timestamp (video first when two share a
 * timestamp). Timestamps are computed from the frame numbers, {@code floor(i × 1000 / fps)} and {@link
 * SyntheticAudio#timestampMs}, so they never drift. Pure arithmetic, no clock: the publisher and the write floor
 * send each message when the clock reaches its timestamp. Not thread-safe.
 */
final class AvSchedule {
    private final int fps;
    private final boolean audio;
    private long videoIndex;
    private long audioIndex;

    /**
     * @param fps video frames per second, &gt; 0
     * @param audio whether AAC frames are interleaved
     */
    AvSchedule(int fps, boolean audio) {
        if (fps <= 0) {
            throw new IllegalArgumentException("fps must be > 0: " + fps);
        }
        this.fps = fps;
        this.audio = audio;
    }

    /**
     * @param fps video frames per second
     * @param index video frame number from 0
     * @return its timestamp in ms
     */
    static long videoTimestampMs(int fps, long index) {
        return index * 1000 / fps;
    }

    /** @return whether the next message is video (else audio) */
    boolean nextIsVideo() {
        return !audio || nextVideoMs() <= nextAudioMs();
    }

    /** @return the next message's timestamp in ms */
    long nextMs() {
        return nextIsVideo() ? nextVideoMs() : nextAudioMs();
    }

    /** @return the number of the next video frame */
    long videoIndex() {
        return videoIndex;
    }

    /** @return the number of the next audio frame */
    long audioIndex() {
        return audioIndex;
    }

    /** Moves past the next message. */
    void advance() {
        if (nextIsVideo()) {
            videoIndex++;
        } else {
            audioIndex++;
        }
    }

    private long nextVideoMs() {
        return videoTimestampMs(fps, videoIndex);
    }

    private long nextAudioMs() {
        return SyntheticAudio.timestampMs(audioIndex);
    }
}
