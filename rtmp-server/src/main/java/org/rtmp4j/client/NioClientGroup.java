package org.rtmp4j.client;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.core.session.ConnectOptions;
import org.rtmp4j.server.internal.EventLoop;
import org.rtmp4j.server.internal.EventLoopGroup;

/**
 * Many non-blocking RTMP client connections on a few NIO event loops: the server's own loops
 * ({@code EventLoop}, {@code NioTransport}) driving one sans-I/O {@code ClientConnection} per
 * connection, so thousands of players need no thread each (load tools, relays that pull). For one
 * connection with blocking calls use {@link RtmpClient}.
 *
 * <p>{@link #connect} opens the TCP connection on the caller's thread (blocking, bounded by {@link
 * ClientOptions#timeout()}), then hands it to the next loop (round-robin), which runs the handshake
 * (RTMP 1.0 §5.2) and {@code connect} (§7.2.1.1). Everything after that happens on that loop's
 * thread, see {@link NioClient}.
 *
 * <p>Thread-safety: thread-safe. {@link #close()} closes every connection (flushing what is
 * queued, at most 1 s) and stops the loops' threads.
 */
public final class NioClientGroup implements AutoCloseable {
    private static final long LINGER_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final EventLoopGroup group;

    /**
     * Creates and starts {@code loops} event loops (daemon threads {@code rtmp-client-loop-N}).
     *
     * @param loops number of loops (threads), &gt; 0
     * @throws IOException if a selector cannot be opened
     * @throws IllegalArgumentException if {@code loops} &lt; 1
     */
    public NioClientGroup(int loops) throws IOException {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory threads = r -> {
            Thread t = new Thread(r, "rtmp-client-loop-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
        this.group = new EventLoopGroup(loops, threads, EventLoop.DEFAULT_TICK_NANOS);
        group.start();
    }

    /** @return the number of event loops */
    public int loops() {
        return group.size();
    }

    /**
     * Connects to {@code url}: TCP connect (TCP_NODELAY) on the caller's thread, then handshake and
     * {@code connect} on a loop. {@code listener} gets every message of the connection on that
     * loop's thread and must not block.
     *
     * @param url {@code rtmp://host[:port]/app[/stream]} (port 1935 by default), or {@code rtmps://}
     *     (TLS on the same loop, port 443 by default, trust from {@link ClientOptions#tlsTrust()})
     * @param options timeout (TCP connect, and handshake + {@code connect} together) and session settings
     * @param listener receives status, media, data and the close, on the loop's thread
     * @return completes with the connected client, or exceptionally with an {@link IOException}
     *     (including a timeout) or {@code RtmpStatusException} (connect refused)
     * @throws IllegalArgumentException if the URL is not {@code rtmp://} or has no application
     */
    public CompletableFuture<NioClient> connect(URI url, ClientOptions options, ClientListener listener) {
        return connect(url, options, listener, null);
    }

    /**
     * Same as {@link #connect(URI, ClientOptions, ClientListener)}, from a chosen local address
     * (e.g. 127.0.0.N on Linux, to spread many test connections over several loopback source
     * addresses when the server limits connections per IP address).
     *
     * @param url {@code rtmp://host[:port]/app[/stream]}
     * @param options timeout and session settings
     * @param listener receives status, media, data and the close, on the loop's thread
     * @param localAddress the local address to bind (any port), or {@code null} for the system's choice
     * @return completes with the connected client, or exceptionally as for the other overload
     * @throws IllegalArgumentException if the URL is not {@code rtmp://} or has no application
     */
    public CompletableFuture<NioClient> connect(URI url, ClientOptions options, ClientListener listener,
            InetAddress localAddress) {
        RtmpUrl target = RtmpUrl.parse(url);
        CompletableFuture<NioClient> result = new CompletableFuture<>();
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (localAddress != null) {
                ch.bind(new InetSocketAddress(localAddress, 0));
            }
            try {
                ch.socket().connect(new InetSocketAddress(target.host(), target.port()),
                        (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis()));
            } catch (IOException e) {
                throw ConnectFailure.naming(e, target);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            result.completeExceptionally(e);
            return result;
        }
        SocketChannel channel = ch;
        EventLoop loop = group.next();
        try {
            loop.execute(() -> start(loop, channel, target, options, listener, result));
        } catch (RuntimeException e) {
            closeQuietly(channel);
            result.completeExceptionally(e);
        }
        return result;
    }

    /**
     * Opens a plain TCP connection (no RTMP) on one of this group's loops, for protocols the caller
     * parses itself, e.g. HTTP-FLV players in a load test sharing the loops with RTMP players. The
     * TCP connect (TCP_NODELAY) and the write of {@code request} happen on the caller's thread,
     * blocking; then the connection moves to the next loop (round-robin), which hands every byte read
     * to {@code listener}. The group's {@link #close()} closes it.
     *
     * @param remote the server's address
     * @param localAddress the local address to bind (any port), or {@code null} for the system's choice
     * @param timeout bound on the TCP connect
     * @param request bytes to send first (e.g. an HTTP request), written completely; may be empty
     * @param listener receives the bytes and the close, on the loop's thread
     * @return completes once the connection is registered with its loop, or exceptionally with the
     *     {@link IOException} of the connect or the write
     */
    public CompletableFuture<Void> openStream(InetSocketAddress remote, InetAddress localAddress, Duration timeout,
            ByteBuffer request, ByteStreamListener listener) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (localAddress != null) {
                ch.bind(new InetSocketAddress(localAddress, 0));
            }
            ch.socket().connect(remote, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            while (request.hasRemaining()) {
                ch.write(request);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            result.completeExceptionally(e);
            return result;
        }
        SocketChannel channel = ch;
        EventLoop loop = group.next();
        try {
            loop.execute(() -> {
                ByteStreamChannel stream = new ByteStreamChannel(loop, channel, listener);
                try {
                    stream.start();
                    result.complete(null);
                } catch (IOException | RuntimeException e) {
                    stream.closeNow(e);
                    result.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            closeQuietly(channel);
            result.completeExceptionally(e);
        }
        return result;
    }

    private static void start(EventLoop loop, SocketChannel channel, RtmpUrl target, ClientOptions options,
            ClientListener listener, CompletableFuture<NioClient> result) {
        NioClient client = new NioClient(loop, channel, options.sessionConfig(), listener, LINGER_NANOS, target);
        try {
            if (target.tls()) {
                client.useTls(options.tlsTrust().newClientEngine(target.host(), target.port()),
                        options.timeout().toNanos());
            }
            client.start();
        } catch (IOException | RuntimeException | java.security.GeneralSecurityException e) {
            client.close();
            result.completeExceptionally(e);
            return;
        }
        Duration timeout = options.timeout();
        var timer = loop.schedule(() -> {
            if (result.completeExceptionally(new TimeoutException("handshake and connect to " + target.tcUrl()
                    + " timed out after " + timeout))) {
                client.close();
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        client.connect(new ConnectOptions(target.app(), target.tcUrl(), options.connectProperties()))
                .whenComplete((reply, failure) -> {
                    timer.cancel();
                    if (failure != null) {
                        if (result.completeExceptionally(failure)) {
                            client.close();
                        }
                    } else {
                        result.complete(client);
                    }
                });
    }

    /**
     * Closes every connection (each flushes what is queued, at most 1 s) and stops the loops.
     * Waits at most 5 s; called on one of the group's own loop threads (from a connection's callback),
     * it starts the shutdown and returns at once, since that loop cannot finish while it waits.
     */
    @Override
    public void close() {
        CompletableFuture<Void> done = group.shutdownGracefully(LINGER_NANOS);
        if (group.inAnyLoop()) {
            return;
        }
        try {
            done.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // best effort: loops are daemon threads
        }
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }
}
