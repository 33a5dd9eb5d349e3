package org.rtmp4j.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import org.rtmp4j.core.command.PublishType;
import org.rtmp4j.core.command.ReconnectRequest;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.session.ClientConnection;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.core.session.ConnectOptions;
import org.rtmp4j.core.session.RtmpStatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection of an {@link RtmpClient}: the socket, the reader thread ({@code
 * rtmp-client-reader}) feeding the sans-I/O {@link ClientConnection}, the lock that confines it
 * ({@link ClientChannel}) and the per-message-stream {@link ListenerRouter}. A client has one link,
 * and two for the length of an E-RTMP v2 reconnect (the old one and its successor).
 */
final class ClientLink {
    private static final Logger LOG = LoggerFactory.getLogger(ClientLink.class);
    private static final int READ_BUFFER_SIZE = 64 * 1024;
    private static final int READ_POLL_MILLIS = 100;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final ClientChannel io;
    private final RtmpUrl target;
    private final ClientOptions options;
    private final ListenerRouter router;
    private final ClientConnection engine;
    private final Thread reader;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile CommandMessage connectResult;

    private ClientLink(SocketChannel channel, SSLSocket tls, RtmpUrl target, ClientOptions options,
            BiConsumer<ClientLink, ReconnectRequest> onReconnect) throws IOException {
        this.io = new ClientChannel(channel, tls);
        this.target = target;
        this.options = options;
        this.router = new ListenerRouter(r -> onReconnect.accept(this, r));
        this.engine = new ClientConnection(options.sessionConfig(), io, router);
        this.reader = new Thread(this::readLoop, "rtmp-client-reader");
        this.reader.setDaemon(true);
    }

    /**
     * Opens a TCP connection, runs the handshake and {@code connect}, waiting at most {@code
     * options.timeout()} for each.
     *
     * @param connectProperties the extra connect command-object properties to send
     * @param onReconnect called on the reader thread with this link and a Reconnect Request
     */
    static ClientLink open(RtmpUrl target, ClientOptions options, Map<String, Object> connectProperties,
            BiConsumer<ClientLink, ReconnectRequest> onReconnect) throws IOException {
        SocketChannel ch = SocketChannel.open();
        ClientLink link = null;
        try {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            try {
                ch.socket().connect(new InetSocketAddress(target.host(), target.port()),
                        (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis()));
            } catch (IOException e) {
                throw ConnectFailure.naming(e, target);
            }
            SSLSocket tls = target.tls() ? handshake(ch, target, options) : null;
            link = new ClientLink(ch, tls, target, options, onReconnect);
            link.start(new ConnectOptions(target.app(), target.tcUrl(), connectProperties));
            return link;
        } catch (IOException | RuntimeException e) {
            if (link != null) {
                link.abort();
            } else {
                ch.close();
            }
            throw e;
        }
    }

    /**
     * Runs the TLS handshake over the connected socket (SNI, the options' trust), at most the timeout.
     *
     * @throws IOException naming the server and the reason if it fails
     */
    private static SSLSocket handshake(SocketChannel ch, RtmpUrl target, ClientOptions options) throws IOException {
        SSLSocket s;
        try {
            SSLContext ctx = options.tlsTrust().clientContext();
            s = (SSLSocket) ctx.getSocketFactory().createSocket(ch.socket(), target.host(), target.port(), true);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS for " + target.tcUrl() + ": " + e.getMessage(), e);
        }
        s.setSSLParameters(options.tlsTrust().configure(s.getSSLParameters(), target.host()));
        s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis()));
        try {
            s.startHandshake();
        } catch (IOException e) {
            throw new IOException("TLS handshake with " + target.host() + ":" + target.port() + " failed: "
                    + e.getMessage(), e);
        }
        LOG.debug("TLS to {}: {} {}", target.tcUrl(), s.getSession().getProtocol(), s.getSession().getCipherSuite());
        return s;
    }

    private void start(ConnectOptions connect) throws IOException {
        reader.start();
        connectResult = await(io.call(() -> {
            engine.start();
            return engine.connect(connect);
        }), "connect to " + target.tcUrl());
        LOG.debug("connected to {}", target.tcUrl());
    }

    RtmpUrl target() {
        return target;
    }

    SocketChannel channel() {
        return io.channel();
    }

    CommandMessage connectResult() {
        return connectResult;
    }

    SocketAddress remoteAddress() {
        return io.remoteAddress();
    }

    ClientConnection engine() {
        return engine;
    }

    ListenerRouter router() {
        return router;
    }

    boolean isOpen() {
        return !io.isClosing() && !closed.isDone() && io.isOpen();
    }

    /** @return completes when the reader ends: normally on a clean close, else exceptionally */
    CompletableFuture<Void> closeFuture() {
        return closed;
    }

    boolean inEngineCall() {
        return io.inEngineCall();
    }

    /** Runs an engine call under the lock (deferred when already inside one). */
    void run(Runnable engineCall) {
        ensureOpen();
        io.run(engineCall);
    }

    /** Runs {@code task} under the lock, after the current engine call if inside one. */
    void execute(Runnable task) {
        io.execute(task);
    }

    /** createStream, waiting for the message stream id. */
    int createStream() throws IOException {
        ensureOpen();
        return await(io.call(engine::createStream), "createStream");
    }

    /** releaseStream, FCPublish, publish (live), waiting for NetStream.Publish.Start. */
    void publish(int streamId, String name) throws IOException {
        await(io.call(() -> engine.publish(streamId, name, PublishType.LIVE)), "publish " + name);
    }

    /** play, waiting for NetStream.Play.Start; {@code listener} gets the stream's messages from now on. */
    void play(int streamId, String name, ClientListener listener) throws IOException {
        router.put(streamId, listener);
        try {
            await(io.call(() -> engine.play(streamId, name)), "play " + name);
        } catch (IOException | RuntimeException e) {
            router.remove(streamId);
            throw e;
        }
    }

    /** Stops routing {@code streamId} and sends FCUnpublish (if publishing) and deleteStream; never throws. */
    void deleteStreamQuietly(int streamId) {
        router.remove(streamId);
        if (closed.isDone() || !io.isOpen()) {
            return;
        }
        try {
            io.call(() -> {
                engine.deleteStream(streamId);
                return null;
            });
        } catch (RuntimeException e) {
            LOG.debug("deleteStream {}", streamId, e);
        }
    }

    /**
     * Closes cleanly: runs {@code beforeClose} (deleting streams), half-closes the socket, waits
     * briefly for the server to close its side, then closes. Idempotent; from inside an engine call
     * it runs right after that call returns.
     */
    void close(Runnable beforeClose) {
        if (!io.markClosing()) {
            return;
        }
        if (io.inEngineCall()) {
            io.execute(() -> doClose(beforeClose));
        } else {
            doClose(beforeClose);
        }
    }

    private void doClose(Runnable beforeClose) {
        try {
            beforeClose.run();
        } catch (RuntimeException e) {
            LOG.debug("closing streams", e);
        }
        try {
            if (io.isOpen()) {
                io.shutdownOutput();
            }
        } catch (IOException e) {
            LOG.debug("shutdownOutput", e);
        }
        boolean onReader = Thread.currentThread() == reader;
        if (!onReader && reader.isAlive()) {
            joinReader();
        }
        io.closeChannel();
        if (!onReader && reader.isAlive()) {
            joinReader();
        }
    }

    /** Closes at once, without the clean-close steps. */
    void abort() {
        io.markClosing();
        io.closeChannel();
        if (Thread.currentThread() != reader && reader.isAlive()) {
            joinReader();
        }
    }

    private void joinReader() {
        try {
            reader.join(CLOSE_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void ensureOpen() {
        if (closed.isDone() || !io.isOpen()) {
            throw new IllegalStateException("RTMP connection to " + target.tcUrl() + " is closed");
        }
    }

    <T> T await(CompletableFuture<T> f, String what) throws IOException {
        try {
            return f.get(options.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IOException(what + " timed out after " + options.timeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + " interrupted");
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RtmpStatusException s) {
                throw new RtmpStatusException(s.status());
            }
            if (c instanceof IOException io) {
                throw new IOException(what + " failed: " + io.getMessage(), io);
            }
            throw new IOException(what + " failed: " + c, c);
        }
    }

    private void readLoop() {
        Throwable cause = null;
        try {
            InputStream in = io.input(READ_POLL_MILLIS);
            byte[] buf = new byte[READ_BUFFER_SIZE];
            long nextTick = System.nanoTime() + TICK_NANOS;
            while (true) {
                int n;
                try {
                    n = in.read(buf);
                } catch (SocketTimeoutException idle) {
                    n = 0;
                }
                if (n < 0) {
                    break;
                }
                if (n > 0) {
                    ByteBuffer bytes = ByteBuffer.wrap(buf, 0, n);
                    io.call(() -> {
                        engine.onBytes(bytes);
                        return null;
                    });
                }
                long now = System.nanoTime();
                if (now - nextTick >= 0) {
                    nextTick = now + TICK_NANOS;
                    io.call(() -> {
                        engine.onTick(now);
                        return null;
                    });
                }
            }
        } catch (IOException e) {
            if (!io.isClosing()) {
                cause = e;
            }
        } catch (Throwable t) {
            LOG.warn("RTMP client reader failed", t);
            cause = t;
        } finally {
            io.closeChannel();
            Throwable c = cause;
            try {
                io.call(() -> {
                    engine.onTransportClosed(c);
                    return null;
                });
            } catch (RuntimeException e) {
                LOG.debug("onTransportClosed", e);
            }
            if (c == null) {
                closed.complete(null);
            } else {
                closed.completeExceptionally(c);
            }
        }
    }

    @Override
    public String toString() {
        return "ClientLink[" + target.tcUrl() + "]";
    }
}
