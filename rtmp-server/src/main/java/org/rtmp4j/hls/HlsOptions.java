package org.rtmp4j.hls;

import java.time.Duration;
import java.util.Objects;

/**
 * How a stream is cut, listed and served over HLS (RFC 8216bis). Immutable and thread-safe; build one
 * with {@link #defaults()} or {@link #builder()}.
 *
 * @param segmentDuration the target length of a media segment; a video segment is cut at the first
 *     keyframe at or after it (RFC 8216bis §6.2.1), an audio-only one at the first sample at or after
 *     it. Default 2 s; at least 1 ms.
 * @param segmentsKept how many finished segments the live playlist lists (RFC 8216bis §6.2.2); more
 *     are kept if needed so that the playlist never lasts less than three target durations. Default 7;
 *     at least 1.
 * @param partDuration the length of an LL-HLS partial segment (RFC 8216bis §4.4.4.9); a part is cut at
 *     the first sample at or after it. Default 200 ms; at least 1 ms and at most {@code segmentDuration}.
 * @param lowLatency whether playlists carry LL-HLS tags: {@code EXT-X-SERVER-CONTROL},
 *     {@code EXT-X-PART-INF}, {@code EXT-X-PART}, {@code EXT-X-PRELOAD-HINT} (RFC 8216bis §4.4.3.7,
 *     §4.4.3.8, §4.4.4.9, §4.4.5.3). Default {@code true}.
 * @param container the segment format. Default {@link HlsContainer#FMP4}.
 * @param idleTimeout how long a stream's HLS muxer keeps running without a request. Default 60 s; positive.
 * @param alwaysOn whether the muxer runs from the publish on, not only once requested. Default {@code false}.
 * @param blockingTimeout how long a blocking playlist reload (RFC 8216bis §6.2.5.2) is held before it
 *     is answered 503. Default three times {@code segmentDuration} (6 s), the spec's "three Target
 *     Durations" when segments keep to their target; positive.
 * @param maxBlockedRequests how many blocking playlist reloads one stream holds at once; one more is
 *     answered 503 at once. Default 10 000; at least 1.
 */
public record HlsOptions(Duration segmentDuration, int segmentsKept, Duration partDuration,
        boolean lowLatency, HlsContainer container, Duration idleTimeout, boolean alwaysOn,
        Duration blockingTimeout, int maxBlockedRequests) {

    /**
     * Validates the options.
     *
     * @throws NullPointerException if a duration or the container is null
     * @throws IllegalArgumentException if a value is out of the range documented on the component
     */
    public HlsOptions {
        Objects.requireNonNull(container, "container");
        requireAtLeastOneMilli(segmentDuration, "segmentDuration");
        requireAtLeastOneMilli(partDuration, "partDuration");
        requireAtLeastOneMilli(idleTimeout, "idleTimeout");
        requireAtLeastOneMilli(blockingTimeout, "blockingTimeout");
        if (partDuration.compareTo(segmentDuration) > 0) {
            throw new IllegalArgumentException("partDuration " + partDuration + " is longer than segmentDuration "
                    + segmentDuration);
        }
        if (segmentsKept < 1) {
            throw new IllegalArgumentException("segmentsKept must be at least 1: " + segmentsKept);
        }
        if (maxBlockedRequests < 1) {
            throw new IllegalArgumentException("maxBlockedRequests must be at least 1: " + maxBlockedRequests);
        }
    }

    /** @return the defaults: 2 s segments, 7 kept, 200 ms LL-HLS parts, fMP4, 60 s idle, 6 s blocking, 10 000 held */
    public static HlsOptions defaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these options (an explicit blocking timeout stays as it is) */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.segmentDuration = segmentDuration;
        b.segmentsKept = segmentsKept;
        b.partDuration = partDuration;
        b.lowLatency = lowLatency;
        b.container = container;
        b.idleTimeout = idleTimeout;
        b.alwaysOn = alwaysOn;
        b.blockingTimeout = blockingTimeout;
        b.maxBlockedRequests = maxBlockedRequests;
        return b;
    }

    private static void requireAtLeastOneMilli(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.toNanos() < 1_000_000L) {
            throw new IllegalArgumentException(name + " must be at least 1 ms: " + d);
        }
    }

    /** Builds {@link HlsOptions}; not thread-safe. Values are checked by {@link #build()}. */
    public static final class Builder {
        private Duration segmentDuration = Duration.ofSeconds(2);
        private int segmentsKept = 7;
        private Duration partDuration = Duration.ofMillis(200);
        private boolean lowLatency = true;
        private HlsContainer container = HlsContainer.FMP4;
        private Duration idleTimeout = Duration.ofSeconds(60);
        private boolean alwaysOn;
        private Duration blockingTimeout;
        private int maxBlockedRequests = 10_000;

        private Builder() {
        }

        /**
         * @param d target segment length (default 2 s)
         * @return this
         */
        public Builder segmentDuration(Duration d) {
            segmentDuration = d;
            return this;
        }

        /**
         * @param n finished segments listed (default 7)
         * @return this
         */
        public Builder segmentsKept(int n) {
            segmentsKept = n;
            return this;
        }

        /**
         * @param d LL-HLS part length (default 200 ms)
         * @return this
         */
        public Builder partDuration(Duration d) {
            partDuration = d;
            return this;
        }

        /**
         * @param on whether playlists carry LL-HLS tags (default true)
         * @return this
         */
        public Builder lowLatency(boolean on) {
            lowLatency = on;
            return this;
        }

        /**
         * @param c segment format (default fMP4)
         * @return this
         */
        public Builder container(HlsContainer c) {
            container = c;
            return this;
        }

        /**
         * @param d how long a muxer runs without requests (default 60 s)
         * @return this
         */
        public Builder idleTimeout(Duration d) {
            idleTimeout = d;
            return this;
        }

        /**
         * @param on whether the muxer runs from the publish on (default false)
         * @return this
         */
        public Builder alwaysOn(boolean on) {
            alwaysOn = on;
            return this;
        }

        /**
         * @param d how long a blocking reload is held (default 3 x segment duration)
         * @return this
         */
        public Builder blockingTimeout(Duration d) {
            blockingTimeout = d;
            return this;
        }

        /**
         * @param n blocking reloads held at once per stream (default 10 000)
         * @return this
         */
        public Builder maxBlockedRequests(int n) {
            maxBlockedRequests = n;
            return this;
        }

        /**
         * @return the options
         * @throws NullPointerException if a duration or the container is null
         * @throws IllegalArgumentException if a value is out of range (see {@link HlsOptions})
         */
        public HlsOptions build() {
            Duration blocking = blockingTimeout;
            if (blocking == null) {
                blocking = Objects.requireNonNull(segmentDuration, "segmentDuration").multipliedBy(3);
            }
            return new HlsOptions(segmentDuration, segmentsKept, partDuration, lowLatency, container,
                    idleTimeout, alwaysOn, blocking, maxBlockedRequests);
        }
    }
}
