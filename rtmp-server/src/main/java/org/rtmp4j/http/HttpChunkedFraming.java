package org.rtmp4j.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Frames a response body in the chunked transfer coding (RFC 9112 §7.1) without copying the data: a
 * chunk is three buffers for a gathering write, its size line, the shared data, and a CRLF, so one
 * encoded FLV tag can go to many players. Stateless and thread-safe; every method returns a new
 * buffer (or a new view) the caller may consume.
 */
public final class HttpChunkedFraming {
    private static final ByteBuffer CRLF = ByteBuffer.wrap(new byte[] {'\r', '\n'}).asReadOnlyBuffer();
    private static final ByteBuffer LAST_CHUNK =
            ByteBuffer.wrap("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

    private HttpChunkedFraming() {}

    /**
     * @param size the chunk's data length in bytes, at least 1 (0 is the last chunk)
     * @return {@code chunk-size CRLF} in lower-case hex, without extensions, positioned at 0
     * @throws IllegalArgumentException if {@code size < 1}
     */
    public static ByteBuffer chunkHeader(long size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be positive: " + size);
        }
        return ByteBuffer.wrap((Long.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** @return a read-only CRLF, the end of a chunk's data */
    public static ByteBuffer crlf() {
        return CRLF.duplicate();
    }

    /** @return a read-only {@code 0 CRLF CRLF}: the last chunk with no trailers, ending the body */
    public static ByteBuffer lastChunk() {
        return LAST_CHUNK.duplicate();
    }

    /**
     * One chunk around {@code data}'s remaining bytes.
     *
     * @param data at least one remaining byte; neither copied nor moved (a duplicate is returned)
     * @return size line, data view, CRLF, for a gathering write
     * @throws IllegalArgumentException if {@code data} has no remaining bytes
     */
    public static ByteBuffer[] chunk(ByteBuffer data) {
        Objects.requireNonNull(data, "data");
        return new ByteBuffer[] {chunkHeader(data.remaining()), data.duplicate(), crlf()};
    }
}
