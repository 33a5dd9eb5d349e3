package org.rtmp4j.core.session;

import java.util.Objects;
import org.rtmp4j.core.command.FcSubscribe;
import org.rtmp4j.core.command.Pause;
import org.rtmp4j.core.command.Play2;
import org.rtmp4j.core.command.Seek;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.RtmpMessage;

/**
 * An {@link RtmpController} that passes every callback to a delegate: override the ones to add
 * behaviour and call {@code super} to keep the delegate's. This makes "record and relay" a
 * composition, e.g. a subclass whose {@code onMedia} writes to a file and then calls
 * {@code super.onMedia} to relay through a live relay ({@code org.rtmp4j.live.LiveBroadcastController} in rtmp-server).
 *
 * <p>{@link #onCall} is not forwarded: its default passes the message to {@link #onCommand} of
 * this object, so that subclasses overriding {@code onCommand} keep seeing every unknown command;
 * {@code onCommand} then reaches the delegate.
 *
 * <p>Thread-safety: that of the delegate; this class adds no state.
 */
public class ForwardingRtmpController implements RtmpController {
    private final RtmpController delegate;

    /** @param delegate receives every callback; not null */
    public ForwardingRtmpController(RtmpController delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** @return the delegate */
    protected RtmpController delegate() {
        return delegate;
    }

    @Override
    public void onOpen(RtmpSession session) {
        delegate.onOpen(session);
    }

    @Override
    public void onClose(RtmpSession session, Throwable causeOrNull) {
        delegate.onClose(session, causeOrNull);
    }

    @Override
    public void onConnect(RtmpSession session, ConnectRequest request) {
        delegate.onConnect(session, request);
    }

    @Override
    public void onCreateStream(RtmpSession session, CreateStreamRequest request) {
        delegate.onCreateStream(session, request);
    }

    @Override
    public void onPublish(RtmpSession session, PublishRequest request) {
        delegate.onPublish(session, request);
    }

    @Override
    public void onPlay(RtmpSession session, PlayRequest request) {
        delegate.onPlay(session, request);
    }

    @Override
    public void onUnpublish(RtmpSession session, NetStream stream) {
        delegate.onUnpublish(session, stream);
    }

    @Override
    public void onStopPlay(RtmpSession session, NetStream stream) {
        delegate.onStopPlay(session, stream);
    }

    @Override
    public void onDeleteStream(RtmpSession session, NetStream stream) {
        delegate.onDeleteStream(session, stream);
    }

    @Override
    public void onMetadata(RtmpSession session, NetStream stream, DataMessage metadata) {
        delegate.onMetadata(session, stream, metadata);
    }

    @Override
    public void onMedia(RtmpSession session, NetStream stream, MediaMessage media) {
        delegate.onMedia(session, stream, media);
    }

    @Override
    public void onCommand(RtmpSession session, CommandMessage command) {
        delegate.onCommand(session, command);
    }

    @Override
    public void onMessage(RtmpSession session, RtmpMessage message) {
        delegate.onMessage(session, message);
    }

    @Override
    public void onPlay2(RtmpSession session, NetStream stream, Play2 play2) {
        delegate.onPlay2(session, stream, play2);
    }

    @Override
    public void onPause(RtmpSession session, NetStream stream, Pause pause) {
        delegate.onPause(session, stream, pause);
    }

    @Override
    public void onSeek(RtmpSession session, NetStream stream, Seek seek) {
        delegate.onSeek(session, stream, seek);
    }

    @Override
    public void onReceiveAudio(RtmpSession session, NetStream stream, boolean receive) {
        delegate.onReceiveAudio(session, stream, receive);
    }

    @Override
    public void onReceiveVideo(RtmpSession session, NetStream stream, boolean receive) {
        delegate.onReceiveVideo(session, stream, receive);
    }

    @Override
    public void onFcSubscribe(RtmpSession session, FcSubscribe subscribe) {
        delegate.onFcSubscribe(session, subscribe);
    }
}
