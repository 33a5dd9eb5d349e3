/**
 * RTMP clients over the sans-I/O {@code ClientConnection} engine of {@code rtmp-core}.
 *
 * <p>{@link org.rtmp4j.client.RtmpClient}: a small blocking client that connects (handshake, RTMP
 * 1.0 §5.2; {@code connect}, §7.2.1.1), publishes ({@link org.rtmp4j.client.Publisher}) and plays
 * ({@link org.rtmp4j.client.Subscription}), plus file helpers ({@code publishFile}, {@code
 * playToFile}). One daemon reader thread per client ({@code rtmp-client-reader}) feeds the engine;
 * writes are synchronous on the caller's thread; both share one lock. Listener callbacks run on the
 * reader thread and must not block. The client follows E-RTMP v2 Reconnect Requests: publishers
 * move to the new connection at their next keyframe, subscriptions re-play (see {@code RtmpClient}).
 *
 * <p>{@link org.rtmp4j.client.NioClientGroup}: many non-blocking {@link org.rtmp4j.client.NioClient}
 * connections on a few NIO event loops (the server's own loop implementation), for load tools and
 * other many-connection clients; requests return futures completed on the connection's loop.
 */
package org.rtmp4j.client;
