package org.rtmp4j.snapshot;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of {@link Snapshots}. Immutable; start from {@link #DEFAULT} and change with the
 * {@code with*} methods.
 *
 * @param interval at most one decode per stream per interval; the cached result is served meanwhile
 *     (default 5 s, {@link #DEFAULT_INTERVAL})
 * @param timeout how long one decode may take before it is cancelled (its thread interrupted) and the
 *     snapshot answered as timed out (default 3 s, {@link #DEFAULT_TIMEOUT})
 * @param threads the decode pool's size: decodes at once, whatever the number of streams and requests
 *     (default 2, {@link #DEFAULT_THREADS})
 * @param maxQueued decodes waiting for a pool thread; one more is refused as busy (default 64,
 *     {@link #DEFAULT_MAX_QUEUED})
 */
public record SnapshotOptions(Duration interval, Duration timeout, int threads, int maxQueued) {
    /** Default {@link #interval()}: 5 s. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    /** Default {@link #timeout()}: 3 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    /** Default {@link #threads()}: 2. */
    public static final int DEFAULT_THREADS = 2;
    /** Default {@link #maxQueued()}: 64. */
    public static final int DEFAULT_MAX_QUEUED = 64;
    /** Every default. */
    public static final SnapshotOptions DEFAULT =
            new SnapshotOptions(DEFAULT_INTERVAL, DEFAULT_TIMEOUT, DEFAULT_THREADS, DEFAULT_MAX_QUEUED);

    /**
     * @throws IllegalArgumentException if {@code interval} is negative, {@code timeout} is not
     *     positive, {@code threads} is below 1 or {@code maxQueued} below 0
     * @throws NullPointerException if a duration is null
     */
    public SnapshotOptions {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(timeout, "timeout");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative: " + interval);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be 1 or more: " + threads);
        }
        if (maxQueued < 0) {
            throw new IllegalArgumentException("maxQueued must be 0 or more: " + maxQueued);
        }
    }

    /**
     * @param value the new interval
     * @return a copy with {@link #interval()} set
     */
    public SnapshotOptions withInterval(Duration value) {
        return new SnapshotOptions(value, timeout, threads, maxQueued);
    }

    /**
     * @param value the new timeout
     * @return a copy with {@link #timeout()} set
     */
    public SnapshotOptions withTimeout(Duration value) {
        return new SnapshotOptions(interval, value, threads, maxQueued);
    }

    /**
     * @param value the new pool size
     * @return a copy with {@link #threads()} set
     */
    public SnapshotOptions withThreads(int value) {
        return new SnapshotOptions(interval, timeout, value, maxQueued);
    }

    /**
     * @param value the new queue bound
     * @return a copy with {@link #maxQueued()} set
     */
    public SnapshotOptions withMaxQueued(int value) {
        return new SnapshotOptions(interval, timeout, threads, value);
    }
}
