package org.rtmp4j.http;

import java.nio.charset.StandardCharsets;

/**
 * Parses {@code method SP request-target SP HTTP-version} (RFC 9112 §3) with single spaces, as the
 * grammar says; the lenient whitespace RFC 9112 §3 permits is not accepted.
 */
final class RequestLineParser {
    /** A request line split into its parts. */
    record RequestLine(HttpMethod method, String target, HttpVersion version) {}

    private RequestLineParser() {}

    /**
     * @param b the line without CRLF
     * @param len its length
     * @param start offset of its first byte
     * @return the parts
     * @throws HttpRequestException 400 malformed, 505 another version, 405 another method
     */
    static RequestLine parse(byte[] b, int len, long start) {
        int sp1 = indexOf(b, 0, len);
        int sp2 = sp1 < 0 ? -1 : indexOf(b, sp1 + 1, len);
        if (sp1 <= 0 || sp2 < 0 || indexOf(b, sp2 + 1, len) >= 0) {
            throw new HttpRequestException(400, start, "request line is not method SP target SP version");
        }
        for (int i = 0; i < sp1; i++) {
            if (!HttpSyntax.isTchar(b[i])) {
                throw new HttpRequestException(400, start + i, "invalid character in method");
            }
        }
        if (sp2 == sp1 + 1) {
            throw new HttpRequestException(400, start + sp2, "empty request-target");
        }
        for (int i = sp1 + 1; i < sp2; i++) {
            int c = b[i] & 0xFF;
            if (c <= 0x20 || c >= 0x7F) {
                throw new HttpRequestException(400, start + i, "invalid character in request-target");
            }
        }
        HttpVersion version = version(b, sp2 + 1, len, start);
        String methodName = ascii(b, 0, sp1);
        HttpMethod method = HttpMethod.of(methodName).orElseThrow(() ->
                new HttpRequestException(405, start, "method " + methodName + " not allowed"));
        String target = ascii(b, sp1 + 1, sp2);
        checkTargetForm(method, target, start + sp1 + 1);
        return new RequestLine(method, target, version);
    }

    private static HttpVersion version(byte[] b, int from, int len, long start) {
        // HTTP-version = "HTTP" "/" DIGIT "." DIGIT (RFC 9112 §2.3), case-sensitive
        if (len - from != 8 || !ascii(b, from, from + 5).equals("HTTP/") || !isDigit(b[from + 5])
                || b[from + 6] != '.' || !isDigit(b[from + 7])) {
            throw new HttpRequestException(400, start + from, "malformed HTTP-version");
        }
        String text = ascii(b, from, len);
        for (HttpVersion v : HttpVersion.values()) {
            if (v.text().equals(text)) {
                return v;
            }
        }
        throw new HttpRequestException(505, start + from, text + " not supported");
    }

    /** origin-form, absolute-form (http or https), or asterisk-form for OPTIONS (RFC 9112 §3.2). */
    private static void checkTargetForm(HttpMethod method, String target, long at) {
        if (target.startsWith("/")) {
            return;
        }
        if (target.equals("*")) {
            if (method != HttpMethod.OPTIONS) {
                throw new HttpRequestException(400, at, "asterisk-form target is only for OPTIONS");
            }
            return;
        }
        String lower = target.toLowerCase(java.util.Locale.ROOT);
        if ((lower.startsWith("http://") || lower.startsWith("https://")) && target.indexOf("//") + 2 < target.length()) {
            return;
        }
        throw new HttpRequestException(400, at, "request-target is not origin-form, absolute-form or *");
    }

    private static int indexOf(byte[] b, int from, int len) {
        for (int i = from; i < len; i++) {
            if (b[i] == ' ') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
