package org.rtmp4j.core.chunk;

import java.nio.ByteBuffer;
import org.rtmp4j.core.Timestamps;

/**
 * One whole RTMP message as the chunk layer sees it (RTMP 1.0 §5.3.1.2 / §6.1): the unit between
 * {@link ChunkDecoder}/{@link ChunkEncoder} and the typed message layer.
 *
 * <p>{@code timestamp} is the 32-bit wire value, the one that is encoded and relayed.
 * {@code unwrappedTimestamp} is the same instant on the 64-bit timeline the {@link ChunkDecoder}
 * keeps per chunk stream id: it keeps counting past 2^32 ms (about 49.7 days), so two decoded
 * messages can be subtracted without wrap-around. The encoder ignores it. Messages built with the
 * four-argument constructor get the unsigned wire value.
 *
 * @param typeId message type id (1..255)
 * @param timestamp absolute timestamp in milliseconds, an unsigned 32-bit value held in an int
 * @param streamId message stream id (unsigned 32-bit, little-endian on the wire)
 * @param payload the message body; read-only and shared, never modified by anyone once built
 * @param unwrappedTimestamp the timestamp on the 64-bit timeline, ms, {@code >= 0}, with its low
 *     32 bits equal to {@code timestamp}
 */
public record RawMessage(int typeId, int timestamp, int streamId, ByteBuffer payload, long unwrappedTimestamp) {
    /**
     * Checks that {@code unwrappedTimestamp} is non-negative and agrees with {@code timestamp}.
     *
     * @throws IllegalArgumentException otherwise
     */
    public RawMessage {
        if (unwrappedTimestamp < 0 || (int) unwrappedTimestamp != timestamp) {
            throw new IllegalArgumentException("unwrapped timestamp " + unwrappedTimestamp
                    + " is negative or its low 32 bits differ from timestamp " + Integer.toUnsignedString(timestamp));
        }
    }

    /**
     * A message whose unwrapped timestamp is the unsigned wire value (0..2^32 − 1 ms).
     *
     * @param typeId message type id (1..255)
     * @param timestamp absolute timestamp in milliseconds, an unsigned 32-bit value held in an int
     * @param streamId message stream id
     * @param payload the message body; read-only and shared
     */
    public RawMessage(int typeId, int timestamp, int streamId, ByteBuffer payload) {
        this(typeId, timestamp, streamId, payload, Timestamps.toUnsigned(timestamp));
    }

    /** @return the payload length in bytes */
    public int length() {
        return payload.remaining();
    }
}
