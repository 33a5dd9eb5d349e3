package org.rtmp4j.core.chunk;

/**
 * Bounds the chunk decoder enforces so a hostile peer cannot cost unbounded memory (RTMP 1.0 §5.3).
 *
 * @param maxMessageSize largest message length accepted, in bytes (default 16 MiB; the 24-bit
 *     field's maximum is 0xFFFFFF); a larger declared length is refused before any allocation
 * @param maxIncomingChunkSize largest Set Chunk Size accepted from the peer, in bytes (default 16 MiB)
 * @param maxChunkStreams most chunk stream ids with state at once (default 64)
 * @param maxPendingBytes most bytes held in partly received messages over all chunk streams
 *     (default 32 MiB)
 */
public record ChunkLimits(int maxMessageSize, int maxIncomingChunkSize, int maxChunkStreams, long maxPendingBytes) {
    /** The defaults listed above. */
    public static final ChunkLimits DEFAULT = new ChunkLimits(16 * 1024 * 1024, 16 * 1024 * 1024, 64, 32L * 1024 * 1024);

    /**
     * Validates that every bound is positive.
     *
     * @param maxMessageSize largest message length accepted, in bytes
     * @param maxIncomingChunkSize largest Set Chunk Size accepted from the peer, in bytes
     * @param maxChunkStreams most chunk stream ids with state at once
     * @param maxPendingBytes most bytes held in partly received messages
     * @throws IllegalArgumentException if a bound is zero or negative
     */
    public ChunkLimits {
        if (maxMessageSize <= 0 || maxIncomingChunkSize <= 0 || maxChunkStreams <= 0 || maxPendingBytes <= 0) {
            throw new IllegalArgumentException("chunk limits must be positive");
        }
    }
}
