package org.rtmp4j.http;

import java.net.SocketAddress;
import java.nio.ByteBuffer;

/**
 * One request and its response, given to an {@link HttpHandler}. Exactly one answer per exchange:
 * {@link #respond} (a complete response), {@link #stream} (an open-ended body) or
 * {@link #acceptWebSocket} (RFC 6455 upgrade); a second throws {@link IllegalStateException}. The
 * runtime adds {@code Content-Length} or {@code Transfer-Encoding}, {@code Connection} when the
 * connection will close, and the CORS header {@code Access-Control-Allow-Origin} (see
 * {@link HttpOptions#allowOrigin()}). A HEAD request gets the head without the body (RFC 9110 §9.3.2).
 *
 * <p>Threading: the methods run on the connection's thread ({@link #execute} posts there from any
 * thread).
 */
public interface HttpExchange {
    /** @return the parsed request head */
    HttpRequestHead request();

    /** @return the peer's address, or {@code null} if unknown */
    SocketAddress remoteAddress();

    /** @return whether the request came over TLS (an HTTPS listener); {@code false} unless overridden */
    default boolean secure() {
        return false;
    }

    /**
     * Sets who receives the request body; without one the body is read and dropped. Call it from
     * {@link HttpHandler#handle} (later body bytes may already have been dropped).
     *
     * @param listener the body's consumer
     */
    void onBody(HttpBodyListener listener);

    /**
     * Answers with a complete response: {@code Content-Length} is added.
     *
     * @param status the status code (RFC 9110 §15)
     * @param headers extra header fields, without framing fields
     * @param body the content, possibly empty; taken over, not copied
     * @throws IllegalStateException if the exchange was already answered
     */
    void respond(int status, HttpHeaders headers, ByteBuffer body);

    /**
     * Answers with a head and an open-ended body, chunked on HTTP/1.1, close-delimited on HTTP/1.0.
     * For a HEAD request the head is sent and the stream is ended at once.
     *
     * @param status the status code, typically 200
     * @param headers extra header fields, without framing fields (e.g. {@code Content-Type})
     * @return the body stream
     * @throws IllegalStateException if the exchange was already answered
     */
    HttpResponseStream stream(int status, HttpHeaders headers);

    /** @return whether the request asks for a WebSocket upgrade ({@code Upgrade: websocket}) */
    boolean isWebSocketUpgrade();

    /**
     * Completes the WebSocket opening handshake (RFC 6455 §4.2.2, via {@link WebSocketHandshake}):
     * answers {@code 101 Switching Protocols} and switches the connection to WebSocket frames. An
     * invalid handshake is answered with the status of {@link WebSocketHandshake#validate} (400, or
     * 426 with {@code Sec-WebSocket-Version: 13}) and the connection is closed.
     *
     * @param listener receives the client's data messages
     * @return the session, or {@code null} when the handshake was refused
     * @throws IllegalStateException if the exchange was already answered
     */
    WebSocketSession acceptWebSocket(WebSocketListener listener);

    /**
     * Says what this connection does, for the server's client list ({@code RtmpServer.clients()}, an
     * HTTP API): a handler that turns it into a player or a publisher calls it once it accepted. A
     * connection never described is listed as kind {@code http}. Default: ignored (an exchange outside
     * the server's HTTP runtime).
     *
     * @param kind the lower-case kind, e.g. {@code http-flv}, {@code ws-flv}, {@code http-ingest}
     *     (for players, {@code org.rtmp4j.live.PlayerKind#label()})
     * @param stream the stream as {@code APP/KEY}, or {@code null}
     * @param droppedMessages media messages the slow-player policy dropped for it so far, read at each
     *     snapshot from any thread
     */
    default void describeClient(String kind, String stream, java.util.function.LongSupplier droppedMessages) {}

    /**
     * Runs {@code task} on the connection's thread, soon. Any thread.
     *
     * @param task the task
     */
    void execute(Runnable task);
}
