package org.rtmp4j.server.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Test fixture of the NIO runtime ITs: a started {@link EventLoopGroup} and an {@link Acceptor} listening on
 * 127.0.0.1 (ephemeral port), registered on the group's first loop. Every accepted connection gets a
 * {@link NioTransport} (5 s handshake timeout) that the test's {@link TransportStarter} starts; if that throws,
 * the transport is closed with the exception. {@link #close()} shuts the loops down (1 s grace, 10 s at most), then
 * closes the listening channel.
 */
final class LoopbackAcceptor implements AutoCloseable {
    /** Starts an accepted connection's transport, e.g. {@code transport.start(handler)}. */
    interface TransportStarter {
        void start(EventLoop loop, SocketChannel channel, NioTransport transport) throws IOException;
    }

    final EventLoopGroup group;
    private final ServerSocketChannel server;

    private LoopbackAcceptor(EventLoopGroup group, ServerSocketChannel server) {
        this.group = group;
        this.server = server;
    }

    /**
     * Starts {@code group}, binds 127.0.0.1:0 and registers the acceptor, waiting at most 5 s for the registration.
     *
     * @param maxConnections the acceptor's connection limit
     */
    static LoopbackAcceptor start(EventLoopGroup group, ServerStats stats, int maxConnections, TransportStarter starter)
            throws Exception {
        group.start();
        ServerSocketChannel server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        Acceptor acceptor = new Acceptor(server, group, stats, maxConnections, (loop, ch) -> {
            NioTransport t = new NioTransport(loop, ch, stats, TimeUnit.SECONDS.toNanos(5));
            try {
                starter.start(loop, ch, t);
            } catch (IOException e) {
                t.closeNow(e);
            }
        });
        CompletableFuture<Void> registered = new CompletableFuture<>();
        group.get(0).execute(() -> {
            try {
                acceptor.register();
                registered.complete(null);
            } catch (IOException e) {
                registered.completeExceptionally(e);
            }
        });
        registered.get(5, TimeUnit.SECONDS);
        return new LoopbackAcceptor(group, server);
    }

    /** A client socket connected to the acceptor (5 s connect timeout, 10 s read timeout). */
    Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(server.getLocalAddress(), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** The listening port. */
    int port() {
        return server.socket().getLocalPort();
    }

    @Override
    public void close() throws Exception {
        group.shutdownGracefully(TimeUnit.SECONDS.toNanos(1)).get(10, TimeUnit.SECONDS);
        server.close();
    }
}
