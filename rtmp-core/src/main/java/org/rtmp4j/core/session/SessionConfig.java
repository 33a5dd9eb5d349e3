package org.rtmp4j.core.session;

import java.time.Duration;
import org.rtmp4j.amf.AmfLimits;
import org.rtmp4j.core.chunk.ChunkLimits;

/**
 * Per-connection protocol settings and limits. Immutable; derive variants with the {@code with*}
 * methods.
 *
 * @param chunkSize outgoing chunk size in bytes sent after connect (default 4096)
 * @param windowAckSize window acknowledgement size in bytes announced to the peer (default 2,500,000)
 * @param peerBandwidth Set Peer Bandwidth window in bytes, limit type dynamic (default 2,500,000)
 * @param chunkLimits chunk decoder bounds (default {@link ChunkLimits#DEFAULT})
 * @param amfLimits AMF decoder bounds (default {@link AmfLimits#DEFAULT})
 * @param maxMessageStreams most message streams one connection may create (default 16)
 * @param handshakeTimeout absolute deadline for the handshake from accept (default 10 s)
 * @param connectTimeout absolute deadline for an accepted connect from accept (default 20 s)
 * @param idleTimeout close when nothing was received for this long (default 60 s)
 * @param pingInterval send Ping Request this often when idle; zero disables (default 30 s)
 * @param outbound back-pressure bounds (default {@link OutboundLimits#DEFAULT})
 * @param fmsVer server version advertised in the connect {@code _result} (default {@code FMS/3,5,7,7009})
 */
public record SessionConfig(
        int chunkSize,
        long windowAckSize,
        long peerBandwidth,
        ChunkLimits chunkLimits,
        AmfLimits amfLimits,
        int maxMessageStreams,
        Duration handshakeTimeout,
        Duration connectTimeout,
        Duration idleTimeout,
        Duration pingInterval,
        OutboundLimits outbound,
        String fmsVer) {

    /** @return the defaults listed above */
    public static SessionConfig defaults() {
        return new SessionConfig(
                4096,
                2_500_000,
                2_500_000,
                ChunkLimits.DEFAULT,
                AmfLimits.DEFAULT,
                16,
                Duration.ofSeconds(10),
                Duration.ofSeconds(20),
                Duration.ofSeconds(60),
                Duration.ofSeconds(30),
                OutboundLimits.DEFAULT,
                "FMS/3,5,7,7009");
    }

    /**
     * Validates the values.
     *
     * @param chunkSize outgoing chunk size in bytes, 1..0x7FFFFFFF
     * @param windowAckSize window acknowledgement size in bytes, positive
     * @param peerBandwidth Set Peer Bandwidth window in bytes, positive
     * @param chunkLimits chunk decoder bounds, not null
     * @param amfLimits AMF decoder bounds, not null
     * @param maxMessageStreams most message streams per connection, positive
     * @param handshakeTimeout handshake deadline from accept, not null
     * @param connectTimeout accepted-connect deadline from accept, not null
     * @param idleTimeout close after this long without received bytes, not null
     * @param pingInterval Ping Request interval; zero disables, not null
     * @param outbound back-pressure bounds, not null
     * @param fmsVer server version string for the connect {@code _result}, not null
     * @throws IllegalArgumentException if a number is out of range
     * @throws NullPointerException if an object is null
     */
    public SessionConfig {
        if (chunkSize < 1 || chunkSize > 0x7FFFFFFF || windowAckSize <= 0 || peerBandwidth <= 0 || maxMessageStreams <= 0) {
            throw new IllegalArgumentException("invalid session config");
        }
        java.util.Objects.requireNonNull(chunkLimits);
        java.util.Objects.requireNonNull(amfLimits);
        java.util.Objects.requireNonNull(handshakeTimeout);
        java.util.Objects.requireNonNull(connectTimeout);
        java.util.Objects.requireNonNull(idleTimeout);
        java.util.Objects.requireNonNull(pingInterval);
        java.util.Objects.requireNonNull(outbound);
        java.util.Objects.requireNonNull(fmsVer);
    }

    /**
     * @param v the new value
     * @return a copy with another outgoing chunk size
     */
    public SessionConfig withChunkSize(int v) {
        return new SessionConfig(v, windowAckSize, peerBandwidth, chunkLimits, amfLimits, maxMessageStreams, handshakeTimeout, connectTimeout, idleTimeout, pingInterval, outbound, fmsVer);
    }

    /**
     * @param v the new value
     * @return a copy with another window acknowledgement size
     */
    public SessionConfig withWindowAckSize(long v) {
        return new SessionConfig(chunkSize, v, peerBandwidth, chunkLimits, amfLimits, maxMessageStreams, handshakeTimeout, connectTimeout, idleTimeout, pingInterval, outbound, fmsVer);
    }

    /**
     * @param v the new value
     * @return a copy with other chunk limits
     */
    public SessionConfig withChunkLimits(ChunkLimits v) {
        return new SessionConfig(chunkSize, windowAckSize, peerBandwidth, v, amfLimits, maxMessageStreams, handshakeTimeout, connectTimeout, idleTimeout, pingInterval, outbound, fmsVer);
    }

    /**
     * @param v the new value
     * @return a copy with other AMF limits
     */
    public SessionConfig withAmfLimits(AmfLimits v) {
        return new SessionConfig(chunkSize, windowAckSize, peerBandwidth, chunkLimits, v, maxMessageStreams, handshakeTimeout, connectTimeout, idleTimeout, pingInterval, outbound, fmsVer);
    }

    /**
     * @param v the new value
     * @return a copy with another message stream cap
     */
    public SessionConfig withMaxMessageStreams(int v) {
        return new SessionConfig(chunkSize, windowAckSize, peerBandwidth, chunkLimits, amfLimits, v, handshakeTimeout, connectTimeout, idleTimeout, pingInterval, outbound, fmsVer);
    }

    /**
     * @param handshake handshake deadline from accept
     * @param connect accepted-connect deadline from accept
     * @param idle close after this long without received bytes
     * @param ping Ping Request interval; zero disables
     * @return a copy with other timeouts
     */
    public SessionConfig withTimeouts(Duration handshake, Duration connect, Duration idle, Duration ping) {
        return new SessionConfig(chunkSize, windowAckSize, peerBandwidth, chunkLimits, amfLimits, maxMessageStreams, handshake, connect, idle, ping, outbound, fmsVer);
    }

    /**
     * @param v the new value
     * @return a copy with other outbound limits
     */
    public SessionConfig withOutbound(OutboundLimits v) {
        return new SessionConfig(chunkSize, windowAckSize, peerBandwidth, chunkLimits, amfLimits, maxMessageStreams, handshakeTimeout, connectTimeout, idleTimeout, pingInterval, v, fmsVer);
    }
}
