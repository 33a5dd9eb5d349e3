package org.rtmp4j.core.session;

import java.nio.ByteBuffer;

/**
 * The server engine for one connection: handshake, chunk stream, messages, protocol handling and
 * controller callbacks. Sans-I/O: bytes in through {@link #onBytes}, bytes out through the {@link
 * Transport}. Confined to the connection's thread; {@link RtmpSession} methods marshal to it.
 */
public final class ServerConnection { // TODO(session helper): implements RtmpSession
    /** Creates the engine; nothing is sent until bytes arrive. */
    public ServerConnection(SessionConfig config, RtmpControllerFactory controllers, Transport transport) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Feeds received bytes; consumes all of {@code in}. A protocol error closes the transport
     * (after logging once) and is not rethrown.
     */
    public void onBytes(ByteBuffer in) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Drives timers (handshake/connect/idle deadlines, pings). @param nowNanos a monotonic clock, e.g. {@code System.nanoTime()} */
    public void onTick(long nowNanos) {
        throw new UnsupportedOperationException("TODO");
    }

    /** The transport is closed; runs onUnpublish/onStopPlay/onClose once. @param causeOrNull failure or {@code null} */
    public void onTransportClosed(Throwable causeOrNull) {
        throw new UnsupportedOperationException("TODO");
    }

    // RtmpSession methods: TODO (stub compiled as abstract-free by the session helper)
}
