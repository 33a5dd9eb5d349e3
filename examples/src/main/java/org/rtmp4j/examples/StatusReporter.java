package org.rtmp4j.examples;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.rtmp4j.live.LiveStats;
import org.rtmp4j.server.RtmpServer;
import org.rtmp4j.server.ServerMetrics;

/**
 * Prints a {@link StatusLine} every interval on one daemon thread ({@code rtmp4j-status}) until
 * closed. Thread-safe; {@link #close()} is idempotent.
 */
final class StatusReporter implements AutoCloseable {
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rtmp4j-status");
        t.setDaemon(true);
        return t;
    });
    private final RtmpServer server;
    private final Supplier<LiveStats> live;
    private final PrintWriter out;
    private ServerMetrics previous;
    private long previousNanos;

    private StatusReporter(RtmpServer server, Supplier<LiveStats> live, PrintWriter out) {
        this.server = server;
        this.live = live;
        this.out = out;
    }

    /**
     * @param server the running server
     * @param live the relay's totals, or {@code null}
     * @param out where the lines go (flushed after each)
     * @param interval time between lines; must be positive
     * @return the running reporter
     */
    static StatusReporter start(RtmpServer server, Supplier<LiveStats> live, PrintWriter out, Duration interval) {
        StatusReporter r = new StatusReporter(server, live, out);
        r.previous = server.metrics();
        r.previousNanos = System.nanoTime();
        long ms = interval.toMillis();
        r.timer.scheduleAtFixedRate(r::report, ms, ms, TimeUnit.MILLISECONDS);
        return r;
    }

    private synchronized void report() {
        ServerMetrics now = server.metrics();
        long nanos = System.nanoTime();
        out.println(StatusLine.format(previous, now, Duration.ofNanos(nanos - previousNanos),
                live == null ? null : live.get()));
        out.flush();
        previous = now;
        previousNanos = nanos;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
