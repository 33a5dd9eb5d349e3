package org.rtmp4j.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Frames a response body in the chunked transfer coding (RFC 9112 §7.1) without copying the data: a
 * chunk is three buffers for a gathering write, its size line, the shared data, and a CRLF, so one
 * encoded FLV tag can go to many players. Thread-safe; every method returns a new read-only view
 * the caller may consume.
 *
 * <p>The size line of the last size asked for is kept, so the many players of one message (same
 * size) share its bytes and each costs one view, not a string and two arrays (DESIGN-NOTES.md,
 * "Cheaper players (issue 17)").
 */
public final class HttpChunkedFraming {
    private static final ByteBuffer CRLF = ByteBuffer.wrap(new byte[] {'\r', '\n'}).asReadOnlyBuffer();
    private static final ByteBuffer LAST_CHUNK =
            ByteBuffer.wrap("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();

    /** The last size line made: threads racing on it at worst make one again. */
    private static volatile SizeLine last = new SizeLine(1, ByteBuffer.wrap(new byte[] {'1', '\r', '\n'}).asReadOnlyBuffer());

    private record SizeLine(long size, ByteBuffer bytes) {}

    private HttpChunkedFraming() {}

    /**
     * @param size the chunk's data length in bytes, at least 1 (0 is the last chunk)
     * @return {@code chunk-size CRLF} in lower-case hex, without extensions, positioned at 0 (read-only)
     * @throws IllegalArgumentException if {@code size < 1}
     */
    public static ByteBuffer chunkHeader(long size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be positive: " + size);
        }
        SizeLine line = last;
        if (line.size != size) {
            byte[] hex = (Long.toHexString(size) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            line = new SizeLine(size, ByteBuffer.wrap(hex).asReadOnlyBuffer());
            last = line;
        }
        return line.bytes.duplicate();
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
