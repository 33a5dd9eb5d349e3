package org.rtmp4j.live;

import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.core.session.OutboundOverflowException;

/**
 * An FLV output (HTTP-FLV, WebSocket-FLV, a host's own server) over an {@link FlvSubscriber}: the
 * FLV header with the stream's real track flags before the first tag (FLV 10.1 §E.2; flags written
 * before the tracks are known make players wait forever), then each message's shared FLV tag
 * ({@link LiveMedia#flvTag()}) and the shared {@code onMetaData} script tag. Statuses are RTMP's:
 * an FLV peer hears {@link FlvSubscriber#onLive}.
 *
 * <p>Its thread is either the transport's (an HTTP connection's event loop) or a {@link
 * SerialExecutor} over the executor the host chose (by default the thread that hands it work drains
 * it), so the subscriber is called one task at a time, in order.
 */
final class FlvSink implements MediaSink {
    private final FlvSubscriber subscriber;
    private final Object executorKey;
    private final BooleanSupplier inThread;
    private final Executor executor;
    private final OutboundLimits limits;
    private final PlayerKind kind;
    private volatile LiveStream stream;
    private boolean headerSent;

    /** On a {@link SerialExecutor} over {@code executor}. */
    FlvSink(FlvSubscriber subscriber, Executor executor, OutboundLimits limits) {
        this.subscriber = subscriber;
        SerialExecutor serial = new SerialExecutor(executor);
        this.executorKey = this;
        this.inThread = serial::inExecutor;
        this.executor = serial;
        this.limits = limits;
        this.kind = PlayerKind.HTTP_FLV;
    }

    /** On a thread the transport owns (an event loop), shared with other sinks of the same {@code executorKey}. */
    FlvSink(FlvSubscriber subscriber, Object executorKey, BooleanSupplier inThread, Executor executor,
            OutboundLimits limits, PlayerKind kind) {
        this.subscriber = subscriber;
        this.executorKey = executorKey;
        this.inThread = inThread;
        this.executor = executor;
        this.limits = limits;
        this.kind = kind;
    }

    /** Before the join: the stream whose tracks the header describes. */
    void attach(LiveStream s) {
        this.stream = s;
    }

    @Override
    public Object executorKey() {
        return executorKey;
    }

    @Override
    public boolean inSinkThread() {
        return inThread.getAsBoolean();
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    /** @return {@link PlayerKind#HTTP_FLV}, or {@link PlayerKind#WS_FLV} for a WebSocket */
    @Override
    public PlayerKind playerKind() {
        return kind;
    }

    @Override
    public long queuedBytes() {
        return subscriber.queuedBytes();
    }

    @Override
    public OutboundLimits limits() {
        return limits;
    }

    @Override
    public void prepare(LiveMedia media) {
        media.flvTag();
    }

    @Override
    public void onEvent(RelayEvent event) {
        if (event instanceof LiveMedia m) {
            header();
            long hold = m.holdNanos();
            if (hold > 0) {
                subscriber.onFlv(m.flvTag(), hold);
            } else {
                subscriber.onFlv(m.flvTag());
            }
        } else if (event instanceof RelayEvent.Metadata md) {
            header();
            subscriber.onFlv(md.flvTagView());
        } else if (event instanceof RelayEvent.Published) {
            subscriber.onLive(true);
        } else if (event instanceof RelayEvent.Unpublished) {
            subscriber.onLive(false);
        } else if (event instanceof RelayEvent.Refused r) {
            subscriber.onEnd(new IllegalStateException(r.status().description()));
        }
    }

    private void header() {
        if (!headerSent) {
            headerSent = true;
            LiveStream s = stream;
            int flags = s == null ? 0x05 : s.flvTrackFlags();
            subscriber.onFlv(FlvTags.header((flags & 0x04) != 0, (flags & 0x01) != 0));
        }
    }

    @Override
    public void onOverflow(long queuedBytes, long maxQueued) {
        subscriber.onEnd(new OutboundOverflowException(queuedBytes, maxQueued));
    }

    @Override
    public String toString() {
        return "flv:" + subscriber;
    }
}
