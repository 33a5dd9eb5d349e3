/**
 * A small blocking RTMP client over the sans-I/O {@code ClientConnection} engine of {@code
 * rtmp-core}: {@link org.rtmp4j.client.RtmpClient} connects (handshake, RTMP 1.0 §5.2; {@code
 * connect}, §7.2.1.1), publishes ({@link org.rtmp4j.client.Publisher}) and plays ({@link
 * org.rtmp4j.client.Subscription}), plus file helpers ({@code publishFile}, {@code playToFile}).
 *
 * <p>Threading: one daemon reader thread per client ({@code rtmp-client-reader}) feeds the engine;
 * writes are synchronous on the caller's thread; both share one lock. Listener callbacks run on the
 * reader thread and must not block.
 */
package org.rtmp4j.client;
