package org.rtmp4j.server.internal;

import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepts connections on loop 0 and hands each to a loop of the group, round-robin, by posting
 * the registration to that loop. Enforces the connection limits (global and per peer IP address): an
 * accepted channel over one is closed at once and counted as rejected. Loop 0's thread only (after {@link #register()}).
 */
public final class Acceptor implements LoopChannel {
    private static final Logger LOG = LoggerFactory.getLogger(Acceptor.class);
    private static final int MAX_ACCEPTS_PER_WAKEUP = 64;

    private final ServerSocketChannel server;
    private final EventLoopGroup group;
    private final ServerStats stats;
    private final int maxConnections;
    private final int maxConnectionsPerIp;
    private final BiConsumer<EventLoop, SocketChannel> onAccepted;
    private SelectionKey key;
    private boolean closed;

    /**
     * @param server a bound channel
     * @param group the loops that take the connections
     * @param stats counts connections; reserves the slots
     * @param maxConnections most connections open at once
     * @param maxConnectionsPerIp most connections open at once from one peer IP address
     * @param onAccepted runs on the chosen loop's thread with the accepted channel (slot reserved)
     */
    public Acceptor(
            ServerSocketChannel server,
            EventLoopGroup group,
            ServerStats stats,
            int maxConnections,
            int maxConnectionsPerIp,
            BiConsumer<EventLoop, SocketChannel> onAccepted) {
        this.server = server;
        this.group = group;
        this.stats = stats;
        this.maxConnections = maxConnections;
        this.maxConnectionsPerIp = maxConnectionsPerIp;
        this.onAccepted = onAccepted;
    }

    /**
     * An acceptor without a per-IP limit.
     *
     * @param server a bound channel
     * @param group the loops that take the connections
     * @param stats counts connections; reserves the slots
     * @param maxConnections most connections open at once
     * @param onAccepted runs on the chosen loop's thread with the accepted channel (slot reserved)
     */
    public Acceptor(
            ServerSocketChannel server,
            EventLoopGroup group,
            ServerStats stats,
            int maxConnections,
            BiConsumer<EventLoop, SocketChannel> onAccepted) {
        this(server, group, stats, maxConnections, Integer.MAX_VALUE, onAccepted);
    }

    /**
     * Registers with loop 0. Loop 0's thread only.
     *
     * @throws IOException if registration fails
     */
    public void register() throws IOException {
        server.configureBlocking(false);
        key = group.get(0).register(server, SelectionKey.OP_ACCEPT, this);
    }

    @Override
    public void onReady(int readyOps) throws IOException {
        for (int i = 0; i < MAX_ACCEPTS_PER_WAKEUP && !closed; i++) {
            SocketChannel ch = server.accept();
            if (ch == null) {
                return;
            }
            java.net.SocketAddress peer = remoteOf(ch);
            if (!stats.tryOpen(maxConnections, maxConnectionsPerIp, peer)) {
                LOG.debug("connection limit reached ({} in all, {} per IP address), refusing {}",
                        maxConnections, maxConnectionsPerIp, peer);
                closeQuietly(ch);
                continue;
            }
            try {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                EventLoop target = group.next();
                target.execute(() -> onAccepted.accept(target, ch));
            } catch (IOException | RuntimeException e) {
                LOG.debug("could not hand over accepted connection", e);
                stats.release(peer);
                closeQuietly(ch);
            }
        }
    }

    @Override
    public void closeGracefully() {
        closeNow(null);
    }

    @Override
    public void closeNow(Throwable causeOrNull) {
        if (closed) {
            return;
        }
        closed = true;
        if (key != null) {
            key.cancel();
        }
        closeQuietly(server);
        group.get(0).deregister(this);
    }

    private static java.net.SocketAddress remoteOf(SocketChannel ch) {
        try {
            return ch.getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("close failed", e);
        }
    }

    @Override
    public String toString() {
        return "Acceptor[" + server + "]";
    }
}
