package org.rtmp4j.live;

import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.internal.FanoutTarget;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.core.session.RtmpSession;

/**
 * An RTMP player as a hub output: media goes out as the message's shared chunks for the
 * connection's chunk size and the player's message stream id (the only place the message stream
 * id is set for relayed media); metadata as {@code onMetaData}, publish state as {@code onStatus}
 * (RTMP 1.0 §7.2.2). The engine's hooks ({@link FanoutTarget#of}) give its thread, queue and
 * counters; a session without them (a custom {@link RtmpSession}) is sent to with the public API
 * from the caller's thread, its own drop policy applying.
 */
final class RtmpSink implements MediaSink {
    private final RtmpSession session;
    private final NetStream stream;
    private final int streamId;
    private final FanoutTarget target;

    RtmpSink(RtmpSession session, NetStream stream) {
        this.session = session;
        this.stream = stream;
        this.streamId = stream.id();
        this.target = FanoutTarget.of(session);
    }

    @Override
    public Object executorKey() {
        return target != null ? target.executorKey() : session;
    }

    @Override
    public boolean inSinkThread() {
        return target == null || target.inConnectionThread();
    }

    @Override
    public void execute(Runnable task) {
        if (target != null) {
            target.post(task);
        } else {
            task.run();
        }
    }

    @Override
    public PlayerKind playerKind() {
        return PlayerKind.RTMP;
    }

    @Override
    public long queuedBytes() {
        return target != null ? target.queuedBytes() : 0; // a plain session applies its own policy in sendMedia
    }

    @Override
    public OutboundLimits limits() {
        return target != null ? target.outboundLimits() : OutboundLimits.DEFAULT;
    }

    @Override
    public void prepare(LiveMedia media) {
        if (target != null && !target.isClosed()) {
            media.rtmp().entry(target.chunkSizeHint(), streamId);
        }
    }

    /**
     * What {@link #prepare} depends on: outputs with equal keys share one encoding, so the fan-out
     * prepares it once per key per message. The chunk size is the one when asked (a later change
     * only makes the connection encode its own on its thread).
     *
     * @return the key
     */
    Object encodingKey() {
        return target != null ? new EncodingKey(target.chunkSizeHint(), streamId) : RtmpSink.class;
    }

    /** A chunk size and message stream id: one shared RTMP encoding of a message. */
    private record EncodingKey(int chunkSize, int streamId) {}

    @Override
    public void onEvent(RelayEvent event) {
        if (event instanceof LiveMedia m) {
            if (target != null) {
                target.writeEncodedHere(stream, m.rtmp(), m.holdNanos());
            } else {
                MediaMessage msg = m.message();
                session.sendMedia(stream, msg.streamId() == streamId ? msg : msg.withStreamId(streamId));
            }
        } else if (event instanceof RelayEvent.Metadata md) {
            session.sendMetadata(stream, md.values());
        } else if (event instanceof RelayEvent.Published p) {
            session.sendStatus(stream, p.status());
        } else if (event instanceof RelayEvent.Unpublished u) {
            session.sendStatus(stream, u.status());
        } else if (event instanceof RelayEvent.Refused r) {
            session.sendStatus(stream, r.status());
            // without it ffmpeg keeps reading the stream
            session.sendStatus(stream, Status.status(StatusCodes.PLAY_STOP, "stopped playing " + stream.name()));
        }
    }

    @Override
    public void onDropped(LiveMedia media, boolean startedKeyframeWait, long queuedBytes) {
        if (target != null) {
            target.droppedHere(media.message(), startedKeyframeWait, queuedBytes);
        }
    }

    @Override
    public void onOverflow(long queuedBytes, long maxQueued) {
        if (target != null) {
            target.overflowHere(queuedBytes, maxQueued);
        } else {
            session.close();
        }
    }

    @Override
    public String toString() {
        return session.id() + "/" + streamId;
    }
}
