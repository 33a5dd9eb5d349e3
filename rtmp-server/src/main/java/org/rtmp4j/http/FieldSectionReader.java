package org.rtmp4j.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads a header or trailer section: field lines up to an empty line (RFC 9112 §5, §7.1.2), each
 * checked and split into name and value, within a count and a byte limit (431 when crossed).
 */
final class FieldSectionReader {
    private final int maxCount;
    private final int maxBytes;
    private final LineBuffer line = new LineBuffer(128);
    private final List<HttpHeader> fields = new ArrayList<>();
    private long[] offsets = new long[8];
    private int bytes;

    FieldSectionReader(int maxCount, int maxBytes) {
        this.maxCount = maxCount;
        this.maxBytes = maxBytes;
    }

    /**
     * Adds one byte.
     *
     * @param b the byte
     * @param offset its offset in the connection's inbound stream
     * @return true if {@code b} ended the section (the empty line)
     * @throws HttpRequestException 400 for a malformed field line, 431 past a limit
     */
    boolean add(byte b, long offset) {
        int max = Math.max(0, maxBytes - bytes - 2);
        int r = line.add(b, offset, max);
        if (r == LineBuffer.TOO_LONG) {
            throw new HttpRequestException(431, offset, "field section larger than " + maxBytes + " bytes");
        }
        if (r == LineBuffer.MORE) {
            return false;
        }
        long start = line.start();
        int len = line.length();
        line.reset();
        if (len == 0) {
            return true;
        }
        if (fields.size() == maxCount) {
            throw new HttpRequestException(431, start, "more than " + maxCount + " field lines");
        }
        bytes += len + 2;
        fields.add(parse(line.bytes(), len, start));
        if (fields.size() > offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[fields.size() - 1] = start;
        return false;
    }

    /** @return the field lines read */
    HttpHeaders headers() {
        return HttpHeaders.of(fields);
    }

    /**
     * @param index index of a field line
     * @return offset of its first byte in the connection's inbound stream
     */
    long offsetOf(int index) {
        return offsets[index];
    }

    /** Forgets everything, for the next section. */
    void reset() {
        fields.clear();
        bytes = 0;
        line.reset();
    }

    /** Splits {@code field-name ":" OWS field-value OWS} (RFC 9112 §5.1, RFC 9110 §5.5). */
    private HttpHeader parse(byte[] b, int len, long start) {
        if (HttpSyntax.isWhitespace(b[0])) {
            throw new HttpRequestException(400, start, fields.isEmpty()
                    ? "whitespace before the first field line" : "obsolete line folding (obs-fold)");
        }
        int colon = 0;
        while (colon < len && b[colon] != ':') {
            colon++;
        }
        if (colon == len) {
            throw new HttpRequestException(400, start, "field line without a colon");
        }
        if (colon == 0) {
            throw new HttpRequestException(400, start, "empty field name");
        }
        for (int i = 0; i < colon; i++) {
            if (HttpSyntax.isWhitespace(b[i]) && i == colon - 1) {
                throw new HttpRequestException(400, start + i, "whitespace between field name and colon");
            }
            if (!HttpSyntax.isTchar(b[i])) {
                throw new HttpRequestException(400, start + i, "invalid character in field name");
            }
        }
        int from = colon + 1;
        int to = len;
        while (from < to && HttpSyntax.isWhitespace(b[from])) {
            from++;
        }
        while (to > from && HttpSyntax.isWhitespace(b[to - 1])) {
            to--;
        }
        for (int i = from; i < to; i++) {
            if (!HttpSyntax.isFieldChar(b[i])) {
                throw new HttpRequestException(400, start + i, b[i] == HttpSyntax.CR
                        ? "bare CR in field value" : "control character in field value");
            }
        }
        return new HttpHeader(new String(b, 0, colon, StandardCharsets.ISO_8859_1),
                new String(b, from, to - from, StandardCharsets.ISO_8859_1));
    }
}
