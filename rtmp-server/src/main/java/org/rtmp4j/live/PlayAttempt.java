package org.rtmp4j.live;

import java.net.SocketAddress;
import java.util.Objects;

/**
 * A player asking for a stream, whatever the protocol: the input of the one play decision
 * {@link LiveBroadcastController#authorizePlay} that RTMP, HTTP-FLV, WebSocket-FLV, HLS and fMP4
 * players all go through.
 *
 * @param key the stream asked for
 * @param kind the output protocol
 * @param remoteAddress the player's address, or {@code null} when there is none (in-process)
 * @param query the raw query string without {@code ?} (RTMP: the part of the play name after
 *     {@code ?}, then the {@code connect} URL's query after an {@code &} when it has one; HTTP: the
 *     request target's query), {@code ""} if none; percent-encoded as received
 */
public record PlayAttempt(StreamKey key, PlayerKind kind, SocketAddress remoteAddress, String query) {
    /**
     * @throws NullPointerException if {@code key}, {@code kind} or {@code query} is null
     */
    public PlayAttempt {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(query, "query");
    }
}
