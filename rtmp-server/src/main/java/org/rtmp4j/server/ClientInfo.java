package org.rtmp4j.server;

import java.net.SocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A snapshot of one open connection of a server, any listener (RTMP or HTTP), for an operator's
 * client list ({@link ClientDirectory#list()}). Immutable.
 *
 * @param id the connection's id, unique in this server, counted from 1 in accept order
 * @param kind what the connection does now: {@code rtmp} (handshake or connected, neither publishing
 *     nor playing), {@code rtmp-publisher}, {@code rtmp-player}, {@code http} (plain requests), or what
 *     an HTTP handler declared ({@link org.rtmp4j.http.HttpExchange#describeClient}): {@code http-flv},
 *     {@code ws-flv}, {@code http-ingest}, ...
 * @param remoteAddress the peer's address, or {@code null} if unknown
 * @param stream the stream it publishes or plays as {@code APP/KEY}, or {@code null}
 * @param bytesIn bytes read from it since accept (the wire: headers and framing included)
 * @param bytesOut bytes written to it since accept
 * @param connectedSince when it was accepted
 * @param rttMillis the last measured round-trip time in ms (RTMP Ping, RTMP 1.0 §7.1.7), or
 *     {@code null} when none was measured or the protocol has none
 * @param droppedMessages media messages the slow-player policy dropped for it
 * @param protocol what carries it, in lower case: {@code rtmp}, {@code rtmps} (RTMP over TLS), {@code rtmpt} (RTMP
 *     in HTTP requests), {@code rtmpts} (RTMPT over HTTPS), {@code http} or {@code https}
 */
public record ClientInfo(long id, String kind, SocketAddress remoteAddress, String stream, long bytesIn, long bytesOut,
        Instant connectedSince, Long rttMillis, long droppedMessages, String protocol) {
    /**
     * @throws NullPointerException if {@code kind}, {@code connectedSince} or {@code protocol} is null
     */
    public ClientInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(connectedSince, "connectedSince");
        Objects.requireNonNull(protocol, "protocol");
    }

    /**
     * The snapshot as before the {@code protocol} component: the protocol is {@code http} for an HTTP kind, else
     * {@code rtmp}.
     *
     * @param id the connection's id
     * @param kind what it does now
     * @param remoteAddress the peer's address, or {@code null}
     * @param stream its stream as {@code APP/KEY}, or {@code null}
     * @param bytesIn bytes read from it
     * @param bytesOut bytes written to it
     * @param connectedSince when it was accepted
     * @param rttMillis the last round-trip time in ms, or {@code null}
     * @param droppedMessages media messages dropped for it
     * @throws NullPointerException if {@code kind} or {@code connectedSince} is null
     */
    public ClientInfo(long id, String kind, SocketAddress remoteAddress, String stream, long bytesIn, long bytesOut,
            Instant connectedSince, Long rttMillis, long droppedMessages) {
        this(id, kind, remoteAddress, stream, bytesIn, bytesOut, connectedSince, rttMillis, droppedMessages,
                kind.startsWith("rtmp") ? "rtmp" : "http");
    }
}
