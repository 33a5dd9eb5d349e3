package org.rtmp4j.server;

/**
 * The JMX view of a running {@link RtmpServer} (an MXBean: open types only), registered in the
 * platform MBean server when the server was built with {@link RtmpServer.Builder#jmx(String)}.
 * Each getter reads the same counters as {@link RtmpServer#metrics()}.
 *
 * <p>Thread-safety: every getter may be called from any thread.
 */
public interface RtmpServerMXBean {
    /** @return the bound TCP port */
    int getPort();

    /** @return connections open now ({@link ServerMetrics#activeConnections()}) */
    int getActiveConnections();

    /** @return connections accepted since start ({@link ServerMetrics#totalConnections()}) */
    long getTotalConnections();

    /** @return connections refused by a connection limit ({@link ServerMetrics#rejectedConnections()}) */
    long getRejectedConnections();

    /** @return pending connections closed by the per-IP cap ({@link ServerMetrics#evictedPerIp()}) */
    long getEvictedPerIpConnections();

    /** @return bytes read from every connection since start ({@link ServerMetrics#bytesIn()}) */
    long getBytesIn();

    /** @return bytes written to every connection since start ({@link ServerMetrics#bytesOut()}) */
    long getBytesOut();

    /** @return message streams publishing now ({@link ServerMetrics#publishers()}) */
    int getPublishers();

    /** @return message streams playing now ({@link ServerMetrics#players()}) */
    int getPlayers();

    /** @return media messages dropped for slow players ({@link ServerMetrics#droppedMediaMessages()}) */
    long getDroppedMediaMessages();
}
