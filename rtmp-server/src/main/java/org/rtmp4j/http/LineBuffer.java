package org.rtmp4j.http;

/**
 * Collects one line of a request head or chunked framing up to its CRLF (RFC 9112 §2.2). Policy: a
 * bare LF (not preceded by CR) is refused with 400 rather than accepted as RFC 9112 §2.2 allows,
 * because peers that disagree on line ends are how requests get smuggled; a bare CR inside a line
 * is refused by the callers' character checks.
 */
final class LineBuffer {
    /** {@link #add} result: the line continues. */
    static final int MORE = 0;
    /** {@link #add} result: the line ended. */
    static final int LINE = 1;
    /** {@link #add} result: the line is longer than allowed. */
    static final int TOO_LONG = 2;

    private byte[] buf;
    private int len;
    private long start = -1;

    LineBuffer(int initialCapacity) {
        buf = new byte[initialCapacity];
    }

    /**
     * Adds one byte.
     *
     * @param b the byte
     * @param offset its offset in the connection's inbound stream
     * @param max the longest line content allowed, without CRLF
     * @return {@link #LINE} if {@code b} ended the line ({@link #length()} then excludes CRLF),
     *     {@link #MORE} if more bytes are needed, {@link #TOO_LONG} if the line is longer than
     *     {@code max} (the caller turns that into its status)
     * @throws HttpRequestException 400 for a bare LF
     */
    int add(byte b, long offset, int max) {
        if (start < 0) {
            start = offset;
        }
        if (b == HttpSyntax.LF) {
            if (len == 0 || buf[len - 1] != HttpSyntax.CR) {
                throw new HttpRequestException(400, offset, "bare LF without CR ends a line");
            }
            len--;
            return LINE;
        }
        // A CR may end the line: allow max + 1 stored bytes until the LF tells.
        if (len > max || (len == max && b != HttpSyntax.CR)) {
            return TOO_LONG;
        }
        if (len == buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.max(16, buf.length * 2));
        }
        buf[len++] = b;
        return MORE;
    }

    /** @return the line content so far (after {@link #add} returned {@link #LINE}: without CRLF) */
    byte[] bytes() {
        return buf;
    }

    /** @return the content length */
    int length() {
        return len;
    }

    /** @return offset of the line's first byte, or -1 before one */
    long start() {
        return start;
    }

    /** Forgets the line to collect the next. */
    void reset() {
        len = 0;
        start = -1;
    }
}
