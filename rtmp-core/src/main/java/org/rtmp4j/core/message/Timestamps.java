package org.rtmp4j.core.message;

/**
 * RTMP timestamp arithmetic. Timestamps are unsigned 32-bit millisecond counts that roll over
 * about every 49.7 days; applications should use serial number arithmetic (RFC 1982) and handle the
 * wraparound (RTMP 1.0 §4, "Byte Order, Alignment, and Time Format"). They are held in an {@code int}. Comparisons use serial-number arithmetic: {@code a} is after {@code b}
 * when {@code a - b}, taken modulo 2^32, is in 1..2^31-1. Stateless and thread-safe.
 */
public final class Timestamps {
    private Timestamps() {}

    /** @return {@code later - earlier} in ms, modulo 2^32, as a signed value (-2^31..2^31-1) */
    public static int delta(int later, int earlier) {
        return later - earlier;
    }

    /** @return whether {@code a} comes strictly after {@code b} in wrap-around order */
    public static boolean isAfter(int a, int b) {
        return a - b > 0;
    }

    /** @return {@code timestamp + deltaMs}, wrapping modulo 2^32 */
    public static int add(int timestamp, int deltaMs) {
        return timestamp + deltaMs;
    }

    /** @return the timestamp as an unsigned value, 0..2^32-1 ms */
    public static long toUnsigned(int timestamp) {
        return timestamp & 0xFFFFFFFFL;
    }
}
