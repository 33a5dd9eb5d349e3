package org.rtmp4j.relay;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Notices a peer that stopped reading: checks a quarter of {@code timeout} apart whether a connection wrote
 * anything while bytes were queued, and calls {@code onStall} once a whole {@code timeout} passed without
 * progress. The slow-output policy alone cannot: it drops media above the high watermark, so the queue of a
 * dead reader stays below the cap for ever. Runs on a shared timer; no thread of its own.
 */
final class StallCheck implements Runnable {
    private final LongSupplier written;
    private final LongSupplier queued;
    private final long timeoutNanos;
    private final Runnable onStall;
    private long lastWritten; // timer thread
    private long lastProgress; // timer thread

    private StallCheck(LongSupplier written, LongSupplier queued, Duration timeout, Runnable onStall) {
        this.written = written;
        this.queued = queued;
        this.timeoutNanos = timeout.toNanos();
        this.onStall = onStall;
        this.lastWritten = written.getAsLong();
        this.lastProgress = System.nanoTime();
    }

    /**
     * Starts checking.
     *
     * @param timer the timer to run on
     * @param written bytes written to the socket so far
     * @param queued bytes queued and not yet written
     * @param timeout how long queued bytes may stay unwritten
     * @param onStall called (on the timer) when they did; the caller cancels the returned future
     * @return the scheduled check, to cancel when the connection goes
     * @throws java.util.concurrent.RejectedExecutionException when the timer is shut down
     */
    static Future<?> start(ScheduledExecutorService timer, LongSupplier written, LongSupplier queued, Duration timeout,
            Runnable onStall) {
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(1), timeout.toNanos() / 4);
        return timer.scheduleAtFixedRate(new StallCheck(written, queued, timeout, onStall), period, period,
                TimeUnit.NANOSECONDS);
    }

    @Override
    public void run() {
        long out = written.getAsLong();
        long now = System.nanoTime();
        if (out != lastWritten || queued.getAsLong() == 0) {
            lastWritten = out;
            lastProgress = now;
        } else if (now - lastProgress >= timeoutNanos) {
            onStall.run();
        }
    }
}
