package org.rtmp4j.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Polls state that has no event to wait on (a counter, a registry, a process table) until a condition holds or a
 * bounded time passes, then fails with what was awaited. Where an event exists (a future, a latch) tests wait on that
 * instead. Awaitility would do this job; it is not in the offline Maven repository the build runs from, so this one
 * class is shared by rtmp-server's and the examples' tests (through rtmp-server's test-jar).
 *
 * <p>Thread-safe (no state). The condition runs on the calling thread every {@value #POLL_MILLIS} ms.
 */
public final class Eventually {
    /** The default bound: 30 s, generous because tests run on a busy two-core machine and a JVM starts slowly. */
    public static final Duration DEFAULT_LIMIT = Duration.ofSeconds(30);
    /** Time between two evaluations of the condition, in milliseconds. */
    public static final int POLL_MILLIS = 10;

    private Eventually() {
    }

    /**
     * Waits at most {@link #DEFAULT_LIMIT} for {@code condition}.
     *
     * @param what what is awaited, for the failure message
     * @param condition the condition, evaluated on the calling thread
     * @throws AssertionError if the condition does not hold within the bound
     */
    public static void eventually(String what, BooleanSupplier condition) {
        eventually(DEFAULT_LIMIT, () -> what, condition);
    }

    /**
     * Waits at most {@code limit} for {@code condition}.
     *
     * @param limit the bound
     * @param what what is awaited, for the failure message
     * @param condition the condition, evaluated on the calling thread
     * @throws AssertionError if the condition does not hold within the bound
     */
    public static void eventually(Duration limit, String what, BooleanSupplier condition) {
        eventually(limit, () -> what, condition);
    }

    /**
     * Waits at most {@code limit} for {@code condition}; the message is computed only on failure (so it can carry the
     * state that was seen, a log tail for example).
     *
     * @param limit the bound
     * @param what what is awaited and what was seen, asked once on failure
     * @param condition the condition, evaluated on the calling thread
     * @throws AssertionError if the condition does not hold within the bound
     */
    public static void eventually(Duration limit, Supplier<String> what, BooleanSupplier condition) {
        long end = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("not within " + limit + ": " + what.get());
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
        }
    }
}
