package org.rtmp4j.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.rtmp4j.server.internal.Acceptor;
import org.rtmp4j.server.internal.ClientEntry;
import org.rtmp4j.server.internal.ConnectionHandler;
import org.rtmp4j.server.internal.EventLoop;
import org.rtmp4j.server.internal.EventLoopGroup;
import org.rtmp4j.server.internal.NioTransport;
import org.rtmp4j.server.internal.PeerLimits;
import org.rtmp4j.server.internal.PeerSlot;
import org.rtmp4j.server.internal.ServerStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bound address of a server: a listening socket, its {@link Acceptor} on loop 0 of the shared
 * {@link EventLoopGroup}, and the {@link ListenerProtocol} that serves what it accepts. Every
 * listener of a server shares the loops, the connection counters and limits ({@link ServerStats}).
 * {@link #bind} and {@link #localAddress()} from the thread that starts the server; {@link #stop()}
 * from any thread.
 */
final class Listener {
    private static final Logger LOG = LoggerFactory.getLogger(Listener.class);
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);
    private static final int BACKLOG = 128;

    private final InetSocketAddress bindAddress;
    private final ListenerProtocol protocol;
    private ServerSocketChannel channel;
    private volatile Acceptor acceptor;
    private volatile InetSocketAddress localAddress;
    private EventLoopGroup group;

    /**
     * @param bindAddress where to listen; port 0 picks an ephemeral port
     * @param protocol what the accepted connections speak
     */
    Listener(InetSocketAddress bindAddress, ListenerProtocol protocol) {
        this.bindAddress = bindAddress;
        this.protocol = protocol;
    }

    /**
     * Binds and registers the acceptor with loop 0; returns once it accepts.
     *
     * @param loops the server's loops
     * @param stats the server's counters, which also reserve the connection slots
     * @param maxConnections most connections open at once, over every listener
     * @param peers the per-IP limits, shared by every listener
     * @param accepting read on each accepted connection: false (draining, stopping) closes it at once
     * @throws IOException if binding or registering fails; the socket is then closed
     */
    void bind(EventLoopGroup loops, ServerStats stats, int maxConnections, PeerLimits peers, BooleanSupplier accepting)
            throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open();
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            try {
                ch.bind(bindAddress, BACKLOG);
            } catch (java.net.BindException e) {
                throw bindFailed(e);
            }
            localAddress = (InetSocketAddress) ch.getLocalAddress();
            Acceptor a = new Acceptor(ch, loops, stats, maxConnections, peers,
                    (loop, accepted, slot) -> open(loop, accepted, slot, stats, peers, accepting));
            CompletableFuture<Void> registered = new CompletableFuture<>();
            loops.get(0).execute(() -> {
                try {
                    a.register();
                    registered.complete(null);
                } catch (Throwable t) {
                    registered.completeExceptionally(t);
                }
            });
            registered.get(10, TimeUnit.SECONDS);
            channel = ch;
            acceptor = a;
            group = loops;
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            throw e;
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(ch);
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IOException("could not start " + protocol.name() + " listener on " + bindAddress + ": " + cause,
                    cause);
        }
    }

    /** The bind failure with the address that could not be bound, which the JDK's message leaves out. */
    private java.net.BindException bindFailed(java.net.BindException e) {
        java.net.BindException named = new java.net.BindException(e.getMessage() + ": "
                + bindAddress.getHostString() + ":" + bindAddress.getPort());
        named.initCause(e);
        return named;
    }

    private void open(EventLoop loop, SocketChannel ch, PeerSlot slot, ServerStats stats, PeerLimits peers,
            BooleanSupplier accepting) {
        ClientEntry entry = stats.clients().open(protocol.name().toLowerCase(java.util.Locale.ROOT), stats);
        NioTransport transport = new NioTransport(loop, ch, entry, LINGER_NANOS);
        entry.bind(transport);
        if (!slot.attach(transport) || !accepting.getAsBoolean()) {
            peers.release(slot);
            transport.closeNow(null);
            return;
        }
        ConnectionHandler handler = null;
        try {
            handler = protocol.open(transport, slot);
            if (!(protocol instanceof TlsProtocol)) {
                handler = new TlsOnPlainPort(handler, transport, protocol.name());
            }
            transport.start(new SlotReleasing(handler, peers, slot));
            LOG.debug("accepted {} {} on {}", protocol.name(), transport.remoteAddress(), loop);
        } catch (Throwable t) {
            LOG.warn("could not set up {} connection from {}", protocol.name(), transport.remoteAddress(), t);
            if (handler == null) {
                peers.release(slot); // else the handler's close releases it
            }
            transport.closeNow(t);
        }
    }

    /** Releases the connection's per-IP slot when it closes, then tells the protocol's handler. */
    private record SlotReleasing(ConnectionHandler handler, PeerLimits peers, PeerSlot slot) implements ConnectionHandler {
        @Override
        public void onBytes(java.nio.ByteBuffer in) {
            handler.onBytes(in);
        }

        @Override
        public void onTick(long nowNanos) {
            handler.onTick(nowNanos);
        }

        @Override
        public void onTransportClosed(Throwable causeOrNull) {
            peers.release(slot);
            handler.onTransportClosed(causeOrNull);
        }
    }

    /** Stops accepting: closes the listening socket (new connections are refused). Idempotent; any thread. */
    void stop() {
        Acceptor a = acceptor;
        if (a != null) {
            group.get(0).execute(() -> a.closeNow(null));
        }
    }

    /** Closes the listening socket directly (after the loops stopped). Idempotent. */
    void closeSocket() {
        closeQuietly(channel);
    }

    /** @return the bound address, or {@code null} before {@link #bind} */
    InetSocketAddress localAddress() {
        return localAddress;
    }

    /** @return the address asked for */
    InetSocketAddress bindAddress() {
        return bindAddress;
    }

    /** @return the protocol's name */
    String protocolName() {
        return protocol.name();
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (IOException e) {
            LOG.debug("close failed", e);
        }
    }

    @Override
    public String toString() {
        return "Listener[" + protocol.name() + " " + (localAddress != null ? localAddress : bindAddress) + "]";
    }
}
