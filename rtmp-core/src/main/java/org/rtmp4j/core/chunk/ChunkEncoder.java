package org.rtmp4j.core.chunk;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Splits messages into chunks (RTMP 1.0 §5.3), compressing headers per chunk stream id against
 * the previous message on it. Not thread-safe. The payload is never copied: output is header
 * buffers interleaved with read-only slices of it.
 */
public final class ChunkEncoder {
    /** Creates an encoder with chunk size 128. */
    public ChunkEncoder() {
        throw new UnsupportedOperationException("TODO");
    }

    /** Appends the chunks of {@code message} on {@code chunkStreamId} to {@code out}. */
    public void encode(RawMessage message, int chunkStreamId, List<ByteBuffer> out) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Sets the outgoing chunk size for messages encoded from now on. The caller must send Set Chunk
     * Size with this value (encoded before this call) first.
     */
    public void setChunkSize(int chunkSize) {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return the outgoing chunk size */
    public int chunkSize() {
        throw new UnsupportedOperationException("TODO");
    }
}
