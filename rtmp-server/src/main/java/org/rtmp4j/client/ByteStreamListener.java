package org.rtmp4j.client;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Receives the bytes of a plain TCP connection opened with {@link NioClientGroup#openStream}: no
 * RTMP, the caller parses whatever protocol the server speaks (e.g. an HTTP-FLV response for a load
 * test). Every callback runs on the connection's event loop thread and must not block.
 */
public interface ByteStreamListener {
    /**
     * Bytes arrived.
     *
     * @param data the bytes read, from position to limit; a buffer shared by the loop, valid only
     *     until this method returns (read it or copy what you keep; moving its position is allowed)
     * @throws IOException to close the connection (malformed input); {@link #onClose} then gets it
     */
    void onData(ByteBuffer data) throws IOException;

    /**
     * The connection closed: the server closed it (end of stream), a read failed, or the group
     * closed. Called at most once, last.
     *
     * @param causeOrNull the failure, or {@code null} for an orderly close
     */
    default void onClose(Throwable causeOrNull) {}
}
