package org.rtmp4j.server;

import java.lang.management.ManagementFactory;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Adapts {@link RtmpServer#metrics()} to {@link RtmpServerMXBean} and (un)registers it. */
final class ServerMXBeanAdapter implements RtmpServerMXBean {
    private static final Logger LOG = LoggerFactory.getLogger(ServerMXBeanAdapter.class);

    private final RtmpServer server;
    private final ObjectName name;

    private ServerMXBeanAdapter(RtmpServer server, ObjectName name) {
        this.server = server;
        this.name = name;
    }

    /** @return the name {@code domain:type=RtmpServer,port=PORT}; IllegalArgumentException if malformed */
    static ObjectName objectName(String domain, int port) {
        try {
            return ObjectName.getInstance(domain + ":type=RtmpServer,port=" + port);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("not a JMX domain: '" + domain + "' (" + e.getMessage() + ")", e);
        }
    }

    /** Registers; on failure logs a warning and returns {@code null} (monitoring must not stop the server). */
    static ServerMXBeanAdapter register(RtmpServer server, String domain) {
        ObjectName n = objectName(domain, server.port());
        ServerMXBeanAdapter bean = new ServerMXBeanAdapter(server, n);
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, n);
            return bean;
        } catch (JMException e) {
            LOG.warn("could not register {} in the platform MBean server: {}", n, e.toString());
            return null;
        }
    }

    ObjectName name() {
        return name;
    }

    void unregister() {
        MBeanServer mbs = ManagementFactory.getPlatformMBeanServer();
        try {
            if (mbs.isRegistered(name)) {
                mbs.unregisterMBean(name);
            }
        } catch (JMException e) {
            LOG.debug("could not unregister {}", name, e);
        }
    }

    @Override
    public int getPort() {
        return server.port();
    }

    @Override
    public int getActiveConnections() {
        return server.metrics().activeConnections();
    }

    @Override
    public long getTotalConnections() {
        return server.metrics().totalConnections();
    }

    @Override
    public long getRejectedConnections() {
        return server.metrics().rejectedConnections();
    }

    @Override
    public long getEvictedPerIpConnections() {
        return server.metrics().evictedPerIp();
    }

    @Override
    public long getBytesIn() {
        return server.metrics().bytesIn();
    }

    @Override
    public long getBytesOut() {
        return server.metrics().bytesOut();
    }

    @Override
    public int getPublishers() {
        return server.metrics().publishers();
    }

    @Override
    public int getPlayers() {
        return server.metrics().players();
    }

    @Override
    public long getDroppedMediaMessages() {
        return server.metrics().droppedMediaMessages();
    }
}
