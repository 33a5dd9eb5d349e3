package org.rtmp4j.core.chunk;

import java.nio.ByteBuffer;

/**
 * One whole RTMP message as the chunk layer sees it (RTMP 1.0 §5.3.1.2 / §6.1): the unit between
 * {@link ChunkDecoder}/{@link ChunkEncoder} and the typed message layer.
 *
 * @param typeId message type id (1..255)
 * @param timestamp absolute timestamp in milliseconds, an unsigned 32-bit value held in an int
 * @param streamId message stream id (unsigned 32-bit, little-endian on the wire)
 * @param payload the message body; read-only and shared, never modified by anyone once built
 */
public record RawMessage(int typeId, int timestamp, int streamId, ByteBuffer payload) {
    /** @return the payload length in bytes */
    public int length() {
        return payload.remaining();
    }
}
