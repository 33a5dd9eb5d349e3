package org.rtmp4j.client;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.command.ReconnectRequest;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.core.session.RtmpStatusException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A blocking RTMP client: one TCP connection (TCP_NODELAY), one daemon reader thread ({@code
 * rtmp-client-reader}) feeding the sans-I/O {@link org.rtmp4j.core.session.ClientConnection}, synchronous writes on the
 * caller's thread. Reader and writers share one lock, so the engine is never entered concurrently.
 *
 * <p>URLs have the form {@code rtmp://host[:port]/app[/instance][/stream name][?query]}, split as
 * ffmpeg and librtmp split them: with one or two path segments the first is the application
 * (RTMP 1.0 §7.2.1.1 {@code app}), with three or more the first two ({@code live/_definst_}); the
 * rest (with any query) is the default stream name, and {@code tcUrl} is {@code
 * rtmp://host:port/app}. The port defaults to 1935. {@code rtmps://} URLs connect over TLS (port 443 by
 * default; the host name is sent as SNI, an IP literal is not, as RFC 6066 forbids; trust as set
 * by {@link ClientOptions#tlsTrust()}, the JDK's trust store by default) and send an {@code
 * rtmps://} {@code tcUrl}.
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
 *
 * <p>Reconnect Request (E-RTMP v2, "Reconnect Request"): with {@link ClientOptions#followReconnect()}
 * (the default) the client announces {@code capsEx} Reconnect in {@code connect} and follows a
 * server's {@code NetConnection.Connect.ReconnectRequest}: on a thread of its own ({@code
 * rtmp-client-reconnect}) it connects to the request's {@code tcUrl} (resolved against the current
 * one; absent, the same URL), then moves every open stream over while the old connection keeps
 * streaming:
 *
 * <ul>
 *   <li>a {@link Publisher} creates its stream on the new connection at once and switches at the
 *       next video keyframe (any audio frame for an audio-only stream): on the sending thread it
 *       waits for the old server to have processed everything sent so far (one {@code
 *       createStream} round trip on the old connection), publishes on the new one (one more round
 *       trip), sends the last metadata, the last video and audio sequence headers (restamped to
 *       the keyframe's timestamp) and the keyframe there, then sends {@code FCUnpublish} and
 *       {@code deleteStream} on the old connection. Nothing is buffered: until the keyframe media
 *       goes to the old connection, and if that one is closed meanwhile, media up to the keyframe
 *       is discarded. If the new publish is refused, the publisher stays on the old connection.
 *       The rtmp4j live relay hands the stream over without notifying its players.</li>
 *   <li>a {@link Subscription} plays the same name on the new connection; its listener keeps
 *       getting the old connection's messages until the new one has caught up (it delivers the
 *       last message delivered, by timestamp and size, or a newer one, per type), then only the
 *       new one's: no message is delivered twice.</li>
 * </ul>
 *
 * <p>When every stream has moved, the old connection is closed. New {@link #publish}/{@link #play}
 * calls go to the new connection as soon as it is up; {@link #tcUrl()}, {@link #remoteAddress()}
 * and {@link #connectResult()} describe it. If the new connection cannot be opened, the client
 * stays on the old one (logged at WARN). {@link #closeFuture()} completes only when the
 * connection in use is lost or closed, not when an old one is retired. A second request while one
 * is being followed is ignored.
 */
public final class RtmpClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RtmpClient.class);
    /** Default RTMP port (1935). */
    public static final int DEFAULT_PORT = 1935;

    private final ClientOptions options;
    private final RtmpUrl target;
    private final Set<NetStreamHandle> openStreams = ConcurrentHashMap.newKeySet();
    private final Set<ClientLink> retiring = ConcurrentHashMap.newKeySet();
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean reconnecting = new AtomicBoolean();
    private final AtomicInteger reconnects = new AtomicInteger();
    private volatile ClientLink link;

    /** Something on a message stream that {@link #close()} must end first and a reconnect must move. */
    interface NetStreamHandle {
        void closeStream();

        /**
         * Prepares the move to {@code next} (on the reconnect thread; may block).
         *
         * @return completes when the handle uses {@code next} only (or was closed), exceptionally
         *     if it cannot move and stays on its connection
         */
        CompletableFuture<Void> moveTo(ClientLink next);
    }

    private RtmpClient(RtmpUrl target, ClientOptions options) {
        this.target = target;
        this.options = options;
    }

    /**
     * Opens a TCP connection, runs the handshake (RTMP 1.0 §5.2) and {@code connect} (§7.2.1.1),
     * waiting at most {@code options.timeout()} for each.
     *
     * @param rtmpUrl {@code rtmp://host[:port]/app[/stream]}
     * @param options timeout, session settings, extra connect properties, reconnect following
     * @return a connected client
     * @throws IOException if the connection fails, times out or the handshake fails
     * @throws RtmpStatusException if the server refused {@code connect}
     * @throws IllegalArgumentException if the URL is not {@code rtmp://} or has no application
     */
    public static RtmpClient connect(URI rtmpUrl, ClientOptions options) throws IOException {
        RtmpUrl target = RtmpUrl.parse(rtmpUrl);
        RtmpClient client = new RtmpClient(target, options);
        client.use(client.open(target));
        return client;
    }

    private ClientLink open(RtmpUrl to) throws IOException {
        return ClientLink.open(to, options, options.effectiveConnectProperties(), this::onReconnectRequest);
    }

    private void use(ClientLink l) {
        link = l;
        l.closeFuture().whenComplete((v, t) -> maybeFinish());
    }

    /** Completes {@link #closeFuture()} once the link in use is gone and no reconnect is under way. */
    private void maybeFinish() {
        ClientLink l = link;
        if (reconnecting.get() || !l.closeFuture().isDone() || closed.isDone()) {
            return;
        }
        l.closeFuture().whenComplete((v, t) -> {
            if (t == null) {
                closed.complete(null);
            } else {
                closed.completeExceptionally(t);
            }
        });
    }

    /** @return the socket, for tests of its options */
    SocketChannel socketChannel() {
        return link.channel();
    }

    /** @return the application from the URL */
    public String app() {
        return target.app();
    }

    /** @return the stream name from the URL (path after the application, with any query), possibly empty */
    public String streamName() {
        return target.streamName();
    }

    /** @return {@code rtmp://host:port/app} as sent in {@code connect} on the connection in use */
    public String tcUrl() {
        return link.target().tcUrl();
    }

    /** @return the server's {@code _result} to {@code connect} on the connection in use */
    public CommandMessage connectResult() {
        return link.connectResult();
    }

    /** @return the address of the server in use */
    public SocketAddress remoteAddress() {
        return link.remoteAddress();
    }

    /** @return how many Reconnect Requests this client followed to a new connection */
    public int reconnects() {
        return reconnects.get();
    }

    /** @return whether the connection is open and {@link #close()} was not called */
    public boolean isOpen() {
        return !closing.get() && link.isOpen();
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
        ClientLink l = link;
        int streamId = l.createStream();
        try {
            l.publish(streamId, name);
        } catch (IOException | RuntimeException e) {
            l.deleteStreamQuietly(streamId);
            throw e;
        }
        Publisher p = new Publisher(this, l, streamId, name);
        openStreams.add(p);
        return p;
    }

    /**
     * Creates a stream and plays {@code name} on it (RTMP 1.0 §7.2.1.3, §7.2.2.1). Media, data and
     * status of that stream go to {@code listener} on the reader thread (during a reconnect, on
     * either connection's reader thread, one call at a time).
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
        Subscription s = new Subscription(this, name, listener);
        s.start(link);
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
     * As {@link #publishFile(URI, Path, boolean, Duration)}, with every client option (timeout, TLS
     * trust for {@code rtmps://}...).
     *
     * @param url {@code rtmp://} or {@code rtmps://host[:port]/app/stream}
     * @param flv the FLV file (FLV 10.1 Annex E)
     * @param realtime pace the tags by their timestamps
     * @param options the client options
     * @throws IOException if the file is malformed, or the connection fails or times out
     * @throws RtmpStatusException if the server refuses connect or publish
     * @throws IllegalArgumentException if the URL has no stream name
     */
    public static void publishFile(URI url, Path flv, boolean realtime, ClientOptions options) throws IOException {
        FlvFiles.publishFile(url, flv, realtime, options);
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
     * As {@link #playToFile(URI, Path, Duration)}, with every client option (timeout, TLS trust for
     * {@code rtmps://}...).
     *
     * @param url {@code rtmp://} or {@code rtmps://host[:port]/app/stream}
     * @param out the FLV file to create (replaced if it exists)
     * @param options the client options
     * @return the running recording; {@link FlvRecording#done()} completes when it ends
     * @throws IOException if the file cannot be created or the connection fails or times out
     * @throws RtmpStatusException if the server refuses connect or play
     * @throws IllegalArgumentException if the URL has no stream name
     */
    public static FlvRecording playToFile(URI url, Path out, ClientOptions options) throws IOException {
        return FlvFiles.playToFile(url, out, options);
    }

    /**
     * Closes cleanly: deletes every open stream ({@code deleteStream}, RTMP 1.0 §7.2.2.3), half-closes
     * the socket, waits briefly for the server to close its side, then closes (also an old connection
     * still being retired after a reconnect). Idempotent.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        link.close(() -> {
            for (NetStreamHandle h : openStreams) {
                try {
                    h.closeStream();
                } catch (RuntimeException e) {
                    LOG.debug("closing stream", e);
                }
            }
            openStreams.clear();
        });
        for (ClientLink old : retiring) {
            old.close(() -> { });
        }
    }

    // ----- reconnect (E-RTMP v2, Reconnect Request)

    /** On {@code from}'s reader thread: starts following the request on a thread of its own. */
    private void onReconnectRequest(ClientLink from, ReconnectRequest request) {
        if (!options.followReconnect() || closing.get() || from != link || !reconnecting.compareAndSet(false, true)) {
            LOG.debug("not following a Reconnect Request from {}", from);
            return;
        }
        String url;
        try {
            url = request.resolve(from.target().tcUrl());
        } catch (RtmpProtocolException e) {
            LOG.warn("ignoring a Reconnect Request from {}: {}", from, e.getMessage());
            reconnecting.set(false);
            return;
        }
        Thread t = new Thread(() -> reconnect(from, url), "rtmp-client-reconnect");
        t.setDaemon(true);
        t.start();
    }

    private void reconnect(ClientLink from, String url) {
        ClientLink next;
        try {
            next = open(RtmpUrl.parseTcUrl(URI.create(url)));
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not follow the Reconnect Request to {} ({}); staying on {}", url, e.toString(), from);
            reconnecting.set(false);
            maybeFinish();
            return;
        }
        if (closing.get()) {
            next.close(() -> { });
            reconnecting.set(false);
            return;
        }
        List<CompletableFuture<Void>> moves = new ArrayList<>();
        for (NetStreamHandle h : List.copyOf(openStreams)) {
            moves.add(h.moveTo(next));
        }
        retiring.add(from);
        use(next);
        reconnects.incrementAndGet();
        reconnecting.set(false);
        if (closing.get()) { // close() ran meanwhile and may have closed only the old connection
            next.close(() -> { });
            from.close(() -> { });
        }
        LOG.info("following a Reconnect Request from {} to {}: {} streams to move", from, next, moves.size());
        CompletableFuture.allOf(moves.toArray(new CompletableFuture<?>[0])).whenCompleteAsync((v, t) -> {
            if (t != null) {
                LOG.warn("a stream could not move from {}; leaving that connection to the server", from, t);
                return;
            }
            retiring.remove(from);
            from.close(() -> { });
            LOG.debug("retired {}", from);
        });
        maybeFinish();
    }

    // ----- used by Publisher and Subscription

    void streamClosed(NetStreamHandle handle) {
        openStreams.remove(handle);
    }

    private void ensureBlockingAllowed(String what) {
        if (link.inEngineCall()) {
            throw new IllegalStateException(
                    what + " from a listener callback would deadlock the reader thread that answers it");
        }
    }

    private void ensureOpen() {
        if (closing.get()) {
            throw new IllegalStateException("RTMP connection to " + tcUrl() + " is closed");
        }
        link.ensureOpen();
    }
}
