/**
 * The embeddable RTMP server: {@link org.rtmp4j.server.RtmpServer} (builder, {@code start()},
 * {@code shutdown(Duration)}, {@code AutoCloseable}) running the sans-I/O {@code ServerConnection}
 * engine of {@code rtmp-core} on NIO event loops, and its {@link org.rtmp4j.server.ServerMetrics}.
 *
 * <p>Threading: each connection is confined to one event loop thread ({@code rtmp-loop-N});
 * controller callbacks run there and must not block.
 */
package org.rtmp4j.server;
