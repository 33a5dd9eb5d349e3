package org.rtmp4j.core.session;

import org.rtmp4j.core.command.Commands;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.rtmp4j.amf.AmfException;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.command.PublishType;
import org.rtmp4j.core.command.ReconnectRequest;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.handshake.Handshake;
import org.rtmp4j.core.internal.EncodedMedia;
import org.rtmp4j.core.message.AggregateMessage;
import org.rtmp4j.core.message.AmfEncoding;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.RtmpMessage;
import org.rtmp4j.core.message.UserControl;
import org.rtmp4j.core.message.WindowAckSize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client engine for one connection, over the same layers as {@link ServerConnection}.
 * Sans-I/O and not thread-safe: the caller serialises every call (the runtime's reader thread and
 * writers share one lock). Futures complete on the thread that feeds {@link #onBytes}.
 *
 * <p>Messages sent before the handshake completes are queued and flushed, in order, once it does.
 * The client answers Ping Requests, acknowledges received bytes against the server's window and
 * applies the server's chunk size. After the connect {@code _result} it sends Window
 * Acknowledgement Size and Set Chunk Size from its {@link SessionConfig} (RTMP 1.0 §7.3.1).
 * Publishing sends {@code releaseStream}, {@code FCPublish} and {@code publish} as FMLE and ffmpeg
 * do; playing sends {@code play} then Set Buffer Length (RTMP 1.0 §7.2.2.1, §7.1.7).
 */
public final class ClientConnection {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    private static final AtomicLong IDS = new AtomicLong();
    /** Set Buffer Length sent after {@code play}, in ms. */
    static final int PLAY_BUFFER_MS = 3000;

    private final SessionConfig config;
    private final Transport transport;
    private final ClientListener listener;
    private final String id = "c" + IDS.incrementAndGet();
    private final Handshake handshake = Handshake.client();
    private final OutboundWriter writer;
    private final InboundPipeline pipeline;
    private final ArrayDeque<RtmpMessage> beforeHandshake = new ArrayDeque<>();
    private final Map<Double, Consumer<CommandMessage>> transactions = new HashMap<>();
    private final Map<Integer, CompletableFuture<Void>> streamFutures = new HashMap<>();
    private final Map<Integer, String> publishing = new HashMap<>();
    private final Set<CompletableFuture<?>> pending = new HashSet<>();
    private double nextTransactionId = 1;
    private AmfEncoding encoding = AmfEncoding.AMF0;
    private boolean closed;

    /**
     * Creates the engine; call {@link #start()} to send C0+C1.
     *
     * @param config chunk size and window acknowledgement size to announce after connect, decoder limits
     * @param transport where bytes are written
     * @param listener receives what the server sends; called on the thread feeding {@link #onBytes}
     */
    public ClientConnection(SessionConfig config, Transport transport, ClientListener listener) {
        this.config = config;
        this.transport = transport;
        this.listener = listener;
        this.writer = new OutboundWriter(transport);
        this.pipeline = new InboundPipeline(handshake, config.chunkLimits(), config.amfLimits(), writer,
                this::onHandshakeComplete, this::dispatch);
    }

    /** Sends C0+C1 (RTMP 1.0 §5.2.5). */
    public void start() {
        writer.writeRaw(handshake.start());
    }

    /**
     * Feeds received bytes; consumes all of {@code in}. A protocol error ({@link RtmpProtocolException},
     * {@link AmfException}) closes the transport, fails pending futures and is not rethrown.
     *
     * @param in bytes as received, in order
     */
    public void onBytes(ByteBuffer in) {
        if (closed) {
            in.position(in.limit());
            return;
        }
        try {
            pipeline.onBytes(in);
        } catch (RtmpProtocolException | AmfException e) {
            LOG.debug("{} protocol error: {}", id, e.getMessage());
            fail(e);
        } catch (RuntimeException e) {
            LOG.warn("{} failed handling input", id, e);
            fail(e);
        }
        in.position(in.limit());
    }

    /**
     * Drives timers. The client engine keeps none; runtimes apply their own timeouts.
     *
     * @param nowNanos a monotonic clock, e.g. {@code System.nanoTime()}
     */
    public void onTick(long nowNanos) {
        // No client-side deadlines: RtmpClient bounds its blocking calls itself.
    }

    /**
     * The transport is closed; fails pending futures and calls {@link ClientListener#onClose} once.
     * Idempotent.
     *
     * @param causeOrNull the failure, or {@code null} on a clean close (futures then fail with an
     *     {@link IOException})
     */
    public void onTransportClosed(Throwable causeOrNull) {
        if (closed) {
            return;
        }
        closed = true;
        Throwable failure = causeOrNull != null ? causeOrNull : new IOException("connection closed");
        for (CompletableFuture<?> f : new ArrayList<>(pending)) {
            f.completeExceptionally(failure);
        }
        pending.clear();
        transactions.clear();
        streamFutures.clear();
        try {
            listener.onClose(causeOrNull);
        } catch (RuntimeException e) {
            LOG.warn("{} listener threw in onClose", id, e);
        }
    }

    /** @return whether the connection is closed */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Sends {@code connect} with transaction id 1 (RTMP 1.0 §7.2.1.1), queued until the handshake
     * completes. The command object holds app, flashVer, tcUrl, type, fpad, capabilities,
     * audioCodecs, videoCodecs, videoFunction, objectEncoding 0 and the extra properties (which may
     * carry E-RTMP capabilities, {@link ConnectOptions#withEnhanced}, or {@code objectEncoding} 3,
     * {@link ConnectOptions#withAmf3()}). The connect itself is AMF0 (type 20); with {@code
     * objectEncoding} 3 every later command goes out as type 17 and data as type 15.
     *
     * @param options app, tcUrl and extra command object properties
     * @return completes with the {@code _result}, or exceptionally with {@link RtmpStatusException}
     */
    public CompletableFuture<CommandMessage> connect(ConnectOptions options) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("app", options.app());
        props.put("flashVer", "FMLE/3.0 (compatible; rtmp4j)");
        props.put("tcUrl", options.tcUrl());
        props.put("type", "nonprivate");
        props.put("fpad", false);
        props.put("capabilities", 15.0);
        props.put("audioCodecs", (double) 0x0FFF);
        props.put("videoCodecs", (double) 0x00FF);
        props.put("videoFunction", 1.0);
        props.put("objectEncoding", 0.0);
        props.putAll(options.extraProperties());
        encoding = props.get("objectEncoding") instanceof Number n
                ? AmfEncoding.ofObjectEncoding(n.doubleValue()) : AmfEncoding.AMF0;
        CompletableFuture<CommandMessage> future = track(new CompletableFuture<>());
        double tx = transaction(reply -> {
            if ("_result".equals(reply.name())) {
                sendOrQueue(new WindowAckSize(config.windowAckSize()));
                writer.changeChunkSize(config.chunkSize());
                complete(future, reply);
            } else {
                fail(future, reply);
            }
        });
        CommandMessage connect = Commands.connect(tx, props);
        if (pipeline.handshakeDone()) {
            writer.write(connect); // connect itself is always AMF0 (type 20)
        } else if (!closed) {
            beforeHandshake.add(connect);
        }
        return future;
    }

    /**
     * Sends {@code createStream} (RTMP 1.0 §7.2.1.3).
     *
     * @return completes with the new message stream id, or exceptionally with {@link RtmpStatusException}
     */
    public CompletableFuture<Integer> createStream() {
        CompletableFuture<Integer> future = track(new CompletableFuture<>());
        double tx = transaction(reply -> {
            if ("_result".equals(reply.name()) && reply.argument(0) instanceof Number n) {
                complete(future, n.intValue());
            } else if ("_result".equals(reply.name())) {
                pending.remove(future);
                future.completeExceptionally(new RtmpProtocolException(-1, "createStream _result without a stream id"));
            } else {
                fail(future, reply);
            }
        });
        sendOrQueue(Commands.createStream(tx));
        return future;
    }

    /**
     * Sends {@code releaseStream}, {@code FCPublish} and {@code publish} (RTMP 1.0 §7.2.2.6).
     *
     * @param streamId message stream id from {@link #createStream()}
     * @param name publishing name (stream key)
     * @param type live, record or append
     * @return completes on NetStream.Publish.Start, exceptionally with {@link RtmpStatusException}
     *     on an error status
     */
    public CompletableFuture<Void> publish(int streamId, String name, PublishType type) {
        CompletableFuture<Void> future = streamFuture(streamId);
        sendOrQueue(Commands.releaseStream(transaction(reply -> { }), name));
        sendOrQueue(Commands.fcPublish(transaction(reply -> { }), name));
        sendOrQueue(Commands.publish(streamId, 0, name, type));
        publishing.put(streamId, name);
        return future;
    }

    /**
     * Sends {@code play} (start -2, duration -1, reset true; RTMP 1.0 §7.2.2.1), then Set Buffer
     * Length 3000 ms (§7.1.7).
     *
     * @param streamId message stream id from {@link #createStream()}
     * @param name stream name to play
     * @return completes on NetStream.Play.Start, exceptionally with {@link RtmpStatusException} on an
     *     error status
     */
    public CompletableFuture<Void> play(int streamId, String name) {
        CompletableFuture<Void> future = streamFuture(streamId);
        sendOrQueue(Commands.play(streamId, 0, name, -2.0, -1.0, true));
        sendOrQueue(new UserControl.SetBufferLength(streamId, PLAY_BUFFER_MS));
        return future;
    }

    /**
     * Sends audio (chunk stream id 4) or video (6). The payload is not copied.
     *
     * @param streamId message stream id; replaces the one in {@code media}
     * @param media the message; its own timestamp (ms) is sent
     */
    public void sendMedia(int streamId, MediaMessage media) {
        sendOrQueue(media.withStreamId(streamId));
    }

    /**
     * Sends the shared chunks of {@code media} for this connection's outgoing chunk size and {@code
     * streamId} (one {@link EncodedMedia.Entry}, made now if no thread has yet): the bytes other
     * outputs of the same message with that key write too, so a relay chunks each message once for
     * all its destinations and players ("one encoding per wire format per message", DESIGN-NOTES.md,
     * "Push relays"). The first chunk is a type-0 header (RTMP 1.0 §5.3.1.2) and is recorded in the
     * chunk encoder, so later messages on that chunk stream id compress against it; the message
     * decodes exactly as {@link #sendMedia} would send it. Before the handshake completes the message
     * is queued as {@link #sendMedia} queues it. Nothing is sent once closed. The payload is not copied.
     *
     * @param streamId the publishing message stream id
     * @param media the message and its shared encodings; its own message stream id is not used
     */
    public void sendEncoded(int streamId, EncodedMedia media) {
        if (closed) {
            return;
        }
        if (pipeline.handshakeDone()) {
            writer.writeEncoded(media, streamId);
        } else {
            beforeHandshake.add(media.media().withStreamId(streamId));
        }
    }

    /**
     * The outgoing chunk size, readable from any thread so that a relay can make the shared
     * encoding ({@link EncodedMedia#entry}) on the publisher's thread before this connection's
     * thread writes it. It changes once after {@code connect} (to {@link SessionConfig#chunkSize()})
     * and on {@link #setChunkSize}; a stale value only costs one extra encoding.
     *
     * @return the chunk size as last set, bytes (128 until changed, RTMP 1.0 §5.4.1)
     */
    public int chunkSizeHint() {
        return writer.chunkSizeHint();
    }

    /**
     * Sends the data message {@code @setDataFrame, onMetaData, metadata} (an AMF0 ECMA array) on
     * chunk stream id 5.
     *
     * @param streamId message stream id of the publishing stream
     * @param metadata e.g. width, height, videocodecid
     */
    public void sendMetadata(int streamId, Map<String, Object> metadata) {
        sendOrQueue(Commands.setDataFrame(streamId, metadata));
    }

    /**
     * Sends {@code FCUnpublish} (when publishing) and {@code deleteStream} (RTMP 1.0 §7.2.2.3).
     *
     * @param streamId the message stream id to delete
     */
    public void deleteStream(int streamId) {
        String name = publishing.remove(streamId);
        if (name != null) {
            sendOrQueue(Commands.fcUnpublish(transaction(reply -> { }), name));
        }
        sendOrQueue(Commands.deleteStream(transaction(reply -> { }), streamId));
    }

    /**
     * Changes the outgoing chunk size mid-stream: sends Set Chunk Size (encoded with the old size),
     * then chunks later messages with {@code chunkSize} (RTMP 1.0 §5.4.1).
     *
     * @param chunkSize bytes, 1..0x7FFFFFFF
     * @throws IllegalStateException before the handshake completes
     */
    public void setChunkSize(int chunkSize) {
        if (!pipeline.handshakeDone()) {
            throw new IllegalStateException("handshake not complete");
        }
        if (!closed) {
            writer.changeChunkSize(chunkSize);
        }
    }

    /**
     * Sends any message (escape hatch), on the chunk stream id for its type.
     *
     * @param message the message, queued until the handshake completes
     */
    public void send(RtmpMessage message) {
        sendOrQueue(message);
    }

    // ---------------------------------------------------------------- internals

    private void onHandshakeComplete() {
        LOG.debug("{} handshake complete", id);
        while (!beforeHandshake.isEmpty()) {
            writer.write(beforeHandshake.poll());
        }
    }

    private void sendOrQueue(RtmpMessage message) {
        if (closed) {
            return;
        }
        if (encoding == AmfEncoding.AMF3) {
            message = inAmf3(message);
        }
        if (pipeline.handshakeDone()) {
            writer.write(message);
        } else {
            beforeHandshake.add(message);
        }
    }

    private static RtmpMessage inAmf3(RtmpMessage message) {
        if (message instanceof CommandMessage c) {
            return Commands.inEncoding(c, AmfEncoding.AMF3);
        }
        if (message instanceof DataMessage d && d.encoding() != AmfEncoding.AMF3) {
            return new DataMessage(d.timestamp(), d.streamId(), AmfEncoding.AMF3, d.values());
        }
        return message;
    }

    private double transaction(Consumer<CommandMessage> onReply) {
        double tx = nextTransactionId++;
        transactions.put(tx, onReply);
        return tx;
    }

    private CompletableFuture<Void> streamFuture(int streamId) {
        CompletableFuture<Void> future = track(new CompletableFuture<>());
        CompletableFuture<Void> previous = streamFutures.put(streamId, future);
        if (previous != null) {
            pending.remove(previous);
            previous.cancel(false);
        }
        return future;
    }

    private <T> CompletableFuture<T> track(CompletableFuture<T> future) {
        if (closed) {
            future.completeExceptionally(new IOException("connection closed"));
        } else {
            pending.add(future);
        }
        return future;
    }

    private <T> void complete(CompletableFuture<T> future, T value) {
        pending.remove(future);
        future.complete(value);
    }

    private void fail(CompletableFuture<?> future, CommandMessage reply) {
        pending.remove(future);
        future.completeExceptionally(new RtmpStatusException(Status.fromMap(Replies.asMap(reply.argument(0)))));
    }

    private void fail(Throwable cause) {
        if (!closed) {
            transport.close();
            onTransportClosed(cause);
        }
    }

    private void dispatch(RtmpMessage m) {
        if (closed) {
            return;
        }
        if (m instanceof MediaMessage media) {
            listener.onMedia(media.streamId(), media);
        } else if (m instanceof DataMessage d) {
            listener.onData(d.streamId(), d);
        } else if (m instanceof CommandMessage c) {
            onCommand(c);
        } else if (m instanceof UserControl.PingRequest p) {
            writer.write(new UserControl.PingResponse(p.pingTimestamp()));
        } else if (m instanceof WindowAckSize w) {
            pipeline.peerWindowAckSize(w.windowSize());
        } else if (m instanceof AggregateMessage a) {
            for (RtmpMessage sub : a.split()) {
                dispatch(sub);
            }
        } else {
            LOG.trace("{} ignoring {}", id, m.getClass().getSimpleName()); // its AMF values may not print in bounded time
        }
    }

    private void onCommand(CommandMessage c) {
        String name = c.name();
        if ("_result".equals(name) || "_error".equals(name)) {
            Consumer<CommandMessage> handler = transactions.remove(c.transactionId());
            if (handler != null) {
                handler.accept(c);
                return;
            }
        } else if ("onStatus".equals(name)) {
            Status status = Status.fromMap(Replies.asMap(c.argument(0)));
            listener.onStatus(c.streamId(), status);
            if (c.streamId() == 0) {
                onConnectionStatus(status);
                return;
            }
            CompletableFuture<Void> future = streamFutures.get(c.streamId());
            if (future != null && (StatusCodes.PUBLISH_START.equals(status.code()) || StatusCodes.PLAY_START.equals(status.code()))) {
                streamFutures.remove(c.streamId());
                complete(future, null);
            } else if (future != null && status.isError()) {
                streamFutures.remove(c.streamId());
                publishing.remove(c.streamId());
                pending.remove(future);
                future.completeExceptionally(new RtmpStatusException(status));
            }
            return;
        }
        listener.onCommand(c);
    }

    private void onConnectionStatus(Status status) {
        Optional<ReconnectRequest> request;
        try {
            request = ReconnectRequest.from(status);
        } catch (RtmpProtocolException e) {
            LOG.info("{} ignoring a malformed Reconnect Request: {}", id, e.getMessage());
            return;
        }
        request.ifPresent(r -> {
            LOG.debug("{} server asks to reconnect{}", id, r.tcUrl() == null ? "" : " to " + r.tcUrl());
            listener.onReconnectRequest(r);
        });
    }

    @Override
    public String toString() {
        return "ClientConnection[" + id + "]";
    }
}
