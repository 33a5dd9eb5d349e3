package org.rtmp4j.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rtmp4j.core.command.PublishType;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.session.ClientConnection;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.core.session.ConnectOptions;
import org.rtmp4j.core.session.RtmpStatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blocking RTMP client: one TCP connection (TCP_NODELAY), one daemon reader thread ({@code
 * rtmp-client-reader}) feeding the sans-I/O {@link ClientConnection}, synchronous writes on the
 * caller's thread. Reader and writers share one lock, so the engine is never entered concurrently.
 *
 * <p>URLs have the form {@code rtmp://host[:port]/app[/stream name][?query]}: the first path
 * segment is the application (RTMP 1.0 §7.2.1.1 {@code app}), the rest (with any query) the
 * default stream name, and {@code tcUrl} is {@code rtmp://host:port/app}. The port defaults to
 * 1935.
 *
 * <pre>{@code
 * try (RtmpClient client = RtmpClient.connect(URI.create("rtmp://127.0.0.1/live/cam"), ClientOptions.defaults());
 *      Publisher publisher = client.publish(client.streamName())) {
 *     publisher.send(new VideoMessage(0, 0, payload));
 * }
 * }</pre>
 *
 * <p>Thread-safety: every public method is thread-safe. Listener callbacks run on the reader
 * thread and must not block. From a callback, sends and {@link #close()} are allowed (they run
 * right after the callback returns); {@link #publish} and {@link #play} throw {@link
 * IllegalStateException} there, because they wait for an answer only that thread can deliver.
 */
public final class RtmpClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RtmpClient.class);
    /** Default RTMP port (1935). */
    public static final int DEFAULT_PORT = 1935;

    private static final int READ_BUFFER_SIZE = 64 * 1024;
    private static final int READ_POLL_MILLIS = 100;
    private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final ClientChannel io;
    private final ClientOptions options;
    private final RtmpUrl target;
    private final ListenerRouter router = new ListenerRouter();
    private final ClientConnection engine;
    private final Thread reader;
    private final Set<NetStreamHandle> openStreams = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile CommandMessage connectResult;

    /** Something on a message stream that {@link #close()} must end first. */
    interface NetStreamHandle {
        void closeStream();
    }

    private RtmpClient(SocketChannel channel, RtmpUrl target, ClientOptions options) {
        this.io = new ClientChannel(channel);
        this.target = target;
        this.options = options;
        this.engine = new ClientConnection(options.sessionConfig(), io, router);
        this.reader = new Thread(this::readLoop, "rtmp-client-reader");
        this.reader.setDaemon(true);
    }

    /**
     * Opens a TCP connection, runs the handshake (RTMP 1.0 §5.2) and {@code connect} (§7.2.1.1),
     * waiting at most {@code options.timeout()} for each.
     *
     * @param rtmpUrl {@code rtmp://host[:port]/app[/stream]}
     * @param options timeout, session settings, extra connect properties
     * @return a connected client
     * @throws IOException if the connection fails, times out or the handshake fails
     * @throws RtmpStatusException if the server refused {@code connect}
     * @throws IllegalArgumentException if the URL is not {@code rtmp://} or has no application
     */
    public static RtmpClient connect(URI rtmpUrl, ClientOptions options) throws IOException {
        RtmpUrl target = RtmpUrl.parse(rtmpUrl);
        SocketChannel ch = SocketChannel.open();
        RtmpClient client = null;
        try {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.socket().connect(new InetSocketAddress(target.host(), target.port()), (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis()));
            client = new RtmpClient(ch, target, options);
            client.start();
            return client;
        } catch (IOException | RuntimeException e) {
            if (client != null) {
                client.abort();
            } else {
                ch.close();
            }
            throw e;
        }
    }

    private void start() throws IOException {
        reader.start();
        ConnectOptions connect = new ConnectOptions(target.app(), target.tcUrl(), options.connectProperties());
        connectResult = await(io.call(() -> {
            engine.start();
            return engine.connect(connect);
        }), "connect to " + target.tcUrl());
        LOG.debug("connected to {}", target.tcUrl());
    }

    /** @return the socket, for tests of its options */
    SocketChannel socketChannel() {
        return io.channel();
    }

    /** @return the application from the URL */
    public String app() {
        return target.app();
    }

    /** @return the stream name from the URL (path after the application, with any query), possibly empty */
    public String streamName() {
        return target.streamName();
    }

    /** @return {@code rtmp://host:port/app} as sent in {@code connect} */
    public String tcUrl() {
        return target.tcUrl();
    }

    /** @return the server's {@code _result} to {@code connect} */
    public CommandMessage connectResult() {
        return connectResult;
    }

    /** @return the server's address */
    public SocketAddress remoteAddress() {
        return io.remoteAddress();
    }

    /** @return whether the connection is open and {@link #close()} was not called */
    public boolean isOpen() {
        return !io.isClosing() && !closed.isDone();
    }

    /** @return completes when the connection is gone: normally on a clean close, else exceptionally */
    public CompletableFuture<Void> closeFuture() {
        return closed.copy();
    }

    /**
     * Creates a stream and publishes on it as {@code live} (RTMP 1.0 §7.2.1.3, §7.2.2.6).
     *
     * @param name the stream name
     * @return the publisher; closing it deletes the stream
     * @throws IOException on a timeout or a lost connection
     * @throws RtmpStatusException if the server refused (e.g. NetStream.Publish.BadName)
     * @throws IllegalStateException if closed, or called from a listener callback
     */
    public Publisher publish(String name) throws IOException {
        ensureBlockingAllowed("publish");
        ensureOpen();
        int streamId = await(io.call(engine::createStream), "createStream");
        try {
            await(io.call(() -> engine.publish(streamId, name, PublishType.LIVE)), "publish " + name);
        } catch (IOException | RuntimeException e) {
            deleteStreamQuietly(streamId);
            throw e;
        }
        Publisher p = new Publisher(this, streamId, name);
        openStreams.add(p);
        return p;
    }

    /**
     * Creates a stream and plays {@code name} on it (RTMP 1.0 §7.2.1.3, §7.2.2.1). Media, data and
     * status of that stream go to {@code listener} on the reader thread.
     *
     * @param name the stream name
     * @param listener receives that stream's status, data and media; must not block
     * @return the subscription; closing it deletes the stream
     * @throws IOException on a timeout or a lost connection
     * @throws RtmpStatusException if the server refused (e.g. NetStream.Play.StreamNotFound)
     * @throws IllegalStateException if closed, or called from a listener callback
     */
    public Subscription play(String name, ClientListener listener) throws IOException {
        ensureBlockingAllowed("play");
        ensureOpen();
        int streamId = await(io.call(engine::createStream), "createStream");
        router.put(streamId, listener);
        try {
            await(io.call(() -> engine.play(streamId, name)), "play " + name);
        } catch (IOException | RuntimeException e) {
            router.remove(streamId);
            deleteStreamQuietly(streamId);
            throw e;
        }
        Subscription s = new Subscription(this, streamId, name);
        openStreams.add(s);
        return s;
    }

    /**
     * Connects to {@code url}, publishes its stream name ({@code live}) and sends every tag of
     * {@code flv} in file order, then closes cleanly. Script tags ({@code onMetaData}) become
     * {@code @setDataFrame} metadata.
     *
     * @param url {@code rtmp://host[:port]/app/stream}
     * @param flv the FLV file (FLV 10.1 Annex E)
     * @param realtime if true, each audio/video tag is sent when its timestamp (ms, relative to the
     *     first media tag) has elapsed; if false, as fast as the connection allows
     * @param timeout connect and request timeout
     * @throws IOException if the file is malformed ({@code FlvFormatException}), or the connection
     *     fails or times out
     * @throws RtmpStatusException if the server refuses connect or publish
     * @throws IllegalArgumentException if the URL has no stream name
     */
    public static void publishFile(URI url, Path flv, boolean realtime, Duration timeout) throws IOException {
        FlvFiles.publishFile(url, flv, realtime, timeout);
    }

    /**
     * Connects to {@code url}, plays its stream name and writes what arrives into {@code out}
     * (see {@link FlvRecording}) until the publisher stops, the connection closes or the
     * recording is closed.
     *
     * @param url {@code rtmp://host[:port]/app/stream}
     * @param out the FLV file to create (replaced if it exists)
     * @param timeout connect and request timeout
     * @return the running recording; {@link FlvRecording#done()} completes when it ends
     * @throws IOException if the file cannot be created or the connection fails or times out
     * @throws RtmpStatusException if the server refuses connect or play
     * @throws IllegalArgumentException if the URL has no stream name
     */
    public static FlvRecording playToFile(URI url, Path out, Duration timeout) throws IOException {
        return FlvFiles.playToFile(url, out, timeout);
    }

    /**
     * Closes cleanly: deletes every open stream ({@code deleteStream}, RTMP 1.0 §7.2.2.3), half-closes
     * the socket, waits briefly for the server to close its side, then closes. Idempotent.
     */
    @Override
    public void close() {
        if (!io.markClosing()) {
            return;
        }
        if (io.inEngineCall()) {
            io.execute(this::doClose); // inside an engine call (a listener): runs after it returns
        } else {
            doClose();
        }
    }

    private void doClose() {
        for (NetStreamHandle h : openStreams) {
            try {
                h.closeStream();
            } catch (RuntimeException e) {
                LOG.debug("closing stream", e);
            }
        }
        openStreams.clear();
        try {
            if (io.isOpen()) {
                io.channel().shutdownOutput();
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

    /** Closes at once, without the clean-close steps (a failed connect). */
    private void abort() {
        io.markClosing();
        io.closeChannel();
        if (reader.isAlive()) {
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

    // ----- used by Publisher and Subscription

    void run(Runnable engineCall) {
        ensureOpen();
        io.run(engineCall);
    }

    ClientConnection engine() {
        return engine;
    }

    void streamClosed(NetStreamHandle handle, int streamId) {
        openStreams.remove(handle);
        router.remove(streamId);
        deleteStreamQuietly(streamId);
    }

    private void deleteStreamQuietly(int streamId) {
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

    private void ensureBlockingAllowed(String what) {
        if (io.inEngineCall()) {
            throw new IllegalStateException(
                    what + " from a listener callback would deadlock the reader thread that answers it");
        }
    }

    private void ensureOpen() {
        if (closed.isDone() || !io.isOpen()) {
            throw new IllegalStateException("RTMP connection to " + target.tcUrl() + " is closed");
        }
    }

    private <T> T await(CompletableFuture<T> f, String what) throws IOException {
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
            io.channel().socket().setSoTimeout(READ_POLL_MILLIS);
            InputStream in = io.channel().socket().getInputStream();
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
}
