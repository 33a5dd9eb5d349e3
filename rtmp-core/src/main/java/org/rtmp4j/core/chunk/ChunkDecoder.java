package org.rtmp4j.core.chunk;

import java.nio.ByteBuffer;
import java.util.function.Consumer;

/**
 * Decodes the chunk stream (RTMP 1.0 §5.3) into whole {@link RawMessage}s. Not thread-safe.
 *
 * <p>Consumes everything it can from {@code in}; partial chunk headers are kept internally.
 * Applies Set Chunk Size (type 1) and Abort (type 2) itself, immediately, and still emits them.
 */
public final class ChunkDecoder {
    /** Creates a decoder with peer chunk size 128 (RTMP 1.0 §5.4.1) enforcing {@code limits}. */
    public ChunkDecoder(ChunkLimits limits) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Decodes as much of {@code in} as possible, emitting each completed message to {@code out}.
     *
     * @throws ChunkException if the input is malformed or crosses a limit
     */
    public void decode(ByteBuffer in, Consumer<RawMessage> out) {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return total bytes consumed so far */
    public long bytesConsumed() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return the peer's current chunk size */
    public int chunkSize() {
        throw new UnsupportedOperationException("TODO");
    }
}
