package org.rtmp4j.core.session;

import java.time.Duration;
import org.rtmp4j.amf.AmfLimits;
import org.rtmp4j.core.chunk.ChunkLimits;
import org.rtmp4j.core.command.EnhancedCapabilities;

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
 * @param enhanced the E-RTMP capabilities a server states in the connect {@code _result} when the
 *     client announced E-RTMP (default {@link #DEFAULT_ENHANCED}); clients ignore it (see {@link
 *     ConnectOptions#withEnhanced})
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
        String fmsVer,
        EnhancedCapabilities enhanced) {

    /**
     * The server's default E-RTMP capabilities (E-RTMP v2, "Enhancing NetConnection connect
     * Command"): the engine relays media without decoding it, so it states {@link
     * EnhancedCapabilities#CAN_FORWARD} for every video and audio codec ({@code "*"} in both info
     * maps), and {@code capsEx} {@link EnhancedCapabilities#CAPS_MULTITRACK} because multitrack
     * packets are relayed unchanged and {@link EnhancedCapabilities#CAPS_RECONNECT} because it can
     * send the Reconnect Request ({@link RtmpSession#requestReconnect}); not ModEx or
     * TimestampNanoOffset (it does not interpret them). Also {@code fourCcList} {@code
     * ["*"]}, for clients of the original E-RTMP that read only the list.
     */
    public static final EnhancedCapabilities DEFAULT_ENHANCED = new EnhancedCapabilities(
            java.util.List.of(EnhancedCapabilities.WILDCARD),
            java.util.Map.of(EnhancedCapabilities.WILDCARD, EnhancedCapabilities.CAN_FORWARD),
            java.util.Map.of(EnhancedCapabilities.WILDCARD, EnhancedCapabilities.CAN_FORWARD),
            EnhancedCapabilities.CAPS_MULTITRACK | EnhancedCapabilities.CAPS_RECONNECT);

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
                "FMS/3,5,7,7009",
                DEFAULT_ENHANCED);
    }

    /**
     * The settings without E-RTMP capabilities of their own: {@link #enhanced()} is {@link
     * #DEFAULT_ENHANCED}. Validates as the canonical constructor.
     *
     * @param chunkSize outgoing chunk size in bytes
     * @param windowAckSize window acknowledgement size in bytes
     * @param peerBandwidth Set Peer Bandwidth window in bytes
     * @param chunkLimits chunk decoder bounds
     * @param amfLimits AMF decoder bounds
     * @param maxMessageStreams most message streams per connection
     * @param handshakeTimeout handshake deadline from accept
     * @param connectTimeout accepted-connect deadline from accept
     * @param idleTimeout close after this long without received bytes
     * @param pingInterval Ping Request interval; zero disables
     * @param outbound back-pressure bounds
     * @param fmsVer server version string for the connect {@code _result}
     */
    public SessionConfig(int chunkSize, long windowAckSize, long peerBandwidth, ChunkLimits chunkLimits,
            AmfLimits amfLimits, int maxMessageStreams, Duration handshakeTimeout, Duration connectTimeout,
            Duration idleTimeout, Duration pingInterval, OutboundLimits outbound, String fmsVer) {
        this(chunkSize, windowAckSize, peerBandwidth, chunkLimits, amfLimits, maxMessageStreams, handshakeTimeout,
                connectTimeout, idleTimeout, pingInterval, outbound, fmsVer, DEFAULT_ENHANCED);
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
     * @param enhanced the server's E-RTMP capabilities, not null
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
        java.util.Objects.requireNonNull(enhanced);
    }

    /**
     * @param v the new value
     * @return a copy with another outgoing chunk size
     */
    public SessionConfig withChunkSize(int v) {
        return new SessionConfig(v, windowAckSize, peerBandwidth, chunkLimits, amfLimits, maxMessageStreams, handshakeTimeout, connectTimeout, idleTimeout, pingInterval, outbound, fmsVer, enhanced);
    }

    /**
     * @param v the new value
     * @return a copy with another window acknowledgement size
     */
    public SessionConfig withWindowAckSize(long v) {
        return new SessionConfig(chunkSize, v, peerBandwidth, chunkLimits, amfLimits, maxMessageStreams, handshakeTimeout, connectTimeout, idleTimeout, pingInterval, outbound, fmsVer, enhanced);
    }

    /**
     * @param v the new value
     * @return a copy with other chunk limits
     */
    public SessionConfig withChunkLimits(ChunkLimits v) {
        return new SessionConfig(chunkSize, windowAckSize, peerBandwidth, v, amfLimits, maxMessageStreams, handshakeTimeout, connectTimeout, idleTimeout, pingInterval, outbound, fmsVer, enhanced);
    }

    /**
     * @param v the new value
     * @return a copy with other AMF limits
     */
    public SessionConfig withAmfLimits(AmfLimits v) {
        return new SessionConfig(chunkSize, windowAckSize, peerBandwidth, chunkLimits, v, maxMessageStreams, handshakeTimeout, connectTimeout, idleTimeout, pingInterval, outbound, fmsVer, enhanced);
    }

    /**
     * @param v the new value
     * @return a copy with another message stream cap
     */
    public SessionConfig withMaxMessageStreams(int v) {
        return new SessionConfig(chunkSize, windowAckSize, peerBandwidth, chunkLimits, amfLimits, v, handshakeTimeout, connectTimeout, idleTimeout, pingInterval, outbound, fmsVer, enhanced);
    }

    /**
     * @param handshake handshake deadline from accept
     * @param connect accepted-connect deadline from accept
     * @param idle close after this long without received bytes
     * @param ping Ping Request interval; zero disables
     * @return a copy with other timeouts
     */
    public SessionConfig withTimeouts(Duration handshake, Duration connect, Duration idle, Duration ping) {
        return new SessionConfig(chunkSize, windowAckSize, peerBandwidth, chunkLimits, amfLimits, maxMessageStreams, handshake, connect, idle, ping, outbound, fmsVer, enhanced);
    }

    /**
     * @param v the new value
     * @return a copy with other outbound limits
     */
    public SessionConfig withOutbound(OutboundLimits v) {
        return new SessionConfig(chunkSize, windowAckSize, peerBandwidth, chunkLimits, amfLimits, maxMessageStreams, handshakeTimeout, connectTimeout, idleTimeout, pingInterval, v, fmsVer, enhanced);
    }

    /**
     * @param v the E-RTMP capabilities the server states in the connect {@code _result} (E-RTMP v2,
     *     "Enhancing NetConnection connect Command"); {@link EnhancedCapabilities#NONE} states only
     *     {@code capsEx} 0
     * @return a copy with other server capabilities
     */
    public SessionConfig withEnhanced(EnhancedCapabilities v) {
        return new SessionConfig(chunkSize, windowAckSize, peerBandwidth, chunkLimits, amfLimits, maxMessageStreams, handshakeTimeout, connectTimeout, idleTimeout, pingInterval, outbound, fmsVer, v);
    }
}
