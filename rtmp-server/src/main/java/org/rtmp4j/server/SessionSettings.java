package org.rtmp4j.server;

import java.time.Duration;
import java.util.Objects;
import org.rtmp4j.core.chunk.ChunkLimits;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.core.session.SessionConfig;

/**
 * The per-connection RTMP settings of {@link RtmpServer.Builder}: timeouts (RTMP 1.0 §5.2, §7.1.7,
 * §7.2.1.1), chunk limits (RTMP 1.0 §5.3.1), message streams and outbound bounds. Split from the
 * builder only to keep each class small (DESIGN-NOTES.md, "Listeners and the HTTP runtime");
 * callers use {@link RtmpServer.Builder}. Not thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
abstract class SessionSettings<B extends SessionSettings<B>> {
    private SessionConfig sessionConfig = SessionConfig.defaults();
    private Duration handshakeTimeout;
    private Duration connectTimeout;
    private Duration idleTimeout;
    private Duration pingInterval;
    private Integer maxMessageSize;
    private Integer maxChunkStreams;
    private Long maxPendingBytes;
    private Integer maxMessageStreams;
    private OutboundLimits outbound;

    SessionSettings() {}

    /** @return this, as the concrete builder */
    abstract B self();

    /**
     * Sets the per-connection protocol settings and limits. Default {@link SessionConfig#defaults()}.
     *
     * @param config the settings
     * @return this builder
     */
    public B sessionConfig(SessionConfig config) {
        this.sessionConfig = Objects.requireNonNull(config, "config");
        return self();
    }

    /**
     * Overrides {@link SessionConfig#handshakeTimeout()}: how long after accept the RTMP
     * handshake (RTMP 1.0 §5.2) may take. Default 10 s.
     *
     * @param timeout positive
     * @return this builder
     */
    public B handshakeTimeout(Duration timeout) {
        this.handshakeTimeout = positive(timeout, "handshakeTimeout");
        return self();
    }

    /**
     * Overrides {@link SessionConfig#idleTimeout()}: a connection that sends nothing for this
     * long is closed. Default 60 s.
     *
     * @param timeout positive
     * @return this builder
     */
    public B idleTimeout(Duration timeout) {
        this.idleTimeout = positive(timeout, "idleTimeout");
        return self();
    }

    /**
     * Overrides {@link SessionConfig#connectTimeout()}: how long after accept a connection may
     * take to have its {@code connect} accepted (RTMP 1.0 §7.2.1.1). Default 20 s.
     *
     * @param timeout positive
     * @return this builder
     */
    public B connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connectTimeout");
        return self();
    }

    /**
     * Overrides {@link SessionConfig#pingInterval()}: after this long without input a Ping
     * Request is sent (RTMP 1.0 §7.1.7); zero disables. Default 30 s.
     *
     * @param interval zero or positive
     * @return this builder
     */
    public B pingInterval(Duration interval) {
        Objects.requireNonNull(interval, "pingInterval");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("pingInterval must not be negative: " + interval);
        }
        this.pingInterval = interval;
        return self();
    }

    /**
     * Overrides {@link ChunkLimits#maxMessageSize()}: the longest message length a chunk
     * header may declare (RTMP 1.0 §5.3.1.2). Default 16 MiB.
     *
     * @param bytes at least 1
     * @return this builder
     */
    public B maxMessageSize(int bytes) {
        this.maxMessageSize = atLeastOne(bytes, "maxMessageSize");
        return self();
    }

    /**
     * Overrides {@link ChunkLimits#maxChunkStreams()}: most chunk stream ids one connection may
     * use (RTMP 1.0 §5.3.1.1). Default 64.
     *
     * @param max at least 1
     * @return this builder
     */
    public B maxChunkStreams(int max) {
        this.maxChunkStreams = atLeastOne(max, "maxChunkStreams");
        return self();
    }

    /**
     * Overrides {@link ChunkLimits#maxPendingBytes()}: most bytes of partly received messages
     * (by their declared lengths) one connection may hold. Default 32 MiB.
     *
     * @param bytes at least 1
     * @return this builder
     */
    public B maxPendingBytes(long bytes) {
        if (bytes < 1) {
            throw new IllegalArgumentException("maxPendingBytes must be > 0, was " + bytes);
        }
        this.maxPendingBytes = bytes;
        return self();
    }

    /**
     * Overrides {@link SessionConfig#maxMessageStreams()}: most message streams one connection
     * may create; {@code createStream} beyond it gets {@code _error}. Default 16.
     *
     * @param max at least 1
     * @return this builder
     */
    public B maxMessageStreams(int max) {
        this.maxMessageStreams = atLeastOne(max, "maxMessageStreams");
        return self();
    }

    /**
     * Overrides {@link SessionConfig#outbound()}: per-player watermarks and hard cap. Default
     * {@link OutboundLimits#DEFAULT} (512 KiB / 2 MiB / 16 MiB, drop to next keyframe).
     *
     * @param limits the bounds
     * @return this builder
     */
    public B outbound(OutboundLimits limits) {
        this.outbound = Objects.requireNonNull(limits, "outbound");
        return self();
    }

    SessionConfig effectiveSessionConfig() {
        SessionConfig c = sessionConfig;
        if (handshakeTimeout != null || idleTimeout != null || connectTimeout != null || pingInterval != null) {
            c = c.withTimeouts(
                    handshakeTimeout != null ? handshakeTimeout : c.handshakeTimeout(),
                    connectTimeout != null ? connectTimeout : c.connectTimeout(),
                    idleTimeout != null ? idleTimeout : c.idleTimeout(),
                    pingInterval != null ? pingInterval : c.pingInterval());
        }
        if (maxMessageSize != null || maxChunkStreams != null || maxPendingBytes != null) {
            ChunkLimits l = c.chunkLimits();
            c = c.withChunkLimits(new ChunkLimits(
                    maxMessageSize != null ? maxMessageSize : l.maxMessageSize(),
                    l.maxIncomingChunkSize(),
                    maxChunkStreams != null ? maxChunkStreams : l.maxChunkStreams(),
                    maxPendingBytes != null ? maxPendingBytes : l.maxPendingBytes()));
        }
        if (maxMessageStreams != null) {
            c = c.withMaxMessageStreams(maxMessageStreams);
        }
        if (outbound != null) {
            c = c.withOutbound(outbound);
        }
        return c;
    }

    private static int atLeastOne(int v, String what) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be > 0, was " + v);
        }
        return v;
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
        return d;
    }
}
