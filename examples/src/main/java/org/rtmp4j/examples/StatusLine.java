package org.rtmp4j.examples;

import java.time.Duration;
import java.util.Locale;
import org.rtmp4j.live.LiveStats;
import org.rtmp4j.server.ServerMetrics;

/**
 * Formats the {@code server} command's periodic status line from two {@link ServerMetrics} snapshots
 * taken {@code elapsed} apart, e.g.
 * {@code status: 3 connections, 1 streams, 2 players, in 2.1 Mbit/s, out 4.2 Mbit/s, dropped 0}.
 * Rates are the byte counters' growth over the interval, in bits per second with SI prefixes (one
 * decimal); {@code dropped} is the slow-player drops of the connections open now. Pure and
 * thread-safe.
 */
final class StatusLine {
    private StatusLine() {}

    /**
     * @param previous the snapshot at the start of the interval
     * @param now the snapshot at its end
     * @param elapsed the time between them; zero or negative gives rates of 0
     * @param live the relay's totals, or {@code null} to count publishing message streams instead
     * @return the line, without line separator
     */
    static String format(ServerMetrics previous, ServerMetrics now, Duration elapsed, LiveStats live) {
        int streams = live != null ? live.activeStreams() : now.publishers();
        return String.format(Locale.ROOT, "status: %d connections, %d streams, %d players, in %s, out %s, dropped %d",
                now.activeConnections(), streams, now.players(),
                rate(now.bytesIn() - previous.bytesIn(), elapsed),
                rate(now.bytesOut() - previous.bytesOut(), elapsed),
                now.droppedMediaMessages());
    }

    /** @return {@code bytes} over {@code elapsed} as e.g. {@code "2.1 Mbit/s"} */
    static String rate(long bytes, Duration elapsed) {
        long nanos = elapsed.toNanos();
        double bits = nanos <= 0 || bytes <= 0 ? 0 : bytes * 8.0 * 1e9 / nanos;
        if (bits >= 1e9) {
            return String.format(Locale.ROOT, "%.1f Gbit/s", bits / 1e9);
        }
        if (bits >= 1e6) {
            return String.format(Locale.ROOT, "%.1f Mbit/s", bits / 1e6);
        }
        if (bits >= 1e3) {
            return String.format(Locale.ROOT, "%.1f kbit/s", bits / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f bit/s", bits);
    }
}
