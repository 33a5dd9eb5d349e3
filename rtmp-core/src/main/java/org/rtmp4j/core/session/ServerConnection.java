package org.rtmp4j.core.session;

import java.util.Objects;
import org.rtmp4j.core.command.Commands;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.rtmp4j.amf.AmfException;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.command.Connect;
import org.rtmp4j.core.command.EnhancedCapabilities;
import org.rtmp4j.core.command.ReconnectRequest;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.handshake.Handshake;
import org.rtmp4j.core.internal.EncodedMedia;
import org.rtmp4j.core.internal.FanoutTarget;
import org.rtmp4j.core.internal.MediaClassifier;
import org.rtmp4j.core.message.AggregateMessage;
import org.rtmp4j.core.message.AmfEncoding;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.RtmpMessage;
import org.rtmp4j.core.message.SetPeerBandwidth;
import org.rtmp4j.core.message.UserControl;
import org.rtmp4j.core.message.WindowAckSize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server engine for one connection: handshake, chunk stream, messages, protocol handling and
 * controller callbacks. Sans-I/O: bytes in through {@link #onBytes}, bytes out through the {@link
 * Transport}. Confined to the connection's thread; {@link RtmpSession} methods and request
 * decisions marshal to it with {@link Transport#execute} when called elsewhere.
 *
 * <p>Protocol handled by the library (RTMP 1.0 §5.4, §7.1.7, §7.2): acknowledgements against the
 * peer's window, Ping Response, the peer's chunk size, Window Acknowledgement Size / Set Peer
 * Bandwidth / Set Chunk Size / {@code _result} / {@code onBWDone} after an accepted connect,
 * message stream ids, Stream Begin and the {@code onStatus} replies. Commands answered as real
 * servers (FMS, nginx-rtmp) do, each echoing the transaction id when it is not 0:
 *
 * <ul>
 *   <li>{@code releaseStream}: {@code _result}. {@code FCPublish}: {@code _result}, then {@code
 *       onFCPublish} (NetStream.Publish.Start). {@code FCUnpublish}: {@code onFCUnpublish}
 *       (NetStream.Unpublish.Success), {@code _result}, and the publishing stream of that name
 *       stops ({@link RtmpController#onUnpublish}).
 *   <li>{@code FCSubscribe}: {@code _result}, {@code onFCSubscribe} (NetStream.Play.Start), then
 *       {@link RtmpController#onFcSubscribe}.
 *   <li>{@code _checkbw}: {@code _result}, then {@code onBWDone}. {@code getStreamLength}: {@code
 *       _result} with 0 (live streams have no length).
 *   <li>{@code deleteStream}, {@code closeStream}: the stream stops (and is deleted).
 *   <li>{@code pause}, {@code seek}, {@code play2}, {@code receiveAudio}, {@code receiveVideo}: the
 *       stream's playback state is updated (pause and the receive flags filter media sent to it),
 *       then the typed controller callback, whose default sends the status replies.
 *   <li>Anything else: {@link RtmpController#onCall} with a {@link CallRequest}.
 * </ul>
 *
 * <p>AMF3 connections (connect {@code objectEncoding} 3; E-RTMP v2 "Enabling AMF3 in RTMP"): the
 * connect {@code _result} answers in the connect request's own encoding and carries {@code
 * objectEncoding} 3; every later reply and notification ({@code _result}, {@code _error}, {@code
 * onStatus}, {@code onBWDone}, the {@code onFC*} notifications, and those sent through {@link
 * #sendStatus}, {@link #replyResult}, {@link #replyError}) goes out as type 17, and data messages
 * ({@code |RtmpSampleAccess}, {@link #sendMetadata}) as type 15. {@link #send} sends as is.
 * Incoming data messages of type 15 are handled like type 18; shared object messages (types 16
 * and 19) are passed to {@link RtmpController#onMessage} unchanged.
 *
 * <p>E-RTMP (E-RTMP v2, "Enhancing NetConnection connect Command"): when the client's connect
 * announces {@code fourCcList}, {@code videoFourCcInfoMap}, {@code audioFourCcInfoMap} or {@code
 * capsEx} (see {@link Connect#enhanced()}), the {@code _result} properties carry the server's
 * {@link SessionConfig#enhanced()} capabilities (default: forward any codec, multitrack); a legacy
 * client gets a legacy {@code _result}. A property of the wrong AMF type is a protocol error.
 * {@link #requestReconnect} sends the E-RTMP v2 Reconnect Request to a client that announced
 * {@code capsEx} Reconnect and keeps serving it until it leaves.
 *
 * <p>Before an accepted connect every command except {@code connect} is ignored (logged at DEBUG),
 * and media is dropped; the connect deadline closes a peer that never connects. A second {@code
 * connect} is a protocol error. {@code publish}/{@code play} on a message stream id that
 * createStream did not return are answered with {@code _error} NetConnection.Call.Failed.
 *
 * <p>Errors: an {@link RtmpProtocolException} (including chunk and handshake errors) or {@link
 * AmfException} closes the connection and is passed to {@link RtmpController#onClose}; an exception
 * from the controller is logged at WARN and closes only this session.
 */
public final class ServerConnection implements RtmpSession {
    private static final Logger LOG = LoggerFactory.getLogger(ServerConnection.class);
    private static final AtomicLong IDS = new AtomicLong();
    private static final long DROP_WARN_INTERVAL_NANOS = 60_000_000_000L;

    private final SessionConfig config;
    private final RtmpControllerFactory controllers;
    private final Transport transport;
    private final String id = "s" + IDS.incrementAndGet();
    private final OutboundWriter writer;
    private final InboundPipeline pipeline;
    private final Map<Integer, ServerStream> streams = new ConcurrentSkipListMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final SessionCounters counters = new SessionCounters();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private final SessionClock clock;
    private final ServerCommands commands;
    private final FanoutTarget fanoutTarget = new FanoutHooks();
    private RtmpController controller;
    private volatile Connect connect;
    private volatile Object attachment;
    private volatile boolean closed;
    /** Why the session ended, set once by {@link #finish}; {@code null} while open or after a clean close. */
    private volatile Throwable closeCause;
    private volatile boolean reconnectRequested;
    private volatile String transportProtocol = "rtmp";
    private long ignoredMedia;
    private long lastDropWarnNanos = Long.MIN_VALUE;

    /**
     * Creates the engine; deadlines count from the first {@link #onTick}. Nothing is sent until
     * bytes arrive.
     *
     * @param config protocol settings and limits
     * @param controllers makes this connection's controller, once the handshake completes
     * @param transport where bytes are written
     */
    public ServerConnection(SessionConfig config, RtmpControllerFactory controllers, Transport transport) {
        this(config, controllers, transport, null);
    }

    /**
     * Creates the engine with its creation time, from which the handshake and connect deadlines
     * count.
     *
     * @param config protocol settings and limits
     * @param controllers makes this connection's controller, once the handshake completes
     * @param transport where bytes are written
     * @param nowNanos the monotonic clock at accept, e.g. {@code System.nanoTime()}
     */
    public ServerConnection(SessionConfig config, RtmpControllerFactory controllers, Transport transport, long nowNanos) {
        this(config, controllers, transport, Long.valueOf(nowNanos));
    }

    private ServerConnection(SessionConfig config, RtmpControllerFactory controllers, Transport transport, Long nowNanos) {
        this.config = config;
        this.controllers = controllers;
        this.transport = transport;
        this.writer = new OutboundWriter(transport);
        this.pipeline = new InboundPipeline(Handshake.server(), config.chunkLimits(), config.amfLimits(), writer,
                this::onHandshakeComplete, this::dispatch);
        this.clock = new SessionClock(config);
        this.commands = new ServerCommands(this, config, streams);
        if (nowNanos != null) {
            clock.start(nowNanos);
        }
        LOG.debug("{} created, peer {}", id, transport.remoteAddress());
    }

    /**
     * Feeds received bytes; consumes all of {@code in}. A protocol error ({@link
     * RtmpProtocolException}, {@link AmfException}) closes the transport (after logging once at
     * INFO with the peer address, offset and reason), is passed to {@link RtmpController#onClose} and is not rethrown.
     *
     * @param in bytes as received, in order
     */
    public void onBytes(ByteBuffer in) {
        if (closed) {
            in.position(in.limit());
            return;
        }
        if (in.hasRemaining()) {
            clock.received();
        }
        try {
            pipeline.onBytes(in);
        } catch (RtmpProtocolException | AmfException e) {
            protocolError(e);
        } catch (RuntimeException e) {
            LOG.warn("{} failed handling input", id, e);
            fail(e);
        }
        in.position(in.limit());
    }

    /**
     * Drives timers: the handshake and connect deadlines (absolute from creation, never extended by
     * trickling bytes), the idle timeout (reset by any received bytes) and, once connected, a Ping
     * Request (RTMP 1.0 §7.1.7) when nothing was received for {@link SessionConfig#pingInterval()}
     * (at most one per interval); its Ping Response gives {@link #lastRttMillis()}.
     *
     * @param nowNanos a monotonic clock, e.g. {@code System.nanoTime()}
     */
    public void onTick(long nowNanos) {
        if (closed) {
            return;
        }
        // connect is set with ServerCommands' CONNECTED state and never unset (and implies a done
        // handshake): established sessions, nearly all of them, skip two objects' cache lines per tick
        boolean connected = connect != null;
        String expired = clock.tick(nowNanos, connected || pipeline.handshakeDone(), connected);
        if (expired != null) {
            LOG.debug("{} {}", id, expired);
            transport.close();
            finish(new TimeoutException(expired));
        } else if (connected && clock.pingDue()) {
            sendNow(new UserControl.PingRequest(clock.startPing()));
        }
    }

    /**
     * The transport is closed: runs onUnpublish for each publishing stream, onStopPlay for each
     * playing stream, onDeleteStream for every stream, then onClose. Idempotent.
     *
     * @param causeOrNull the failure, or {@code null} on a clean close
     */
    public void onTransportClosed(Throwable causeOrNull) {
        finish(causeOrNull);
    }

    /**
     * @return why the session ended (a protocol error such as a {@link org.rtmp4j.core.chunk.ChunkException},
     *     a deadline's {@link java.util.concurrent.TimeoutException}, an I/O error), or {@code null} while
     *     open or after a clean close; what {@link RtmpController#onClose} was given (any thread)
     */
    public Throwable closeCause() {
        return closeCause;
    }

    /** @return media messages dropped by the back-pressure policy so far (any thread) */
    public long droppedMessages() {
        return dropped.get();
    }

    /**
     * @return this session's outbound counters: dropped video/audio messages, keyframe waits, peak
     *     queued bytes, bytes out (any thread)
     */
    @Override
    public SessionStats stats() {
        return counters.snapshot(writer.bytesOut());
    }

    /** @return the round-trip time measured by the last Ping Request/Response, in ms, or -1 */
    @Override
    public long lastRttMillis() {
        return clock.lastRttMillis();
    }

    /**
     * Changes the outgoing chunk size: sends Set Chunk Size (encoded with the old size), then
     * chunks later messages with {@code chunkSize} (RTMP 1.0 §5.4.1). Safe from any thread.
     *
     * @param chunkSize bytes, 1..0x7FFFFFFF
     */
    public void setChunkSize(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be positive: " + chunkSize);
        }
        runOnConnection(() -> changeChunkSize(chunkSize));
    }

    /** @return whether the session is closed */
    public boolean isClosed() {
        return closed;
    }

    // ---------------------------------------------------------------- inbound

    private void onHandshakeComplete() {
        LOG.debug("{} handshake complete", id);
        controller = controllers.create(this);
        callController(() -> controller.onOpen(this));
    }

    private void dispatch(RtmpMessage m) {
        if (closed) {
            return;
        }
        if (m instanceof CommandMessage c) {
            commands.onCommand(c);
        } else if (m instanceof MediaMessage media) {
            onMediaIn(media);
        } else if (m instanceof DataMessage d) {
            onDataIn(d);
        } else if (m instanceof UserControl u) {
            onUserControl(u);
        } else if (m instanceof WindowAckSize w) {
            pipeline.peerWindowAckSize(w.windowSize());
        } else if (m instanceof AggregateMessage a) {
            for (RtmpMessage sub : a.split()) {
                dispatch(sub);
            }
        } else if (m instanceof SetPeerBandwidth
                || m.type() == org.rtmp4j.core.message.MessageType.SET_CHUNK_SIZE
                || m.type() == org.rtmp4j.core.message.MessageType.ABORT
                || m.type() == org.rtmp4j.core.message.MessageType.ACKNOWLEDGEMENT) {
            LOG.trace("{} protocol control {}", id, m);
        } else if (commands.connected()) {
            callController(() -> controller.onMessage(this, m));
        }
    }

    private void onUserControl(UserControl u) {
        if (u instanceof UserControl.PingRequest p) {
            sendNow(new UserControl.PingResponse(p.pingTimestamp()));
        } else if (u instanceof UserControl.PingResponse p) {
            clock.pingResponse(p.pingTimestamp());
        } else if (u instanceof UserControl.SetBufferLength b) {
            ServerStream s = streams.get(b.eventStreamId());
            if (s != null) {
                s.bufferLengthMs(b.bufferLengthMs());
            }
        } else if (commands.connected()) {
            callController(() -> controller.onMessage(this, u));
        }
    }

    private void onMediaIn(MediaMessage media) {
        ServerStream s = streams.get(media.streamId());
        if (s != null && s.state() == NetStream.State.PUBLISHING) {
            callController(() -> controller.onMedia(this, s, media));
        } else {
            ignoredMedia++;
            LOG.trace("{} ignoring media on message stream id {} ({} so far)", id, media.streamId(), ignoredMedia);
        }
    }

    private void onDataIn(DataMessage d) {
        ServerStream s = streams.get(d.streamId());
        String name = d.name();
        if (s != null && s.state() == NetStream.State.PUBLISHING
                && ("@setDataFrame".equals(name) || "onMetaData".equals(name))) {
            callController(() -> controller.onMetadata(this, s, d));
        } else if (commands.connected()) {
            callController(() -> controller.onMessage(this, d));
        }
    }

    // ---------------------------------------------------------------- plumbing

    ServerCommands commands() {
        return commands;
    }

    /** Calls the controller; an exception from it closes the session (logged at WARN). */
    void call(java.util.function.Consumer<RtmpController> callback) {
        callController(() -> callback.accept(controller));
    }

    /** Records the accepted connect, with the CONNECTED state of {@link ServerCommands}; never unset. */
    void connected(Connect command) {
        this.connect = command;
    }

    /** Sends Set Chunk Size with the old size, then switches (RTMP 1.0 §5.4.1). */
    void changeChunkSize(int chunkSize) {
        if (!closed) {
            writer.changeChunkSize(chunkSize);
        }
    }

    /** Closes the transport (after flushing) and runs the close callbacks. */
    void closeNow(Throwable cause) {
        if (!closed) {
            transport.close();
            finish(cause);
        }
    }

    /** Runs {@code task} on the connection's thread (now if already on it); skipped once closed. */
    void runOnConnection(Runnable task) {
        if (transport.inConnectionThread()) {
            runGuarded(task);
        } else {
            transport.execute(() -> runGuarded(task));
        }
    }

    private void runGuarded(Runnable task) {
        if (closed) {
            return;
        }
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("{} failed", id, e);
            fail(e);
        }
    }

    private void callController(Runnable call) {
        if (closed || controller == null) {
            return;
        }
        try {
            call.run();
        } catch (RtmpProtocolException | AmfException e) {
            // the peer's data was bad where the controller decoded it (e.g. hostile AMF3 onMetaData)
            protocolError(e);
        } catch (RuntimeException e) {
            LOG.warn("{} controller threw; closing the session", id, e);
            fail(e);
        }
    }

    /** Bad input from the peer: logged once at INFO without a stack trace (the session closes and ignores more input). */
    private void protocolError(RuntimeException e) {
        LOG.info("{} closed: protocol error from {}: {}", id, transport.remoteAddress(), e.getMessage());
        fail(e);
    }

    void sendNow(RtmpMessage message) {
        if (!closed) {
            writer.write(message);
        }
    }

    /**
     * @return the connection's AMF encoding for commands and data: AMF3 (types 17/15) once a connect
     *     with {@code objectEncoding} 3 was accepted, else AMF0 (20/18)
     */
    AmfEncoding encoding() {
        Connect c = connect;
        return c == null ? AmfEncoding.AMF0 : c.encoding();
    }

    /** Sends {@code message}, re-encoded as a type 17/15 message on an AMF3 connection (connection thread). */
    void sendReply(RtmpMessage message) {
        sendNow(inConnectionEncoding(message));
    }

    private RtmpMessage inConnectionEncoding(RtmpMessage message) {
        AmfEncoding encoding = encoding();
        if (message instanceof CommandMessage c) {
            return Commands.inEncoding(c, encoding);
        }
        if (message instanceof DataMessage d && d.encoding() != encoding) {
            return new DataMessage(d.timestamp(), d.streamId(), encoding, d.values());
        }
        return message;
    }

    private void fail(Throwable cause) {
        closeNow(cause);
    }

    private void finish(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        closeCause = cause;
        LOG.debug("{} closed{}", id, cause == null ? "" : ": " + cause);
        if (controller != null) {
            List<ServerStream> all = new ArrayList<>(streams.values());
            for (ServerStream s : all) {
                if (s.state() == NetStream.State.PUBLISHING) {
                    notifyQuietly(() -> controller.onUnpublish(this, s));
                } else if (s.state() == NetStream.State.PLAYING) {
                    notifyQuietly(() -> controller.onStopPlay(this, s));
                }
            }
            for (ServerStream s : all) {
                s.become(NetStream.State.CLOSED, s.name());
                notifyQuietly(() -> controller.onDeleteStream(this, s));
            }
            streams.clear();
            notifyQuietly(() -> controller.onClose(this, cause));
        }
        closeFuture.complete(null);
    }

    private void notifyQuietly(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("{} controller threw during close", id, e);
        }
    }

    /**
     * Sends {@code media}, or its shared chunks when {@code encoded} is not null, after the drop
     * decision. {@code traits} are {@code media}'s {@link MediaClassifier#traits}: a relay classifies
     * once per message, not once per player.
     */
    private void sendMediaNow(NetStream to, MediaMessage media, int traits, EncodedMedia encoded) {
        ServerStream s = playingStream(to);
        if (s == null || !s.filter().passes(traits)) {
            return; // paused, or receiveAudio/receiveVideo false: not sent, not counted as dropped
        }
        DropGate gate = s.dropGate();
        long queued = transport.queuedBytes();
        if (queued != 0) { // an empty queue (the steady state) cannot raise the peak: skip the counters' cache line
            counters.offered(queued);
        }
        boolean waiting = gate.awaitingKeyframe();
        switch (gate.decide(traits, queued, config.outbound())) {
            case SEND:
                if (encoded != null) {
                    writer.writeEncoded(encoded, to.id());
                } else {
                    writer.write(media.withStreamId(to.id()));
                }
                break;
            case DROP:
                countDrop(media, !waiting && gate.awaitingKeyframe(), queued);
                break;
            default:
                overflow(queued);
        }
    }

    /** @return {@code to} as a stream of this open connection that is not deleted, or {@code null} */
    private ServerStream playingStream(NetStream to) {
        if (closed) {
            return null;
        }
        // deleteStream marks the stream CLOSED on this thread: no map look-up per message
        if (!(to instanceof ServerStream) || to.session() != this || to.state() == NetStream.State.CLOSED) {
            LOG.trace("{} not sending media to deleted or foreign stream {}", id, to);
            return null;
        }
        return (ServerStream) to;
    }

    private void countDrop(MediaMessage media, boolean startedWaiting, long queued) {
        counters.dropped(media, startedWaiting);
        long n = dropped.incrementAndGet();
        long now = clock.now();
        if (lastDropWarnNanos == Long.MIN_VALUE || now - lastDropWarnNanos >= DROP_WARN_INTERVAL_NANOS) {
            lastDropWarnNanos = now;
            LOG.warn("{} slow peer: dropping media ({} queued bytes, {} dropped so far)", id, queued, n);
        }
    }

    private void overflow(long queued) {
        LOG.debug("{} closing: {} queued bytes over maxQueued", id, queued);
        counters.overflow();
        fail(new OutboundOverflowException(queued, config.outbound().maxQueued()));
    }

    /**
     * Names what carries this session ({@link RtmpSession#transportProtocol()}): set by the runtime that made the
     * transport, before the first bytes. Any thread.
     *
     * @param name {@code rtmp}, {@code rtmps}, {@code rtmpt} or {@code rtmpts}
     * @throws NullPointerException if {@code name} is null
     */
    public void transportProtocol(String name) {
        this.transportProtocol = Objects.requireNonNull(name, "name");
    }

    // ---------------------------------------------------------------- RtmpSession

    @Override
    public String id() {
        return id;
    }

    @Override
    public String transportProtocol() {
        return transportProtocol;
    }

    @Override
    public SocketAddress remoteAddress() {
        return transport.remoteAddress();
    }

    @Override
    public Optional<Connect> connectCommand() {
        return Optional.ofNullable(connect);
    }

    @Override
    public String app() {
        Connect c = connect;
        return c == null ? "" : c.app();
    }

    @Override
    public Collection<NetStream> streams() {
        return List.copyOf(streams.values());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T attachment() {
        return (T) attachment;
    }

    @Override
    public <T> void attach(T value) {
        this.attachment = value;
    }

    @Override
    public void send(RtmpMessage message) {
        runOnConnection(() -> sendNow(message));
    }

    @Override
    public void sendMedia(NetStream to, MediaMessage media) {
        runOnConnection(() -> sendMediaNow(to, media, MediaClassifier.traits(media), null));
    }

    /**
     * Engine hook for the live relay's fan-out (in {@code org.rtmp4j.live}, through {@link FanoutTarget#of}): this
     * connection's thread, chunk size and shared-chunk send. Not API: its type lives in an {@code
     * internal} package and changes without notice.
     *
     * @return the hooks, one object per connection; any thread
     */
    public FanoutTarget fanoutTarget() {
        return fanoutTarget;
    }

    /** The fan-out hooks over this connection's transport, writer and drop decision. */
    private final class FanoutHooks implements FanoutTarget {
        @Override
        public Object executorKey() {
            return transport.executorKey();
        }

        @Override
        public boolean inConnectionThread() {
            return transport.inConnectionThread();
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public int chunkSizeHint() {
            return writer.chunkSizeHint();
        }

        @Override
        public void post(Runnable task) {
            transport.execute(task);
        }

        @Override
        public void sendEncodedHere(NetStream to, EncodedMedia media) {
            if (closed) {
                return;
            }
            try { // runGuarded without a lambda: this runs once per player per published message
                sendMediaNow(to, media.media(), media.traits(), media);
            } catch (RuntimeException e) {
                LOG.warn("{} failed", id, e);
                fail(e);
            }
        }

        @Override
        public OutboundLimits outboundLimits() {
            return config.outbound();
        }

        @Override
        public long queuedBytes() {
            long queued = transport.queuedBytes();
            if (queued != 0) {
                counters.offered(queued);
            }
            return queued;
        }

        @Override
        public void writeEncodedHere(NetStream to, EncodedMedia media) {
            writeEncodedHere(to, media, 0);
        }

        @Override
        public void writeEncodedHere(NetStream to, EncodedMedia media, long holdNanos) {
            try {
                ServerStream s = playingStream(to);
                if (s != null && s.filter().passes(media.traits())) {
                    writer.writeEncoded(media, to.id(), holdNanos);
                }
            } catch (RuntimeException e) {
                LOG.warn("{} failed", id, e);
                fail(e);
            }
        }

        @Override
        public void droppedHere(MediaMessage media, boolean startedKeyframeWait, long queuedBytes) {
            countDrop(media, startedKeyframeWait, queuedBytes);
        }

        @Override
        public void overflowHere(long queuedBytes, long maxQueued) {
            if (!closed) {
                overflow(queuedBytes);
            }
        }
    }

    @Override
    public void sendMetadata(NetStream to, Map<String, Object> metadata) {
        runOnConnection(() -> sendReply(Commands.onMetaData(to.id(), metadata)));
    }

    @Override
    public void sendStatus(NetStream to, Status status) {
        runOnConnection(() -> sendReply(Commands.onStatus(to.id(), status)));
    }

    @Override
    public void replyResult(CommandMessage to, Object... args) {
        Object commandObject = args.length > 0 ? args[0] : null;
        Object[] rest = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length) : new Object[0];
        runOnConnection(() -> sendReply(Commands.result(to, commandObject, rest)));
    }

    @Override
    public void replyError(CommandMessage to, Status status) {
        runOnConnection(() -> sendReply(Commands.error(to, status)));
    }

    /**
     * {@inheritDoc}
     *
     * <p>Whether the client may receive it is decided from the accepted connect's {@code capsEx}
     * ({@link Connect#enhanced()}); the {@code onStatus} goes out in the connection's AMF encoding,
     * after what is already queued.
     */
    @Override
    public boolean requestReconnect(String tcUrlOrNull, String description) {
        Connect c = connect;
        if (closed || c == null || !c.enhanced().hasCapsEx(EnhancedCapabilities.CAPS_RECONNECT)) {
            return false;
        }
        reconnectRequested = true;
        Status status = new ReconnectRequest(tcUrlOrNull, description).toStatus();
        LOG.debug("{} asking the client to reconnect{}", id, tcUrlOrNull == null ? "" : " to " + tcUrlOrNull);
        runOnConnection(() -> sendReply(Commands.onStatus(0, status)));
        return true;
    }

    @Override
    public boolean reconnectRequested() {
        return reconnectRequested;
    }

    @Override
    public long queuedBytes() {
        return transport.queuedBytes();
    }

    @Override
    public boolean isWritable() {
        return transport.queuedBytes() < config.outbound().highWatermark();
    }

    @Override
    public CompletableFuture<Void> close() {
        runOnConnection(() -> closeNow(null));
        return closeFuture;
    }

    @Override
    public String toString() {
        return "ServerConnection[" + id + "]";
    }
}
