package org.rtmp4j.server;

import java.time.Duration;
import java.util.Objects;
import org.rtmp4j.core.chunk.ChunkLimits;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.core.session.SessionConfig;

/**
 * Every server-level limit and timeout in one place: what {@link RtmpServer#limits()} reports and
 * what the {@link RtmpServer.Builder} setters change. Immutable.
 *
 * <table>
 *   <caption>Limits, defaults and what happens when one is crossed</caption>
 *   <tr><th>Limit</th><th>Default</th><th>Crossing it</th></tr>
 *   <tr><td>{@code maxConnections}</td><td>1024</td><td>the new TCP connection is closed right
 *       after accept; counted in {@link ServerMetrics#rejectedConnections()}</td></tr>
 *   <tr><td>{@code maxConnectionsPerIp}</td><td>64</td><td>connections from one peer IP address
 *       that do not publish or play yet: one more closes the oldest of them (not the new one)</td></tr>
 *   <tr><td>{@code maxEstablishedPerIp}</td><td>0 (no limit)</td><td>connections from one peer IP
 *       address that publish or play: one more {@code publish} or {@code play} is refused
 *       ({@code NetStream.Publish.Rejected}, {@code NetStream.Play.Failed}) with the reason</td></tr>
 *   <tr><td>{@code handshakeTimeout}</td><td>10 s</td><td>absolute from accept, never extended by
 *       trickling bytes; the connection is closed (RTMP 1.0 §5.2)</td></tr>
 *   <tr><td>{@code connectTimeout}</td><td>20 s</td><td>absolute from accept: no accepted
 *       {@code connect} (RTMP 1.0 §7.2.1.1) by then closes the connection</td></tr>
 *   <tr><td>{@code idleTimeout}</td><td>60 s</td><td>nothing received for this long closes the
 *       connection (a stale publisher frees its stream name)</td></tr>
 *   <tr><td>{@code pingInterval}</td><td>30 s</td><td>after this long without input a Ping
 *       Request is sent (RTMP 1.0 §7.1.7); the Ping Response gives the RTT; 0 disables</td></tr>
 *   <tr><td>{@code maxMessageSize}</td><td>16 MiB</td><td>a chunk header declaring a longer
 *       message closes the connection before anything is allocated (RTMP 1.0 §5.3.1.2)</td></tr>
 *   <tr><td>{@code maxChunkStreams}</td><td>64</td><td>one more chunk stream id closes the
 *       connection (RTMP 1.0 §5.3.1.1)</td></tr>
 *   <tr><td>{@code maxPendingBytes}</td><td>32 MiB</td><td>declared lengths of partly received
 *       messages over all chunk streams above this close the connection</td></tr>
 *   <tr><td>{@code maxMessageStreams}</td><td>16</td><td>{@code createStream} beyond it is
 *       answered with {@code _error} {@code NetConnection.Call.Failed}; the connection stays</td></tr>
 *   <tr><td>{@code outbound.lowWatermark}</td><td>512 KiB</td><td>below it a slow player gets
 *       video again from the next keyframe</td></tr>
 *   <tr><td>{@code outbound.highWatermark}</td><td>2 MiB</td><td>above it a player's inter
 *       frames and audio are dropped until the next keyframe (never sequence headers, metadata or
 *       commands)</td></tr>
 *   <tr><td>{@code outbound.maxQueued}</td><td>16 MiB</td><td>above it that player is closed; the
 *       publisher and other players are unaffected</td></tr>
 * </table>
 *
 * <p>The live relay's own limits (streams per server, publisher policy, GOP cache) are in {@code
 * org.rtmp4j.live.LiveOptions} (default {@code maxStreams} 1024, publisher policy REFUSE).
 *
 * @param maxConnections most connections open at once
 * @param maxConnectionsPerIp most connections open at once from one peer IP address that do not
 *     publish or play yet (the oldest is closed for a newer one)
 * @param maxEstablishedPerIp most publishing or playing connections at once from one peer IP
 *     address, 0 for no limit
 * @param handshakeTimeout handshake deadline from accept
 * @param connectTimeout accepted-connect deadline from accept
 * @param idleTimeout close after this long without received bytes
 * @param pingInterval Ping Request interval when idle; zero disables
 * @param maxMessageSize largest incoming message, in bytes
 * @param maxChunkStreams most incoming chunk stream ids per connection
 * @param maxPendingBytes most bytes of partly received messages per connection
 * @param maxMessageStreams most message streams per connection
 * @param outbound per-player back-pressure watermarks and hard cap, in bytes
 */
public record ServerLimits(
        int maxConnections,
        int maxConnectionsPerIp,
        int maxEstablishedPerIp,
        Duration handshakeTimeout,
        Duration connectTimeout,
        Duration idleTimeout,
        Duration pingInterval,
        int maxMessageSize,
        int maxChunkStreams,
        long maxPendingBytes,
        int maxMessageStreams,
        OutboundLimits outbound) {

    /** Default {@link #maxConnections()}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1024;
    /** Default {@link #maxConnectionsPerIp()}. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 64;

    /**
     * Validates the values.
     *
     * @param maxConnections at least 1
     * @param maxConnectionsPerIp at least 1
     * @param maxEstablishedPerIp at least 0
     * @param handshakeTimeout not null
     * @param connectTimeout not null
     * @param idleTimeout not null
     * @param pingInterval not null
     * @param maxMessageSize at least 1 byte
     * @param maxChunkStreams at least 1
     * @param maxPendingBytes at least 1 byte
     * @param maxMessageStreams at least 1
     * @param outbound not null
     * @throws IllegalArgumentException if a number is out of range
     * @throws NullPointerException if an object is null
     */
    public ServerLimits {
        if (maxConnections < 1 || maxConnectionsPerIp < 1 || maxMessageSize < 1 || maxChunkStreams < 1
                || maxPendingBytes < 1 || maxMessageStreams < 1 || maxEstablishedPerIp < 0) {
            throw new IllegalArgumentException("server limits must be positive");
        }
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(pingInterval, "pingInterval");
        Objects.requireNonNull(outbound, "outbound");
    }

    /** @return the defaults in the table above */
    public static ServerLimits defaults() {
        return of(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONNECTIONS_PER_IP, 0, SessionConfig.defaults());
    }

    /**
     * Gathers the limits of a server.
     *
     * @param maxConnections most connections open at once
     * @param maxConnectionsPerIp most connections from one IP address that do not publish or play yet
     * @param maxEstablishedPerIp most publishing or playing connections from one IP address, 0 for no limit
     * @param session the per-connection settings
     * @return the server's limits
     */
    static ServerLimits of(int maxConnections, int maxConnectionsPerIp, int maxEstablishedPerIp, SessionConfig session) {
        ChunkLimits c = session.chunkLimits();
        return new ServerLimits(maxConnections, maxConnectionsPerIp, maxEstablishedPerIp, session.handshakeTimeout(),
                session.connectTimeout(), session.idleTimeout(), session.pingInterval(), c.maxMessageSize(),
                c.maxChunkStreams(), c.maxPendingBytes(), session.maxMessageStreams(), session.outbound());
    }
}
