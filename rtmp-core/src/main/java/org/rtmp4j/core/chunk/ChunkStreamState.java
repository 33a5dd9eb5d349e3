package org.rtmp4j.core.chunk;

/**
 * What the decoder remembers per chunk stream id (RTMP 1.0 §5.3.1.2): the fields of the most recent
 * message header, for header compression, and the partly received message, if any. Mutable, owned
 * by one {@link ChunkDecoder}.
 */
final class ChunkStreamState {
    final int chunkStreamId;
    /** Absolute timestamp of the current (or last) message, unsigned 32-bit ms. */
    int timestamp;
    /** {@link #timestamp} on this chunk stream id's 64-bit unwrapped timeline, ms. */
    long unwrapped;
    /** Whether {@link #unwrapped} holds a value (a type-0 header was read). */
    boolean timelineStarted;
    /** Timestamp delta applied when a type-3 chunk starts a new message (§5.3.1.2.4). */
    int delta;
    /** Whether the most recent type 0/1/2 header had an extended timestamp (§5.3.1.3). */
    boolean extended;
    int messageLength;
    int typeId;
    int streamId;
    /** The partly received message's body, exactly messageLength bytes; null between messages. */
    byte[] payload;
    /** Bytes of {@link #payload} received so far. */
    int received;
    /** Decoder offset of the message's first payload byte, for error messages. */
    long payloadOffset;

    ChunkStreamState(int chunkStreamId) {
        this.chunkStreamId = chunkStreamId;
    }
}
