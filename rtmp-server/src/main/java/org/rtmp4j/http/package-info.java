/**
 * Sans-I/O HTTP/1.1 and WebSocket building blocks for the HTTP-FLV, WebSocket-FLV and HTTP ingest
 * runtime: no sockets, threads or timers; bytes in, events out (the model is h11).
 *
 * <p>Requests: {@link org.rtmp4j.http.HttpRequestParser} turns the bytes of one connection into
 * {@link org.rtmp4j.http.HttpEvent}s (a {@link org.rtmp4j.http.HttpRequestHead}, body slices, the end of
 * the request) under {@link org.rtmp4j.http.HttpLimits} (RFC 9112 §2.2, §3, §5, §6, §7.1). Bad input
 * is a {@link org.rtmp4j.http.HttpRequestException} carrying the response status, the reason and the
 * byte offset; after one the connection must be closed.
 *
 * <p>Responses: {@link org.rtmp4j.http.HttpResponseWriter} writes a status line and header fields;
 * {@link org.rtmp4j.http.HttpChunkedFraming} frames a body in the chunked transfer coding (RFC 9112
 * §7.1) around a shared payload without copying it.
 *
 * <p>WebSocket (RFC 6455): {@link org.rtmp4j.http.WebSocketHandshake} validates the opening handshake
 * and computes {@code Sec-WebSocket-Accept}; {@link org.rtmp4j.http.WebSocketFrameDecoder} decodes
 * client frames into {@link org.rtmp4j.http.WebSocketEvent}s; {@link org.rtmp4j.http.WebSocketFrames}
 * writes unmasked server frame headers.
 *
 * <p>Runtime API (served by {@code RtmpServer.Builder.http(int)} on the server's event loops): an
 * {@link org.rtmp4j.http.HttpRoute} sends matching requests to an {@link org.rtmp4j.http.HttpHandler},
 * which answers through its {@link org.rtmp4j.http.HttpExchange}: a complete response, an open-ended
 * {@link org.rtmp4j.http.HttpResponseStream} (chunked or close-delimited, zero-copy writes with
 * visible back-pressure, what HTTP-FLV players write to), or a {@link org.rtmp4j.http.WebSocketSession}.
 * {@link org.rtmp4j.http.HttpOptions} holds the listener's limits and CORS origin.
 *
 * <p>Threading: every stateful class here serves one connection and is not thread-safe; the value
 * types are immutable.
 */
package org.rtmp4j.http;
