package org.rtmp4j.server.internal;

import java.nio.ByteBuffer;

/**
 * What a {@link NioTransport} drives: the sans-I/O engine of one connection (a {@code
 * ServerConnection} on the server). Called on the connection's loop thread only.
 */
public interface ConnectionHandler {
    /**
     * Received bytes; the handler consumes all of {@code in} (the buffer is reused afterwards).
     *
     * @param in the bytes read, a view of the loop's shared read buffer
     */
    void onBytes(ByteBuffer in);

    /**
     * The loop's periodic tick.
     *
     * @param nowNanos {@code System.nanoTime()}
     */
    void onTick(long nowNanos);

    /**
     * Once, when the connection is closed.
     *
     * @param causeOrNull the failure, or {@code null}
     */
    void onTransportClosed(Throwable causeOrNull);
}
