package org.rtmp4j.examples.load;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The result of a load run. Times in ms; NaN when nothing was measured.
 *
 * @param url the played URL
 * @param players players started
 * @param connected players whose play started
 * @param disconnected players the server disconnected (or that failed) after starting
 * @param keptUp connected players whose newest media lags the publisher by less than {@code lagLimitMs}
 * @param lagLimitMs the kept-up threshold
 * @param bytes bytes all players read from their sockets
 * @param seconds wall time from the first player's connect to the end
 * @param latencyP50 end-to-end video latency median (synthetic frames only)
 * @param latencyP99 99th percentile latency
 * @param latencyMax largest latency (bucket edge)
 * @param latencySamples frames measured
 * @param steadyP50 latency median of frames sent once every player was playing (no join in progress)
 * @param steadyP99 99th percentile of that
 * @param steadySamples frames measured for the steady figures
 * @param audioP50 end-to-end audio latency median (synthetic AAC frames, send times from {@link AudioSendTimes})
 * @param audioP99 99th percentile audio latency
 * @param audioSteadyP99 99th percentile audio latency of frames sent once every player was playing
 * @param audioSamples audio frames measured
 * @param ttfkP50 time from play to the first video keyframe, median
 * @param ttfkP99 99th percentile of that
 * @param withKeyframe players that got a keyframe
 * @param published messages the publisher sent (0 without one)
 * @param withMedia players that received at least one audio or video message
 * @param synthetic whether {@code --synthetic} published (only its frames carry send times for latency)
 * @param window the steady part of the run: from every player playing to the end of {@code --duration}, with the
 *     bytes the players read in it, so that a harness can divide a server's CPU over the same wall-clock window
 */
record LoadReport(
        String url,
        int players,
        int connected,
        int disconnected,
        int keptUp,
        long lagLimitMs,
        long bytes,
        double seconds,
        double latencyP50,
        double latencyP99,
        double latencyMax,
        long latencySamples,
        double steadyP50,
        double steadyP99,
        long steadySamples,
        double audioP50,
        double audioP99,
        double audioSteadyP99,
        long audioSamples,
        double ttfkP50,
        double ttfkP99,
        int withKeyframe,
        long published,
        int withMedia,
        boolean synthetic,
        SteadyWindow window) {

    /**
     * The steady part of a run in wall-clock time.
     *
     * @param startEpochMs when every player was playing, ms since the epoch
     * @param endEpochMs the end of {@code --duration}, ms since the epoch
     * @param bytes bytes all players read from their sockets in between
     */
    record SteadyWindow(long startEpochMs, long endEpochMs, long bytes) {
        /** No steady part measured. */
        static final SteadyWindow NONE = new SteadyWindow(0, 0, 0);
    }

    void printTable(PrintWriter out) {
        out.printf(Locale.ROOT, "%-26s %s%n", "url", url);
        out.printf(Locale.ROOT, "%-26s %d started, %d playing, %d disconnected%n", "players", players, connected, disconnected);
        out.printf(Locale.ROOT, "%-26s %d of %d (lag < %d ms)%n", "players kept up", keptUp, players, lagLimitMs);
        out.printf(Locale.ROOT, "%-26s %,d (%.1f Mbit/s in all, %.2f Mbit/s per player) in %.1f s%n", "bytes delivered",
                bytes, bytes * 8 / 1e6 / seconds, players == 0 ? 0.0 : bytes * 8 / 1e6 / seconds / players, seconds);
        out.printf(Locale.ROOT, "%-26s %d of %d%n", "players that got media", withMedia, players);
        if (Double.isNaN(latencyP50)) {
            out.printf(Locale.ROOT, "%-26s %s%n", "latency", notMeasured());
        } else {
            out.printf(Locale.ROOT, "%-26s p50 %.1f ms, p99 %.1f ms, max %.1f ms (%,d frames)%n", "latency",
                    latencyP50, latencyP99, latencyMax, latencySamples);
        }
        if (Double.isNaN(steadyP50)) {
            out.printf(Locale.ROOT, "%-26s %s%n", "latency, steady", notMeasured());
        } else {
            out.printf(Locale.ROOT, "%-26s p50 %.1f ms, p99 %.1f ms (%,d frames sent once all were playing)%n",
                    "latency, steady", steadyP50, steadyP99, steadySamples);
        }
        if (Double.isNaN(audioP50)) {
            out.printf(Locale.ROOT, "%-26s %s%n", "audio latency", synthetic ? "n/a (no AAC frame measured; --no-audio?)"
                    : notMeasured());
        } else {
            out.printf(Locale.ROOT, "%-26s p50 %.1f ms, p99 %.1f ms, steady p99 %s ms (%,d frames)%n", "audio latency",
                    audioP50, audioP99, Double.isNaN(audioSteadyP99) ? "n/a" : String.format(Locale.ROOT, "%.1f",
                            audioSteadyP99), audioSamples);
        }
        if (Double.isNaN(ttfkP50)) {
            out.printf(Locale.ROOT, "%-26s n/a (no player got a keyframe)%n", "time to first keyframe");
        } else {
            out.printf(Locale.ROOT, "%-26s p50 %.1f ms, p99 %.1f ms (%d players got one)%n", "time to first keyframe",
                    ttfkP50, ttfkP99, withKeyframe);
        }
        out.printf(Locale.ROOT, "%-26s %,d%n", "messages published", published);
    }

    /** Why a latency figure is missing: only synthetic frames carry their send time. */
    private String notMeasured() {
        return synthetic ? "n/a (no synthetic frame measured)" : "n/a (needs --synthetic)";
    }

    String json() {
        return String.format(Locale.ROOT,
                "{\"url\":\"%s\",\"players\":%d,\"connected\":%d,\"disconnected\":%d,\"keptUp\":%d,\"lagLimitMs\":%d,"
                        + "\"bytes\":%d,\"seconds\":%.3f,\"latencyP50Ms\":%s,\"latencyP99Ms\":%s,\"latencyMaxMs\":%s,"
                        + "\"latencySamples\":%d,\"steadyP50Ms\":%s,\"steadyP99Ms\":%s,\"steadySamples\":%d,"
                        + "\"audioP50Ms\":%s,\"audioP99Ms\":%s,\"audioSteadyP99Ms\":%s,\"audioSamples\":%d,\"ttfkP50Ms\":%s,\"ttfkP99Ms\":%s,\"withKeyframe\":%d,\"published\":%d,\"withMedia\":%d,"
                        + "\"steadyBytes\":%d,\"steadyStartEpochMs\":%d,\"steadyEndEpochMs\":%d}",
                url.replace("\\", "\\\\").replace("\"", "\\\""), players, connected, disconnected, keptUp, lagLimitMs,
                bytes, seconds, num(latencyP50), num(latencyP99), num(latencyMax), latencySamples, num(steadyP50),
                num(steadyP99), steadySamples, num(audioP50), num(audioP99), num(audioSteadyP99), audioSamples, num(ttfkP50),
                num(ttfkP99), withKeyframe, published, withMedia, window.bytes(), window.startEpochMs(),
                window.endEpochMs());
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "null" : String.format(Locale.ROOT, "%.2f", v);
    }
}
