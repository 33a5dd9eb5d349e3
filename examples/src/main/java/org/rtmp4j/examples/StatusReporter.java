package org.rtmp4j.examples;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.rtmp4j.live.LiveStats;
import org.rtmp4j.live.StreamInfo;
import org.rtmp4j.server.RtmpServer;
import org.rtmp4j.server.ServerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks at the server every interval on one daemon thread ({@code rtmp4j-status}) and logs a {@link StatusLine}
 * at INFO on the logger {@value #LOGGER} (so it goes where the logs go, with their timestamp) when
 * something changed since the last line (connections, streams, players, drops, the busiest streams and
 * their players; not the rates alone), and at least every {@link #HEARTBEAT} otherwise. Thread-safe;
 * {@link #close()} is idempotent.
 */
final class StatusReporter implements AutoCloseable {
    /** The logger name. */
    static final String LOGGER = "rtmp4j.status";
    /** The longest time without a status line while the reporter runs. */
    static final Duration HEARTBEAT = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "rtmp4j-status");
        t.setDaemon(true);
        return t;
    });
    private final Supplier<ServerMetrics> metrics;
    private final Supplier<LiveStats> live;
    private final Supplier<Collection<StreamInfo>> streams;
    private final Consumer<String> sink;
    private ServerMetrics previous;
    private long previousNanos;
    private String lastSummary;
    private long lastLineNanos;

    /**
     * A reporter that does nothing until {@link #tick(long)} is called (tests) or {@link #start} schedules it.
     *
     * @param metrics the server's counters
     * @param live the relay's totals, or {@code null}
     * @param streams the relay's streams, or {@code null}
     * @param sink where the lines go
     * @param startNanos the {@link System#nanoTime()} of the first snapshot
     */
    StatusReporter(Supplier<ServerMetrics> metrics, Supplier<LiveStats> live, Supplier<Collection<StreamInfo>> streams,
            Consumer<String> sink, long startNanos) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.live = live;
        this.streams = streams == null ? List::of : streams;
        this.sink = Objects.requireNonNull(sink, "sink");
        this.previous = metrics.get();
        this.previousNanos = startNanos;
    }

    /**
     * @param server the running server
     * @param live the relay's totals, or {@code null}
     * @param streams the relay's streams (for the busiest), or {@code null}
     * @param interval time between looks at the server; must be positive
     * @return the running reporter
     */
    static StatusReporter start(RtmpServer server, Supplier<LiveStats> live, Supplier<Collection<StreamInfo>> streams,
            Duration interval) {
        return start(server, live, streams, interval, LOG::info);
    }

    /** As {@link #start(RtmpServer, Supplier, Supplier, Duration)}, handing the lines to {@code sink} instead. */
    static StatusReporter start(RtmpServer server, Supplier<LiveStats> live, Supplier<Collection<StreamInfo>> streams,
            Duration interval, Consumer<String> sink) {
        StatusReporter r = new StatusReporter(server::metrics, live, streams, sink, System.nanoTime());
        long ms = interval.toMillis();
        r.timer.scheduleAtFixedRate(() -> r.tick(System.nanoTime()), ms, ms, TimeUnit.MILLISECONDS);
        return r;
    }

    /**
     * Takes a snapshot and hands the status line to the sink if something changed or {@link #HEARTBEAT} passed.
     *
     * @param nanos now, on the {@link System#nanoTime()} scale
     * @return the line handed to the sink, or {@code null} if none
     */
    synchronized String tick(long nanos) {
        ServerMetrics now = metrics.get();
        LiveStats totals = live == null ? null : live.get();
        Collection<StreamInfo> infos = streams.get();
        String line = StatusLine.format(previous, now, Duration.ofNanos(nanos - previousNanos), totals, infos);
        String summary = StatusLine.summary(now, totals, infos);
        previous = now;
        previousNanos = nanos;
        if (summary.equals(lastSummary) && nanos - lastLineNanos < HEARTBEAT.toNanos()) {
            return null;
        }
        lastSummary = summary;
        lastLineNanos = nanos;
        sink.accept(line);
        return line;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
