package org.rtmp4j.server;

/**
 * A snapshot of a server's counters, taken by {@link RtmpServer#metrics()}. Immutable.
 *
 * @param activeConnections connections open when the snapshot was taken
 * @param totalConnections connections accepted since start (excluding rejected ones)
 * @param rejectedConnections connections closed at once because {@code maxConnections} were open
 * @param bytesIn bytes read from all connections since start
 * @param bytesOut bytes written to all connections since start
 */
public record ServerMetrics(
        int activeConnections, long totalConnections, long rejectedConnections, long bytesIn, long bytesOut) {}
