package org.rtmp4j.flv.mp4;

/**
 * Extends 32-bit FLV timestamps (ms, FLV 10.1 §E.4.1, wrapping after 2^32 ms, about 49.7 days)
 * to a 64-bit timeline: each timestamp is taken as the previous one plus the signed 32-bit
 * difference, so a stream stays monotonic past the wrap and small backward steps (audio
 * interleaved slightly behind video) stay small. Not thread-safe.
 */
final class TimestampExtender {
    private boolean started;
    private int lastRaw;
    private long last;
    private long origin = -1;

    /**
     * Extends one timestamp.
     *
     * @param raw the 32-bit FLV timestamp
     * @return the 64-bit timestamp in ms: the first one is {@code raw} read unsigned (or the
     *     origin given to {@link #restart}), later ones follow by difference
     */
    long extend(int raw) {
        if (!started) {
            started = true;
            last = origin >= 0 ? origin : raw & 0xFFFF_FFFFL;
        } else {
            last += raw - lastRaw; // int arithmetic: the signed difference modulo 2^32
        }
        lastRaw = raw;
        return last;
    }

    /**
     * Starts a new timeline: the next timestamp, whatever its value, maps to {@code origin}.
     *
     * @param origin the 64-bit ms value of the next timestamp, at least 0
     */
    void restart(long origin) {
        this.origin = Math.max(0, origin);
        started = false;
    }
}
