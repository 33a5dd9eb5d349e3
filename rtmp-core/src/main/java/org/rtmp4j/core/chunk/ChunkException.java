package org.rtmp4j.core.chunk;

import org.rtmp4j.core.RtmpProtocolException;

/** A malformed chunk or a chunk-layer limit crossed (RTMP 1.0 §5.3). */
public final class ChunkException extends RtmpProtocolException {
    private static final long serialVersionUID = 1L;

    /**
     * @param offset byte offset in the inbound chunk stream, counted from the first byte after the
     *     handshake
     * @param reason what was wrong
     */
    public ChunkException(long offset, String reason) {
        super(offset, reason);
    }
}
