package org.rtmp4j.live;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.http.HttpExchange;
import org.rtmp4j.http.HttpHeaders;
import org.rtmp4j.http.HttpResponseStream;
import org.rtmp4j.http.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The start every HTTP and WebSocket live player shares ({@link HttpFlvPlayer}, {@link Fmp4Player}):
 * the one play decision ({@link LiveBroadcastController#authorizePlay}; a refusal is {@code 403}
 * logged once with the peer), {@code 404} for a name that is not live (unless the player waits for
 * its publisher, or {@link LiveBroadcastController#resolveStream} says one is on its way), then the chunked response or the WebSocket (RFC 6455) the sink writes to, and
 * the subscription with the client's description for the HTTP API. Called on the connection's loop.
 */
final class HttpPlayStart {
    private static final Logger log = LoggerFactory.getLogger(HttpPlayStart.class);

    private HttpPlayStart() {}

    /**
     * A player that may subscribe: its body (response or WebSocket) and its kind.
     *
     * @param stream where the sink writes; open
     * @param kind the plain-HTTP or the WebSocket kind, as the request asked
     */
    record Started(HttpResponseStream stream, PlayerKind kind) {}

    /**
     * Decides, then opens the body; every other outcome is answered here.
     *
     * @param exchange the request
     * @param relay the hub
     * @param key the stream asked for
     * @param httpKind the kind of a plain GET, e.g. {@link PlayerKind#HTTP_FLV}
     * @param wsKind the kind of a WebSocket upgrade, e.g. {@link PlayerKind#WS_FLV}
     * @param contentType the response's {@code Content-Type} (plain HTTP only)
     * @param waitIfNotLive whether a name that is not live waits for its publisher instead of {@code 404}
     * @return the open body, or empty when the request was answered (403, 404, a refused WebSocket
     *     handshake) or needs no body ({@code HEAD})
     */
    static Optional<Started> start(HttpExchange exchange, LiveBroadcastController relay, StreamKey key,
            PlayerKind httpKind, PlayerKind wsKind, String contentType, boolean waitIfNotLive) {
        boolean webSocket = exchange.isWebSocketUpgrade();
        PlayerKind kind = webSocket ? wsKind : httpKind;
        Status refusal = relay.authorizePlay(new PlayAttempt(key, kind, exchange.remoteAddress(),
                Queries.http(exchange.request())));
        if (refusal != null) {
            log.info("{} peer {} refused: 403 play {}: {}", kind.label(), exchange.remoteAddress(), key,
                    refusal.description());
            text(exchange, 403, refusal.description());
            return Optional.empty();
        }
        if (!waitIfNotLive && !relay.isLive(key) && !relay.resolveStream(key)) { // an edge's pull makes it wait
            text(exchange, 404, key + " is not live");
            return Optional.empty();
        }
        HttpResponseStream stream;
        if (webSocket) {
            stream = exchange.acceptWebSocket(new WebSocketListener() { });
            if (stream == null) {
                return Optional.empty(); // refused handshake, already answered
            }
        } else {
            stream = exchange.stream(200, HttpHeaders.of("Content-Type", contentType, "Cache-Control", "no-cache"));
        }
        return stream.isOpen() ? Optional.of(new Started(stream, kind)) : Optional.empty(); // closed: HEAD
    }

    /**
     * Subscribes {@code sink}; ends the body when the name cannot be played, else cancels the
     * subscription when the body closes, and describes the connection for the HTTP API's client list.
     *
     * @param exchange the request
     * @param relay the hub
     * @param key the stream
     * @param started what {@link #start} opened
     * @param sink the output writing to {@code started.stream()}
     */
    static void subscribe(HttpExchange exchange, LiveBroadcastController relay, StreamKey key, Started started,
            MediaSink sink) {
        Optional<LiveSubscription> sub = relay.subscribe(key, sink, started.kind().label() + ":" + exchange.remoteAddress());
        if (sub.isEmpty()) {
            started.stream().end();
            return;
        }
        LiveSubscription subscription = sub.get();
        exchange.describeClient(started.kind().label(), key.toString(), () -> subscription.stats().droppedMessages());
        started.stream().onClose(subscription::cancel);
    }

    /** Answers {@code status} with a one-line {@code text/plain} body. */
    static void text(HttpExchange exchange, int status, String message) {
        exchange.respond(status, HttpHeaders.of("Content-Type", "text/plain"),
                ByteBuffer.wrap((message + "\n").getBytes(StandardCharsets.UTF_8)));
    }
}
