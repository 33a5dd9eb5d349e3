package org.rtmp4j.examples.load;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Turns a load run's players, publisher and histograms into a {@link LoadReport}: players kept up (newest media
 * less than the lag limit behind the publisher's), bytes, video and audio latency quantiles and time to first
 * keyframe. Stateless; called by the main thread at the end of a run.
 */
final class LoadResults {
    private LoadResults() {
    }

    /**
     * @param playUrl the played URL
     * @param all the players
     * @param started each player's start (same order)
     * @param publisher the current publisher, or null without one
     * @param earlierMessages messages sent by publishers that were restarted
     * @param latencies the players' shared histograms
     * @param begin {@link System#nanoTime()} when the first player started
     * @param lagLimitMs the kept-up threshold
     * @param synthetic whether the publisher is synthetic
     * @param window the steady part of the run
     * @return the report, as of now
     */
    static LoadReport report(URI playUrl, LoadPlayer[] all, List<CompletableFuture<Void>> started, LoadPublisher publisher,
            long earlierMessages, Latencies latencies, long begin, long lagLimitMs, boolean synthetic,
            LoadReport.SteadyWindow window) {
        long now = System.nanoTime();
        long lagNanos = TimeUnit.MILLISECONDS.toNanos(lagLimitMs);
        int connected = 0;
        int disconnected = 0;
        int keptUp = 0;
        int withKeyframe = 0;
        int withMedia = 0;
        long bytes = 0;
        long[] ttfk = new long[all.length];
        for (int i = 0; i < all.length; i++) {
            LoadPlayer p = all[i];
            CompletableFuture<Void> f = started.get(i);
            boolean ok = f.isDone() && !f.isCompletedExceptionally();
            if (ok) {
                connected++;
            }
            if (!ok || p.closed()) {
                disconnected++;
            }
            bytes += p.bytesIn();
            if (p.mediaMessages() > 0) {
                withMedia++;
            }
            long t = p.timeToFirstKeyframeNanos();
            if (t >= 0) {
                ttfk[withKeyframe++] = t;
            }
            if (ok && !p.closed() && keptUp(p, publisher, now, lagNanos, lagLimitMs)) {
                keptUp++;
            }
        }
        long[] k = Arrays.copyOf(ttfk, withKeyframe);
        Histogram video = latencies.video();
        Histogram steady = latencies.videoSteady();
        Arrays.sort(k);
        return new LoadReport(playUrl.toString(), all.length, connected, disconnected, keptUp, lagLimitMs, bytes,
                (now - begin) / 1e9, video.quantileMillis(0.5), video.quantileMillis(0.99),
                video.quantileMillis(1.0), video.count(), steady.quantileMillis(0.5),
                steady.quantileMillis(0.99), steady.count(), latencies.audio().quantileMillis(0.5),
                latencies.audio().quantileMillis(0.99), latencies.audioSteady().quantileMillis(0.99),
                latencies.audio().count(), quantileMillis(k, 0.5), quantileMillis(k, 0.99),
                withKeyframe, publisher == null ? 0 : earlierMessages + publisher.messages(), withMedia,
                synthetic, window);
    }

    /** @return the bytes all players read so far */
    static long bytesIn(LoadPlayer[] all) {
        long bytes = 0;
        for (LoadPlayer p : all) {
            bytes += p.bytesIn();
        }
        return bytes;
    }

    private static boolean keptUp(LoadPlayer p, LoadPublisher publisher, long now, long lagNanos, long lagLimitMs) {
        if (publisher == null) {
            return p.lastReceiveNanos() != 0 && now - p.lastReceiveNanos() < lagNanos;
        }
        if (publisher.isSynthetic()) {
            return p.lastSendNanos() != Long.MIN_VALUE && publisher.lastSendNanos() - p.lastSendNanos() < lagNanos;
        }
        return p.lastTimestamp() >= 0 && publisher.lastTimestamp() - p.lastTimestamp() < lagLimitMs;
    }

    private static double quantileMillis(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
        return sorted[i] / 1e6;
    }
}
