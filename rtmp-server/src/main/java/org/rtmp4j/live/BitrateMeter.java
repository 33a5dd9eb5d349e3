package org.rtmp4j.live;

import org.rtmp4j.core.Timeline;

/**
 * The bitrate of one published stream over a recent window of <em>media time</em>: payload bytes
 * of the audio and video messages whose timestamps fall into the last {@link #WINDOW_SECONDS}
 * seconds, divided by the media time they span. Measuring on the message timestamps (RTMP 1.0
 * §5.3.1, milliseconds) rather than on arrival time makes it the stream's own bitrate, the same
 * whether the publisher sends in real time or as fast as it can, and deterministic in tests.
 *
 * <p>Media time is kept in one-second buckets on a 64-bit {@link Timeline}, so a stream crossing
 * 2^31 or 2^32 ms (the 32-bit wrap, RTMP 1.0 §5.3.1.2.1) keeps its measurement. A timestamp that
 * jumps backwards by more than the window, or forwards by more than it (a new encoder session),
 * restarts the measurement; small reorderings between audio and video are counted in their own
 * bucket.
 *
 * <p>Not thread-safe: {@link LiveStream} calls it under its lock. Allocation-free after construction.
 */
final class BitrateMeter {
    /** The window: bitrate is measured over at most this many seconds of media time. */
    static final int WINDOW_SECONDS = 5;
    private static final long BUCKET_MS = 1000;

    private final long[] buckets = new long[WINDOW_SECONDS];
    private final Timeline timeline = new Timeline();
    private boolean started;
    /** Second (timestamp / 1000) of the newest bucket. */
    private long headSecond;
    /** First timestamp since the last restart, ms. */
    private long firstMs;
    /** Highest timestamp seen since the last restart, ms. */
    private long lastMs;

    /**
     * Counts one message.
     *
     * @param timestamp the message timestamp, ms (unsigned 32-bit held in an int; unwrapped here)
     * @param bytes the payload size, bytes
     */
    void add(int timestamp, int bytes) {
        long ms = timeline.unwrap(timestamp);
        long second = ms / BUCKET_MS;
        if (!started || second > headSecond + WINDOW_SECONDS || second <= headSecond - WINDOW_SECONDS) {
            restart(ms);
        } else if (second > headSecond) {
            for (long s = headSecond + 1; s <= second; s++) {
                buckets[(int) (s % WINDOW_SECONDS)] = 0;
            }
            headSecond = second;
        }
        buckets[(int) (second % WINDOW_SECONDS)] += bytes;
        if (ms > lastMs) {
            lastMs = ms;
        }
    }

    /** Forgets everything (a new publisher). */
    void reset() {
        started = false;
        timeline.reset();
    }

    private void restart(long ms) {
        java.util.Arrays.fill(buckets, 0);
        started = true;
        headSecond = ms / BUCKET_MS;
        firstMs = ms;
        lastMs = ms;
    }

    /**
     * @return bits per second over the window, 0 until the messages span at least 1 ms of media
     *     time
     */
    long bitsPerSecond() {
        if (!started) {
            return 0;
        }
        long windowStartMs = Math.max(firstMs, (headSecond - WINDOW_SECONDS + 1) * BUCKET_MS);
        long spanMs = lastMs - windowStartMs;
        if (spanMs <= 0) {
            return 0;
        }
        long bytes = 0;
        for (long b : buckets) {
            bytes += b;
        }
        return bytes * 8_000 / spanMs;
    }
}
