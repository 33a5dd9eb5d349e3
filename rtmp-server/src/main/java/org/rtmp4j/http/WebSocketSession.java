package org.rtmp4j.http;

/**
 * The server side of an accepted WebSocket connection (RFC 6455): {@link #write} sends one binary
 * message per call as an unmasked frame (§5.2, §5.6) around the caller's shared buffer, with the
 * back-pressure contract of {@link HttpResponseStream}. Pings are answered with pongs and a Close
 * with a Close by the runtime (§5.5). {@link #end()} sends Close 1000 and closes.
 *
 * <p>Threading: as {@link HttpResponseStream}.
 */
public interface WebSocketSession extends HttpResponseStream {
    /**
     * Sends a Close frame (RFC 6455 §5.5.1) and closes the connection once it is flushed. Idempotent.
     *
     * @param code the status code (§7.4.1), 1000..4999
     * @param reason a short UTF-8 reason, at most 123 bytes
     * @throws IllegalArgumentException if the code or reason is out of range
     */
    void close(int code, String reason);
}
