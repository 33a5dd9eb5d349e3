package org.rtmp4j.core;

/**
 * 32-bit wrap-around arithmetic for RTMP timestamps (RTMP 1.0 §5.3.1.2.1, §5.3.1.3).
 *
 * <p>RTMP timestamps are unsigned 32-bit millisecond counts that wrap at 2^32 ms (about 49.7
 * days). rtmp4j holds them in a Java {@code int}; this class gives the unsigned view and the
 * wrap-aware comparisons. Comparison uses serial-number arithmetic (as in RFC 1982): {@code a} is
 * after {@code b} when {@code a} lies less than 2^31 ms ahead of {@code b} modulo 2^32.
 *
 * <p>Where a stream's timeline matters beyond 2^31 ms, {@link #unwrap} puts a timestamp on a 64-bit
 * timeline next to a reference; {@link Timeline} keeps such a reference for one stream. The chunk
 * decoder does this per chunk stream id ({@code RawMessage.unwrappedTimestamp()}); on the wire,
 * in messages and in relaying, timestamps stay 32-bit.
 *
 * <p>Stateless and thread-safe.
 */
public final class Timestamps {
    private static final long MASK_32 = 0xFFFF_FFFFL;

    private Timestamps() {}

    /**
     * The forward distance from {@code from} to {@code to}, modulo 2^32.
     *
     * @param from the earlier timestamp, unsigned 32-bit ms held in an int
     * @param to the later timestamp, unsigned 32-bit ms held in an int
     * @return {@code (to - from) mod 2^32} in milliseconds, in {@code [0, 2^32)}
     */
    public static long delta(int from, int to) {
        return (to - from) & MASK_32;
    }

    /**
     * Whether {@code a} is strictly after {@code b} under serial-number arithmetic: {@code a != b}
     * and {@code a} lies less than 2^31 ms ahead of {@code b} modulo 2^32. Exactly 2^31 apart
     * counts as not after (in either direction).
     *
     * @param a a timestamp, unsigned 32-bit ms held in an int
     * @param b a timestamp, unsigned 32-bit ms held in an int
     * @return whether {@code a} is after {@code b}
     */
    public static boolean isAfter(int a, int b) {
        int d = a - b;
        return d > 0;
    }

    /**
     * Adds a delta with wrap-around.
     *
     * @param timestamp a timestamp, unsigned 32-bit ms held in an int
     * @param deltaMillis milliseconds to add; only its low 32 bits matter
     * @return {@code (timestamp + deltaMillis) mod 2^32}, held in an int
     */
    public static int add(int timestamp, long deltaMillis) {
        return (int) (timestamp + deltaMillis);
    }

    /**
     * Unwraps a 32-bit timestamp onto a 64-bit timeline: the non-negative value whose low 32 bits
     * are {@code timestamp} and which lies nearest to {@code reference} under serial-number
     * arithmetic, i.e. within {@code [reference - 2^31, reference + 2^31)} ms. A timestamp that
     * would land before 0 (it lies "before" a reference in the first 2^31 ms) gets its unsigned
     * value instead, since a timeline never goes negative.
     *
     * <p>Examples: reference {@code 2^32 - 40}, timestamp {@code 0} gives {@code 2^32}; reference
     * {@code 2^32 + 40}, timestamp {@code 0xFFFFFFF0} gives {@code 2^32 - 16}; reference 0,
     * timestamp {@code 0xFFFFFFF0} gives {@code 0xFFFFFFF0}.
     *
     * @param reference a previous unwrapped value, ms, {@code >= 0}
     * @param timestamp unsigned 32-bit ms held in an int
     * @return the unwrapped timestamp in ms, {@code >= 0}, congruent to {@code timestamp} modulo 2^32
     */
    public static long unwrap(long reference, int timestamp) {
        long unwrapped = reference + (timestamp - (int) reference);
        return unwrapped >= 0 ? unwrapped : toUnsigned(timestamp);
    }

    /**
     * The unsigned value of a timestamp held in an int.
     *
     * @param timestamp unsigned 32-bit ms held in an int
     * @return the value in {@code [0, 2^32)} milliseconds
     */
    public static long toUnsigned(int timestamp) {
        return timestamp & MASK_32;
    }
}
