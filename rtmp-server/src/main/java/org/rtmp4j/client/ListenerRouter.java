package org.rtmp4j.client;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.rtmp4j.core.command.ReconnectRequest;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.ClientListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one listener the engine knows; routes per message stream id to the listener of the {@link
 * Subscription} playing it, and Reconnect Requests to the client. A listener that throws is
 * logged; the connection goes on.
 */
final class ListenerRouter implements ClientListener {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerRouter.class);

    private final Map<Integer, ClientListener> streams = new ConcurrentHashMap<>();
    private final Consumer<ReconnectRequest> onReconnect;

    /** @param onReconnect gets E-RTMP v2 Reconnect Requests (NetConnection onStatus) */
    ListenerRouter(Consumer<ReconnectRequest> onReconnect) {
        this.onReconnect = onReconnect;
    }

    @Override
    public void onReconnectRequest(ReconnectRequest request) {
        guard(() -> onReconnect.accept(request));
    }

    void put(int streamId, ClientListener listener) {
        streams.put(streamId, listener);
    }

    void remove(int streamId) {
        streams.remove(streamId);
    }

    @Override
    public void onStatus(int streamId, Status status) {
        ClientListener l = streams.get(streamId);
        if (l != null) {
            guard(() -> l.onStatus(streamId, status));
        } else {
            LOG.debug("status on stream {}: {}", streamId, status);
        }
    }

    @Override
    public void onMedia(int streamId, MediaMessage media) {
        ClientListener l = streams.get(streamId);
        if (l != null) {
            guard(() -> l.onMedia(streamId, media));
        }
    }

    @Override
    public void onData(int streamId, DataMessage data) {
        ClientListener l = streams.get(streamId);
        if (l != null) {
            guard(() -> l.onData(streamId, data));
        }
    }

    @Override
    public void onCommand(CommandMessage command) {
        LOG.debug("unhandled command {}", command.name());
    }

    @Override
    public void onClose(Throwable causeOrNull) {
        for (ClientListener l : streams.values()) {
            guard(() -> l.onClose(causeOrNull));
        }
        streams.clear();
    }

    private static void guard(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("client listener failed", e);
        }
    }
}
