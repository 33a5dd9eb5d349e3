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
 * the registration to that loop. Enforces the global connection limit (an accepted channel over it
 * is closed at once and counted as rejected) and admits each connection to the {@link PeerLimits}
 * of its IP address, closing the oldest pending connection of that address when it has too many.
 * Loop 0's thread only (after {@link #register()}).
 */
public final class Acceptor implements LoopChannel {
    private static final Logger LOG = LoggerFactory.getLogger(Acceptor.class);
    private static final int MAX_ACCEPTS_PER_WAKEUP = 64;

    /** Starts an accepted connection on its loop. */
    @FunctionalInterface
    public interface Handoff {
        /**
         * Runs on {@code loop}'s thread.
         *
         * @param loop the loop that serves the connection
         * @param channel the accepted channel (global slot reserved)
         * @param slot its place in the per-IP accounting; {@link PeerSlot#attach} it to the transport
         */
        void start(EventLoop loop, SocketChannel channel, PeerSlot slot);
    }

    private final ServerSocketChannel server;
    private final EventLoopGroup group;
    private final ServerStats stats;
    private final int maxConnections;
    private final PeerLimits peers;
    private final Handoff onAccepted;
    private SelectionKey key;
    private boolean closed;

    /**
     * @param server a bound channel
     * @param group the loops that take the connections
     * @param stats counts connections; reserves the slots
     * @param maxConnections most connections open at once
     * @param peers the per-IP limits
     * @param onAccepted runs on the chosen loop's thread with the accepted channel (slot reserved)
     */
    public Acceptor(
            ServerSocketChannel server,
            EventLoopGroup group,
            ServerStats stats,
            int maxConnections,
            PeerLimits peers,
            Handoff onAccepted) {
        this.server = server;
        this.group = group;
        this.stats = stats;
        this.maxConnections = maxConnections;
        this.peers = peers;
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
        this(server, group, stats, maxConnections, PeerLimits.unlimited(), (loop, ch, slot) -> onAccepted.accept(loop, ch));
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
            if (!stats.tryOpen(maxConnections)) {
                LOG.debug("connection limit reached ({}), refusing {}", maxConnections, peer);
                closeQuietly(ch);
                continue;
            }
            EventLoop target = group.next();
            PeerLimits.Admission admission = peers.admit(peer, target);
            if (admission.evicted() != null) {
                LOG.debug("{} pending connections from {} (not publishing or playing yet): closing the oldest for {}",
                        peers.maxPendingPerIp(), admission.evicted().ip(), peer);
                admission.evicted().evict();
            }
            try {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                target.execute(() -> onAccepted.start(target, ch, admission.slot()));
            } catch (IOException | RuntimeException e) {
                LOG.debug("could not hand over accepted connection", e);
                stats.release();
                peers.release(admission.slot());
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
