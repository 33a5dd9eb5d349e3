package org.rtmp4j.server;

/**
 * A snapshot of a server's counters, taken by {@link RtmpServer#metrics()}. Immutable.
 *
 * @param activeConnections connections open when the snapshot was taken
 * @param totalConnections connections accepted since start (excluding rejected ones)
 * @param rejectedConnections connections closed at once because {@code maxConnections} were open
 *     ({@code maxConnectionsPerIp} closes the oldest pending connection of the address instead)
 * @param bytesIn bytes read from all connections since start
 * @param bytesOut bytes written to all connections since start
 * @param publishers message streams publishing now, over all connections
 * @param players message streams playing now, over all connections
 * @param droppedMediaMessages media messages dropped by the slow-player policy, summed over the
 *     connections open now
 * @param evictedPerIp connections closed since start because one more pending connection (not yet
 *     publishing or playing) came from the same address over {@code maxConnectionsPerIp}: the
 *     oldest pending one of that address is closed (RTMP and HTTP alike)
 */
public record ServerMetrics(
        int activeConnections,
        long totalConnections,
        long rejectedConnections,
        long bytesIn,
        long bytesOut,
        int publishers,
        int players,
        long droppedMediaMessages,
        long evictedPerIp) {

    /**
     * The counters without the per-IP evictions (zero), the shape before they were counted.
     *
     * @param activeConnections connections open now
     * @param totalConnections connections accepted since start
     * @param rejectedConnections connections refused by a connection limit
     * @param bytesIn bytes read
     * @param bytesOut bytes written
     * @param publishers message streams publishing now
     * @param players message streams playing now
     * @param droppedMediaMessages media messages dropped by the slow-player policy
     */
    public ServerMetrics(int activeConnections, long totalConnections, long rejectedConnections, long bytesIn,
            long bytesOut, int publishers, int players, long droppedMediaMessages) {
        this(activeConnections, totalConnections, rejectedConnections, bytesIn, bytesOut, publishers, players,
                droppedMediaMessages, 0);
    }

    /**
     * The connection and traffic counters only; the stream counters are zero.
     *
     * @param activeConnections connections open now
     * @param totalConnections connections accepted since start
     * @param rejectedConnections connections refused by a connection limit
     * @param bytesIn bytes read
     * @param bytesOut bytes written
     */
    public ServerMetrics(int activeConnections, long totalConnections, long rejectedConnections, long bytesIn, long bytesOut) {
        this(activeConnections, totalConnections, rejectedConnections, bytesIn, bytesOut, 0, 0, 0, 0);
    }
}
