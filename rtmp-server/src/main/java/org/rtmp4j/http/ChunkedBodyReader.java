package org.rtmp4j.http;

import java.nio.ByteBuffer;

/**
 * Decodes the chunked transfer coding of a request body (RFC 9112 §7.1): chunk-size lines (hex,
 * extensions ignored, §7.1.1), chunk data handed out as slices of the input, the CRLF after each
 * chunk, the last chunk and the trailer section (§7.1.2, bounded like the header section).
 */
final class ChunkedBodyReader {
    /** More significant hex digits than this overflow (a chunk of 2^60 bytes is not a real chunk). */
    private static final int MAX_SIZE_DIGITS = 15;

    private enum State { SIZE_LINE, DATA, DATA_CR, DATA_LF, TRAILERS, DONE }

    private final int maxLineLength;
    private final LineBuffer line = new LineBuffer(32);
    private final FieldSectionReader trailers;
    private State state = State.SIZE_LINE;
    private long remaining;

    ChunkedBodyReader(HttpLimits limits) {
        this.maxLineLength = limits.maxChunkLineLength();
        this.trailers = new FieldSectionReader(limits.maxHeaderCount(), limits.maxHeaderBytes());
    }

    /** Starts a new body. */
    void reset() {
        state = State.SIZE_LINE;
        line.reset();
        trailers.reset();
        remaining = 0;
    }

    /**
     * Reads from {@code in} up to the next event.
     *
     * @param in the input; its position advances past what was consumed
     * @param offset connection offset of {@code in}'s position
     * @return a {@link HttpEvent.Body}, an {@link HttpEvent.EndOfRequest} or {@link HttpEvent#NEED_DATA}
     * @throws HttpRequestException 400 for a bad chunk size or missing CRLF, 431 for big trailers
     */
    HttpEvent next(ByteBuffer in, long offset) {
        long base = offset - in.position();
        while (in.hasRemaining()) {
            if (state == State.DATA) {
                int n = (int) Math.min(remaining, in.remaining());
                ByteBuffer slice = in.slice(in.position(), n).asReadOnlyBuffer();
                in.position(in.position() + n);
                remaining -= n;
                if (remaining == 0) {
                    state = State.DATA_CR;
                }
                return new HttpEvent.Body(slice);
            }
            long at = base + in.position();
            byte b = in.get();
            switch (state) {
                case SIZE_LINE -> sizeLine(b, at);
                case DATA_CR, DATA_LF -> {
                    byte expected = state == State.DATA_CR ? HttpSyntax.CR : HttpSyntax.LF;
                    if (b != expected) {
                        throw new HttpRequestException(400, at, "missing CRLF after chunk data");
                    }
                    state = state == State.DATA_CR ? State.DATA_LF : State.SIZE_LINE;
                }
                case TRAILERS -> {
                    if (trailers.add(b, at)) {
                        state = State.DONE;
                        return new HttpEvent.EndOfRequest(trailers.headers());
                    }
                }
                default -> throw new IllegalStateException("chunked body already ended");
            }
        }
        return HttpEvent.NEED_DATA;
    }

    private void sizeLine(byte b, long at) {
        int r = line.add(b, at, maxLineLength);
        if (r == LineBuffer.TOO_LONG) {
            throw new HttpRequestException(400, at, "chunk-size line longer than " + maxLineLength + " bytes");
        }
        if (r == LineBuffer.LINE) {
            long size = parseSize(line.bytes(), line.length(), line.start());
            line.reset();
            remaining = size;
            state = size == 0 ? State.TRAILERS : State.DATA;
        }
    }

    /** {@code chunk-size [chunk-ext]}: 1*HEXDIG, then nothing or {@code BWS ";" ...} (ignored). */
    private static long parseSize(byte[] b, int len, long start) {
        long size = 0;
        int digits = 0;
        int i = 0;
        for (; i < len; i++) {
            int v = HttpSyntax.hexValue(b[i]);
            if (v < 0) {
                break;
            }
            if (size != 0 || v != 0) {
                if (++digits > MAX_SIZE_DIGITS) {
                    throw new HttpRequestException(400, start + i, "chunk size overflow");
                }
            }
            size = size << 4 | v;
        }
        if (i == 0) {
            throw new HttpRequestException(400, start, "chunk size is not a hex number");
        }
        int ext = i;
        while (ext < len && HttpSyntax.isWhitespace(b[ext])) {
            ext++;
        }
        if (ext < len && b[ext] != ';') {
            throw new HttpRequestException(400, start + ext, "chunk size is not a hex number");
        }
        if (ext == len && ext != i) {
            throw new HttpRequestException(400, start + i, "whitespace after chunk size without extension");
        }
        for (int j = ext; j < len; j++) {
            if (!HttpSyntax.isFieldChar(b[j])) {
                throw new HttpRequestException(400, start + j, "control character in chunk extension");
            }
        }
        return size;
    }
}
