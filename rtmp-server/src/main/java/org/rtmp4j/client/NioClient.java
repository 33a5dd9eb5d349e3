package org.rtmp4j.client;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.rtmp4j.core.command.PublishType;
import org.rtmp4j.core.internal.EncodedMedia;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.ClientConnection;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.core.session.ConnectOptions;
import org.rtmp4j.core.session.SessionConfig;
import org.rtmp4j.server.internal.Cancellable;
import org.rtmp4j.server.internal.ConnectionHandler;
import org.rtmp4j.server.internal.EventLoop;
import org.rtmp4j.server.internal.NioTransport;

/**
 * One non-blocking RTMP client connection of a {@link NioClientGroup}, confined to one event loop:
 * a sans-I/O {@link ClientConnection} over a {@code NioTransport} (writes queued without copying
 * and flushed once per loop iteration with a gathering write).
 *
 * <p>Thread-safety: the request methods ({@link #createStream}, {@link #play}, {@link #publish},
 * {@link #sendMedia}, {@link #sendMetadata}, {@link #deleteStream}) and {@link #close()} may be
 * called from any thread: off the loop they are posted to it. Their futures complete on the loop's
 * thread, as do the listener's callbacks; a callback must not block. Counters are readable from any
 * thread.
 */
public final class NioClient {
    private final EventLoop loop;
    private final NioTransport transport;
    private final ClientConnection engine;
    private final RtmpUrl target;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile long bytesIn;
    private volatile long bytesOut;

    NioClient(EventLoop loop, SocketChannel channel, SessionConfig config, ClientListener listener,
            long lingerNanos, RtmpUrl target) {
        this.loop = loop;
        this.target = target;
        this.transport = new NioTransport(loop, channel, new Counters(), lingerNanos);
        this.engine = new ClientConnection(config, transport, listener);
    }

    /** Before {@link #start()}: speak TLS ({@code rtmps://}) with {@code engine}, the handshake bounded by {@code timeoutNanos}. */
    void useTls(javax.net.ssl.SSLEngine engine, long timeoutNanos) {
        transport.useTls(engine, timeoutNanos);
    }

    /** Loop thread: registers the channel and sends C0+C1. */
    void start() throws IOException {
        transport.start(new Handler());
        engine.start();
    }

    /** Loop thread: sends {@code connect}. */
    CompletableFuture<CommandMessage> connect(ConnectOptions options) {
        return engine.connect(options);
    }

    /** @return the stream name from the URL (the path after the application), possibly empty */
    public String streamName() {
        return target.streamName();
    }

    /** @return the server's address */
    public SocketAddress remoteAddress() {
        return transport.remoteAddress();
    }

    /**
     * Sends {@code createStream} (RTMP 1.0 §7.2.1.3).
     *
     * @return completes on the loop's thread with the message stream id
     */
    public CompletableFuture<Integer> createStream() {
        return onLoop(engine::createStream);
    }

    /**
     * Sends {@code play} and Set Buffer Length (RTMP 1.0 §7.2.2.1, §7.1.7); media then goes to the
     * listener.
     *
     * @param streamId message stream id from {@link #createStream()}
     * @param name the stream name
     * @return completes on NetStream.Play.Start, exceptionally with {@code RtmpStatusException} on an error status
     */
    public CompletableFuture<Void> play(int streamId, String name) {
        return onLoop(() -> engine.play(streamId, name));
    }

    /**
     * Sends {@code releaseStream}, {@code FCPublish} and {@code publish} as {@code live} (RTMP 1.0 §7.2.2.6).
     *
     * @param streamId message stream id from {@link #createStream()}
     * @param name the stream name (key)
     * @return completes on NetStream.Publish.Start, exceptionally with {@code RtmpStatusException} on an error status
     */
    public CompletableFuture<Void> publish(int streamId, String name) {
        return onLoop(() -> engine.publish(streamId, name, PublishType.LIVE));
    }

    /**
     * Queues audio or video (RTMP 1.0 §7.1.4, §7.1.5); the payload is not copied and must not change.
     *
     * @param streamId the publishing message stream id (replaces the message's own)
     * @param media the message, timestamp in ms
     */
    public void sendMedia(int streamId, MediaMessage media) {
        run(() -> engine.sendMedia(streamId, media));
    }

    /**
     * Queues the shared chunks of {@code media} for this connection's chunk size and {@code streamId}
     * ({@link ClientConnection#sendEncoded}): what a relay uses so that every output of a message
     * writes one encoding instead of chunking it again (RTMP 1.0 §5.3.1, §7.1.4, §7.1.5). Counted in
     * {@link #bytesOut()} and {@link #queuedBytes()} as {@link #sendMedia} is. Engine detail: {@code
     * EncodedMedia} is rtmp-core's internal type, used by rtmp-server's live relay.
     *
     * @param streamId the publishing message stream id
     * @param media the message and its shared encodings; the payload is not copied and must not change
     */
    public void sendEncoded(int streamId, EncodedMedia media) {
        run(() -> engine.sendEncoded(streamId, media));
    }

    /**
     * @return the outgoing chunk size as last set, bytes; any thread, may be stale by one change (to
     *     encode ahead for {@link #sendEncoded} off the loop)
     */
    public int chunkSizeHint() {
        return engine.chunkSizeHint();
    }

    /**
     * Queues {@code @setDataFrame, onMetaData, metadata}.
     *
     * @param streamId the publishing message stream id
     * @param metadata e.g. width, height, videocodecid
     */
    public void sendMetadata(int streamId, Map<String, Object> metadata) {
        run(() -> engine.sendMetadata(streamId, metadata));
    }

    /**
     * Sends {@code FCUnpublish} (when publishing) and {@code deleteStream} (RTMP 1.0 §7.2.2.3).
     *
     * @param streamId the message stream id
     */
    public void deleteStream(int streamId) {
        run(() -> engine.deleteStream(streamId));
    }

    /**
     * Runs {@code task} on this connection's loop after {@code delay} (e.g. a paced publisher).
     *
     * @param task the task; it must not block
     * @param delay the delay
     * @param unit its unit
     * @return cancels the task if it has not run yet
     */
    public Runnable schedule(Runnable task, long delay, TimeUnit unit) {
        Cancellable c = loop.schedule(task, delay, unit);
        return c::cancel;
    }

    /**
     * Runs {@code task} on this connection's loop, soon.
     *
     * @param task the task; it must not block
     */
    public void execute(Runnable task) {
        transport.execute(task);
    }

    /**
     * Identifies the thread {@link #execute} runs on: connections of one loop of the group return the same
     * key (by {@code ==}) and run their tasks on that thread in one order, so a sender can post one task
     * for all of them (the live hub's fan-out to push relays, as for players of one server loop). Any thread.
     *
     * @return the key; equal for every connection of the same loop
     */
    public Object executorKey() {
        return transport.executorKey();
    }

    /** @return whether the caller runs on this connection's loop */
    public boolean inLoop() {
        return loop.inLoop();
    }

    /** @return bytes read from the socket so far (any thread) */
    public long bytesIn() {
        return bytesIn;
    }

    /** @return bytes written to the socket so far (any thread) */
    public long bytesOut() {
        return bytesOut;
    }

    /** @return bytes queued and not yet written (any thread) */
    public long queuedBytes() {
        return transport.queuedBytes();
    }

    /** @return whether the connection is closed */
    public boolean isClosed() {
        return closed.isDone();
    }

    /** @return completes (normally, or exceptionally with the failure) when the connection is gone */
    public CompletableFuture<Void> closeFuture() {
        return closed.copy();
    }

    /** Flushes what is queued (at most the group's linger time) and closes. Idempotent; any thread. */
    public void close() {
        transport.close();
    }

    private <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> call) {
        if (loop.inLoop()) {
            return call.get();
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            loop.execute(() -> call.get().whenComplete((v, e) -> {
                if (e != null) {
                    result.completeExceptionally(e);
                } else {
                    result.complete(v);
                }
            }));
        } catch (RuntimeException e) {
            result.completeExceptionally(new IOException("client loop stopped", e));
        }
        return result;
    }

    private void run(Runnable call) {
        if (loop.inLoop()) {
            call.run();
        } else {
            transport.execute(call);
        }
    }

    @Override
    public String toString() {
        return "NioClient[" + target.tcUrl() + ", " + transport.remoteAddress() + "]";
    }

    private final class Counters implements NioTransport.Listener {
        @Override
        public void bytesIn(long n) {
            bytesIn += n;
        }

        @Override
        public void bytesOut(long n) {
            bytesOut += n;
        }
    }

    private final class Handler implements ConnectionHandler {
        @Override
        public void onBytes(ByteBuffer in) {
            engine.onBytes(in);
        }

        @Override
        public void onTick(long nowNanos) {
            engine.onTick(nowNanos);
        }

        @Override
        public void onTransportClosed(Throwable causeOrNull) {
            try {
                engine.onTransportClosed(causeOrNull);
            } finally {
                if (causeOrNull == null) {
                    closed.complete(null);
                } else {
                    closed.completeExceptionally(causeOrNull);
                }
            }
        }
    }
}
