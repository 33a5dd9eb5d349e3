package org.rtmp4j.examples.load;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latency histogram in 100 µs buckets up to 60 s (larger values land in the last bucket).
 * Thread-safe: recording is one atomic increment.
 */
final class Histogram {
    private static final long BUCKET_NANOS = 100_000;
    private static final int BUCKETS = 600_000;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** @param nanos a duration in ns; negative values count as 0 */
    void record(long nanos) {
        int i = (int) Math.min(BUCKETS - 1, Math.max(0, nanos) / BUCKET_NANOS);
        counts.incrementAndGet(i);
    }

    /** @return the number of values recorded */
    long count() {
        long n = 0;
        for (int i = 0; i < BUCKETS; i++) {
            n += counts.get(i);
        }
        return n;
    }

    /**
     * @param q quantile, 0..1
     * @return the upper edge in ms of the bucket holding that quantile, or NaN if empty
     */
    double quantileMillis(double q) {
        long total = count();
        if (total == 0) {
            return Double.NaN;
        }
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts.get(i);
            if (seen >= rank) {
                return (i + 1) * BUCKET_NANOS / 1e6;
            }
        }
        return BUCKETS * BUCKET_NANOS / 1e6;
    }
}
