package org.rtmp4j.core.handshake;

import java.util.Objects;
import java.util.Random;
import java.util.function.LongSupplier;

/**
 * Sources of randomness and time for a {@link Handshake} (RTMP 1.0 §5.2.3, §5.2.4), injectable so
 * tests can produce deterministic handshake bytes.
 *
 * @param random fills the 1528 random bytes of C1/S1 and the random part of digest-style C2/S2;
 *     {@code null} (the default) means {@link java.util.concurrent.ThreadLocalRandom} of the
 *     calling thread at each use. The RTMP spec requires no cryptographic randomness. A non-null
 *     {@code Random} is used only by the one handshake, so share it only across handshakes that run
 *     on the same thread
 * @param clockNanos a monotonic clock in nanoseconds (default {@link System#nanoTime}); the
 *     time2 field of C2/S2 is the milliseconds since the handshake was created, plus {@code epoch}
 * @param epoch the time field of C1/S1 in milliseconds, the sender's epoch for its chunk
 *     timestamps (default 0)
 */
public record HandshakeOptions(Random random, LongSupplier clockNanos, int epoch) {
    /** Thread-local randomness, {@link System#nanoTime} and epoch 0. */
    public static final HandshakeOptions DEFAULT = new HandshakeOptions(null, System::nanoTime, 0);

    /**
     * Validates that the clock is present.
     *
     * @param random see the record description; may be null
     * @param clockNanos see the record description
     * @param epoch see the record description
     * @throws NullPointerException if {@code clockNanos} is null
     */
    public HandshakeOptions {
        Objects.requireNonNull(clockNanos, "clockNanos");
    }

    /**
     * Options for reproducible handshakes in tests: {@code new Random(seed)}, a clock frozen at 0
     * and epoch 0.
     *
     * @param seed the random seed
     * @return the options
     */
    public static HandshakeOptions deterministic(long seed) {
        return new HandshakeOptions(new Random(seed), () -> 0L, 0);
    }
}
