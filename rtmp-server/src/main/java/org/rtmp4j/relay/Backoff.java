package org.rtmp4j.relay;

import java.time.Duration;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * The retry schedule every relay uses: exponential backoff with jitter. Attempt {@code n} (1 for the
 * first retry) waits {@code min(max, initial × 2^(n−1))}, less a random part of up to {@code jitter}
 * of it, so relays that failed together (a restarted destination) do not retry in lockstep. With the
 * {@linkplain #DEFAULT defaults} the waits are about 0.5, 1, 2, 4, 8, 16, 30, 30 ... s, retried without
 * end. The count restarts when a relay reaches {@link RelayState#LIVE}.
 *
 * @param initial the first wait, positive
 * @param max the longest wait, at least {@code initial}
 * @param jitter the fraction of a wait that is random, 0 (none) to 1
 * @param maxRetries retries before the relay gives up ({@link RelayState#FAILED}); 0 = without end
 */
public record Backoff(Duration initial, Duration max, double jitter, int maxRetries) {
    /** 0.5 s doubling to 30 s, 20 % jitter, unlimited retries (issue 15 §1). */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 0.2, 0);

    /** @throws IllegalArgumentException when a bound is out of its range */
    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff must be positive: " + initial);
        }
        if (max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("max backoff " + max + " is below the initial " + initial);
        }
        if (!(jitter >= 0 && jitter <= 1)) {
            throw new IllegalArgumentException("jitter must be 0..1: " + jitter);
        }
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 (no limit) or more: " + maxRetries);
        }
    }

    /**
     * @param attempt the retry's number, 1 for the first
     * @param random the source of jitter
     * @return how long to wait before it, between {@code (1 − jitter) × d} and {@code d} for the
     *     un-jittered {@code d}
     * @throws IllegalArgumentException when {@code attempt < 1}
     */
    public Duration delay(int attempt, RandomGenerator random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt counts from 1: " + attempt);
        }
        long initialNanos = initial.toNanos();
        long maxNanos = max.toNanos();
        int shift = Math.min(attempt - 1, 62);
        long nanos = initialNanos > (maxNanos >> shift) ? maxNanos : Math.min(maxNanos, initialNanos << shift);
        long jitterNanos = jitter == 0 ? 0 : (long) (nanos * jitter * random.nextDouble());
        return Duration.ofNanos(nanos - jitterNanos);
    }

    /**
     * @param retries retries made so far
     * @return whether another is allowed
     */
    public boolean allows(int retries) {
        return maxRetries == 0 || retries < maxRetries;
    }
}
