package org.rtmp4j.http;

import java.util.List;

/**
 * Derives body framing and persistence from a request's header section and refuses ambiguous
 * framing, the ground of request smuggling (RFC 9112 §6.1, §6.3, §9.3; Host: RFC 9112 §3.2).
 */
final class MessageFraming {
    /** Content-Length values longer than this many digits are refused (10^18 bytes is plenty). */
    private static final int MAX_LENGTH_DIGITS = 18;

    private MessageFraming() {}

    /**
     * @param line the request line
     * @param fields the header section just read (for offsets)
     * @param end offset just past the head, reported for errors not tied to one field line
     * @return the request head
     * @throws HttpRequestException 400 for missing or repeated Host, both Content-Length and
     *     Transfer-Encoding, a Transfer-Encoding other than {@code chunked}, Transfer-Encoding in
     *     HTTP/1.0, repeated or malformed Content-Length
     */
    static HttpRequestHead head(RequestLineParser.RequestLine line, FieldSectionReader fields, long end) {
        HttpHeaders h = fields.headers();
        checkHost(line.version(), h, fields, end);
        int te = index(h, "Transfer-Encoding", 0);
        int cl = index(h, "Content-Length", 0);
        if (te >= 0 && cl >= 0) {
            throw new HttpRequestException(400, fields.offsetOf(Math.max(te, cl)),
                    "both Content-Length and Transfer-Encoding");
        }
        boolean keepAlive = keepAlive(line.version(), h);
        if (te >= 0) {
            if (line.version() == HttpVersion.HTTP_1_0) {
                throw new HttpRequestException(400, fields.offsetOf(te), "Transfer-Encoding in an HTTP/1.0 request");
            }
            int again = index(h, "Transfer-Encoding", te + 1);
            if (again >= 0) {
                throw new HttpRequestException(400, fields.offsetOf(again), "more than one Transfer-Encoding");
            }
            if (!h.list().get(te).value().equalsIgnoreCase("chunked")) {
                throw new HttpRequestException(400, fields.offsetOf(te), "Transfer-Encoding other than chunked");
            }
            return new HttpRequestHead(line.method(), line.target(), line.version(), h, keepAlive, -1, true);
        }
        long length = 0;
        if (cl >= 0) {
            int again = index(h, "Content-Length", cl + 1);
            if (again >= 0) {
                throw new HttpRequestException(400, fields.offsetOf(again), "more than one Content-Length");
            }
            length = contentLength(h.list().get(cl).value(), fields.offsetOf(cl));
        }
        return new HttpRequestHead(line.method(), line.target(), line.version(), h, keepAlive, length, false);
    }

    /** Exactly one Host in HTTP/1.1, at most one in HTTP/1.0, with a plausible authority. */
    private static void checkHost(HttpVersion version, HttpHeaders h, FieldSectionReader fields, long end) {
        int host = index(h, "Host", 0);
        if (host < 0) {
            if (version == HttpVersion.HTTP_1_1) {
                throw new HttpRequestException(400, end, "HTTP/1.1 request without Host");
            }
            return;
        }
        int again = index(h, "Host", host + 1);
        if (again >= 0) {
            throw new HttpRequestException(400, fields.offsetOf(again), "more than one Host");
        }
        String value = h.list().get(host).value();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean ok = c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:%[]".indexOf(c) >= 0);
            if (!ok) {
                throw new HttpRequestException(400, fields.offsetOf(host), "invalid Host value");
            }
        }
    }

    private static boolean keepAlive(HttpVersion version, HttpHeaders h) {
        if (h.hasToken("Connection", "close")) {
            return false;
        }
        return version == HttpVersion.HTTP_1_1 || h.hasToken("Connection", "keep-alive");
    }

    /** {@code Content-Length = 1*DIGIT} (RFC 9110 §8.6); a list, even of equal values, is refused. */
    private static long contentLength(String value, long at) {
        if (value.isEmpty() || value.length() > MAX_LENGTH_DIGITS) {
            throw new HttpRequestException(400, at, value.isEmpty() ? "empty Content-Length" : "Content-Length overflow");
        }
        long n = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new HttpRequestException(400, at, "Content-Length is not a decimal number");
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static int index(HttpHeaders h, String name, int from) {
        List<HttpHeader> list = h.list();
        for (int i = from; i < list.size(); i++) {
            if (list.get(i).name().equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }
}
