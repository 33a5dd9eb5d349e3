package org.rtmp4j.server.internal;

import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.rtmp4j.core.command.Play;
import org.rtmp4j.core.command.Publish;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.session.CallRequest;
import org.rtmp4j.core.session.ForwardingRtmpController;
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
public final class PeerLimitController extends ForwardingRtmpController {
    private static final Logger LOG = LoggerFactory.getLogger(PeerLimitController.class);

    private final PeerSlot slot;
    private final PeerLimits limits;

    /**
     * @param delegate the connection's controller
     * @param slot the connection's slot
     * @param limits the limits that made {@code slot}
     */
    public PeerLimitController(RtmpController delegate, PeerSlot slot, PeerLimits limits) {
        super(delegate);
        this.slot = slot;
        this.limits = limits;
    }

    @Override
    public void onPublish(RtmpSession session, PublishRequest request) {
        if (establish(session, "publish")) {
            demoteIfRejected(session, request.decision());
            super.onPublish(session, request);
        } else {
            request.reject(Status.error(StatusCodes.PUBLISH_REJECTED, refusal()));
        }
    }

    @Override
    public void onPlay(RtmpSession session, PlayRequest request) {
        if (establish(session, "play")) {
            demoteIfRejected(session, request.decision());
            super.onPlay(session, request);
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

    /** A rejected publish or play leaves the connection pending again unless another of its streams plays or publishes. */
    private void demoteIfRejected(RtmpSession session, CompletionStage<Optional<Status>> decision) {
        decision.thenAccept(rejection -> {
            if (rejection.isPresent()) {
                demoteIfIdle(session);
            }
        });
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

    /**
     * Forwarded to the delegate's {@code onCall}: this wrapper is invisible, so a controller that overrides
     * {@code onCall} must still see every call ({@link ForwardingRtmpController} routes it to {@code onCommand}
     * for subclasses that add behaviour; this class adds none).
     */
    @Override
    public void onCall(RtmpSession session, CallRequest request) {
        delegate().onCall(session, request);
    }
}
