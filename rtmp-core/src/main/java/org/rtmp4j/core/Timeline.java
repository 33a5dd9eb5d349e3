package org.rtmp4j.core;

/**
 * One 64-bit unwrapped timeline fed with 32-bit RTMP timestamps (RTMP 1.0 §5.3.1.2.1): each
 * timestamp is unwrapped against the previous one with {@link Timestamps#unwrap}, so a stream that
 * runs past 2^32 ms (about 49.7 days) keeps counting up (2^32 + 40 instead of 40) and the
 * difference of two unwrapped values is the real distance in ms, whatever the 24-bit, sign or
 * 32-bit boundaries crossed in between. Consecutive timestamps must lie less than 2^31 ms apart
 * (about 24.8 days) to be ordered correctly.
 *
 * <p>The first timestamp after construction or {@link #reset()} maps to its unsigned value
 * (0..2^32 − 1). Not thread-safe; allocation-free.
 */
public final class Timeline {
    private boolean started;
    private long last;

    /** Creates an empty timeline. */
    public Timeline() {}

    /**
     * Unwraps {@code timestamp} against the previous one and makes it the new reference.
     *
     * @param timestamp unsigned 32-bit ms held in an int
     * @return the unwrapped timestamp in ms, {@code >= 0}
     */
    public long unwrap(int timestamp) {
        last = started ? Timestamps.unwrap(last, timestamp) : Timestamps.toUnsigned(timestamp);
        started = true;
        return last;
    }

    /** @return whether a timestamp was unwrapped since construction or the last {@link #reset()} */
    public boolean isStarted() {
        return started;
    }

    /** @return the last unwrapped timestamp in ms, or 0 if none */
    public long last() {
        return started ? last : 0;
    }

    /** Forgets the reference: the next timestamp starts a new timeline. */
    public void reset() {
        started = false;
        last = 0;
    }
}
