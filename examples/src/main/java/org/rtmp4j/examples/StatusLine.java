package org.rtmp4j.examples;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.rtmp4j.live.LiveStats;
import org.rtmp4j.live.StreamInfo;
import org.rtmp4j.server.ServerMetrics;

/**
 * Formats the {@code server} command's status line from two {@link ServerMetrics} snapshots taken
 * {@code elapsed} apart, e.g.
 * {@code status: 3 connections, 1 streams, 2 players, in 2.1 Mbit/s, out 4.2 Mbit/s, dropped 0; busiest:
 * app=live key=cam 2 players 2.1 Mbit/s}, or {@code status: no connections} (no rates) when nothing is
 * connected. Rates are the byte counters' growth over the interval, in bits per second with SI prefixes
 * (one decimal); {@code dropped} is the slow-player drops of the connections open now; the busiest are at
 * most {@value #BUSIEST} live streams, most players first, then highest bitrate (the stream's own, over
 * its last seconds of media). Pure and thread-safe.
 */
final class StatusLine {
    /** The most streams named as busiest. */
    static final int BUSIEST = 3;

    private static final Comparator<StreamInfo> BUSIEST_FIRST = Comparator.comparingInt(StreamInfo::players)
            .thenComparingLong(StreamInfo::bitrate)
            .reversed()
            .thenComparing(i -> i.key().app())
            .thenComparing(i -> i.key().name());

    private StatusLine() {}

    /** As {@link #format(ServerMetrics, ServerMetrics, Duration, LiveStats, Collection)} without streams to name. */
    static String format(ServerMetrics previous, ServerMetrics now, Duration elapsed, LiveStats live) {
        return format(previous, now, elapsed, live, List.of());
    }

    /**
     * @param previous the snapshot at the start of the interval
     * @param now the snapshot at its end
     * @param elapsed the time between them; zero or negative gives rates of 0
     * @param live the relay's totals, or {@code null} to count publishing message streams instead
     * @param streams the relay's streams, of which the busiest are named; empty for none
     * @return the line, without line separator
     */
    static String format(ServerMetrics previous, ServerMetrics now, Duration elapsed, LiveStats live,
            Collection<StreamInfo> streams) {
        if (now.activeConnections() == 0) {
            return "status: no connections";
        }
        return String.format(Locale.ROOT, "status: %s, in %s, out %s, dropped %d%s",
                counts(now, live),
                rate(now.bytesIn() - previous.bytesIn(), elapsed),
                rate(now.bytesOut() - previous.bytesOut(), elapsed),
                now.droppedMediaMessages(),
                busiest(streams));
    }

    /**
     * What the status line says apart from rates: two equal summaries mean nothing worth a new line happened.
     *
     * @param now the latest snapshot
     * @param live the relay's totals, or {@code null}
     * @param streams the relay's streams
     * @return the counts, the drops and the busiest streams with their players
     */
    static String summary(ServerMetrics now, LiveStats live, Collection<StreamInfo> streams) {
        if (now.activeConnections() == 0) {
            return "";
        }
        return counts(now, live) + " dropped " + now.droppedMediaMessages() + busiestOf(streams).stream()
                .map(i -> " " + name(i) + " " + i.players())
                .collect(Collectors.joining());
    }

    /**
     * With the relay's totals, streams and players are the relay's (players of every kind, as the API and
     * {@code /metrics} count them; {@code ServerMetrics.players()} counts RTMP play message streams only, so an
     * HTTP-FLV, WebSocket or fMP4 player was missing from the line); without them, the RTMP counters.
     */
    private static String counts(ServerMetrics now, LiveStats live) {
        int streams = live != null ? live.activeStreams() : now.publishers();
        int players = live != null ? live.totalViewers() : now.players();
        return String.format(Locale.ROOT, "%d connections, %d streams, %d players",
                now.activeConnections(), streams, players);
    }

    private static List<StreamInfo> busiestOf(Collection<StreamInfo> streams) {
        return streams.stream().filter(StreamInfo::live).sorted(BUSIEST_FIRST).limit(BUSIEST).toList();
    }

    private static String busiest(Collection<StreamInfo> streams) {
        List<StreamInfo> top = busiestOf(streams);
        if (top.isEmpty()) {
            return "";
        }
        return top.stream()
                .map(i -> name(i) + " " + i.players() + (i.players() == 1 ? " player " : " players ")
                        + rate(i.bitrate()))
                .collect(Collectors.joining(", ", "; busiest: ", ""));
    }

    private static String name(StreamInfo info) {
        return "app=" + info.key().app() + " key=" + info.key().name();
    }

    /** @return {@code bytes} over {@code elapsed} as e.g. {@code "2.1 Mbit/s"} */
    static String rate(long bytes, Duration elapsed) {
        long nanos = elapsed.toNanos();
        return rate(nanos <= 0 || bytes <= 0 ? 0 : bytes * 8.0 * 1e9 / nanos);
    }

    private static String rate(double bits) {
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
