package org.rtmp4j.server.internal;

import org.rtmp4j.core.command.FcSubscribe;
import org.rtmp4j.core.command.Pause;
import org.rtmp4j.core.command.Play;
import org.rtmp4j.core.command.Play2;
import org.rtmp4j.core.command.Publish;
import org.rtmp4j.core.command.Seek;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.RtmpMessage;
import org.rtmp4j.core.session.CallRequest;
import org.rtmp4j.core.session.ConnectRequest;
import org.rtmp4j.core.session.CreateStreamRequest;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.PlayRequest;
import org.rtmp4j.core.session.PublishRequest;
import org.rtmp4j.core.session.RtmpController;
import org.rtmp4j.core.session.RtmpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wraps a connection's controller to keep its {@link PeerSlot} right: a {@code publish} (RTMP 1.0
 * §7.2.2.6) or {@code play} (§7.2.2.1) makes the connection established before the controller
 * decides it, unless its address has {@link PeerLimits#maxEstablishedPerIp()} established
 * connections: then the request is refused ({@code NetStream.Publish.Rejected} or {@code
 * NetStream.Play.Failed}, with the address and the limit) and the controller never sees it. A
 * request the controller rejects while nothing of the connection publishes or plays makes it
 * pending again. Every other callback is forwarded unchanged. Thread-safe as the wrapped controller.
 */
public final class PeerLimitController implements RtmpController {
    private static final Logger LOG = LoggerFactory.getLogger(PeerLimitController.class);

    private final RtmpController delegate;
    private final PeerSlot slot;
    private final PeerLimits limits;

    /**
     * @param delegate the connection's controller
     * @param slot the connection's slot
     * @param limits the limits that made {@code slot}
     */
    public PeerLimitController(RtmpController delegate, PeerSlot slot, PeerLimits limits) {
        this.delegate = delegate;
        this.slot = slot;
        this.limits = limits;
    }

    @Override
    public void onPublish(RtmpSession session, PublishRequest request) {
        if (establish(session, "publish")) {
            delegate.onPublish(session, new Publishing(request, () -> demoteIfIdle(session)));
        } else {
            request.reject(Status.error(StatusCodes.PUBLISH_REJECTED, refusal()));
        }
    }

    @Override
    public void onPlay(RtmpSession session, PlayRequest request) {
        if (establish(session, "play")) {
            delegate.onPlay(session, new Playing(request, () -> demoteIfIdle(session)));
        } else {
            request.reject(Status.error(StatusCodes.PLAY_FAILED, refusal()));
        }
    }

    private boolean establish(RtmpSession session, String what) {
        if (limits.tryEstablish(slot)) {
            return true;
        }
        LOG.info("{} ({}): {} refused, {}", session.id(), session.remoteAddress(), what, refusal());
        return false;
    }

    private String refusal() {
        return "too many publishers and players from " + slot.ip().getHostAddress() + " (max "
                + limits.maxEstablishedPerIp() + ")";
    }

    private void demoteIfIdle(RtmpSession session) {
        for (NetStream s : session.streams()) {
            if (s.state() == NetStream.State.PUBLISHING || s.state() == NetStream.State.PLAYING) {
                return;
            }
        }
        PeerSlot displaced = limits.demote(slot);
        if (displaced != null) {
            displaced.evict();
        }
    }

    /** A publish decision that reports a rejection. */
    private record Publishing(PublishRequest request, Runnable onReject) implements PublishRequest {
        @Override
        public Publish command() {
            return request.command();
        }

        @Override
        public CommandMessage message() {
            return request.message();
        }

        @Override
        public NetStream stream() {
            return request.stream();
        }

        @Override
        public void accept() {
            request.accept();
        }

        @Override
        public void reject(Status status) {
            boolean first = !request.isDone();
            request.reject(status);
            if (first) {
                onReject.run();
            }
        }

        @Override
        public void reject(String description) {
            boolean first = !request.isDone();
            request.reject(description);
            if (first) {
                onReject.run();
            }
        }

        @Override
        public boolean isDone() {
            return request.isDone();
        }
    }

    /** A play decision that reports a rejection. */
    private record Playing(PlayRequest request, Runnable onReject) implements PlayRequest {
        @Override
        public Play command() {
            return request.command();
        }

        @Override
        public CommandMessage message() {
            return request.message();
        }

        @Override
        public NetStream stream() {
            return request.stream();
        }

        @Override
        public void accept() {
            request.accept();
        }

        @Override
        public void reject(Status status) {
            boolean first = !request.isDone();
            request.reject(status);
            if (first) {
                onReject.run();
            }
        }

        @Override
        public void reject(String description) {
            boolean first = !request.isDone();
            request.reject(description);
            if (first) {
                onReject.run();
            }
        }

        @Override
        public boolean isDone() {
            return request.isDone();
        }
    }

    // ---------------------------------------------------------------- forwarded unchanged

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

    @Override
    public void onCall(RtmpSession session, CallRequest request) {
        delegate.onCall(session, request);
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
    public String toString() {
        return "PeerLimitController[" + delegate + "]";
    }
}
