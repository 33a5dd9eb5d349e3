package org.rtmp4j.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes a response head: {@code HTTP-version SP status-code SP reason-phrase CRLF}, the field lines
 * and the empty line (RFC 9112 §4, §5). Field names must be tokens and values must not contain CR, LF
 * or other control characters, so a value taken from a request can never split the response.
 * Stateless and thread-safe.
 */
public final class HttpResponseWriter {
    private static final Map<Integer, String> REASONS = Map.ofEntries(
            Map.entry(100, "Continue"), Map.entry(101, "Switching Protocols"), Map.entry(200, "OK"),
            Map.entry(204, "No Content"), Map.entry(304, "Not Modified"), Map.entry(400, "Bad Request"),
            Map.entry(403, "Forbidden"),
            Map.entry(404, "Not Found"), Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"),
            Map.entry(409, "Conflict"), Map.entry(413, "Content Too Large"), Map.entry(414, "URI Too Long"),
            Map.entry(426, "Upgrade Required"), Map.entry(431, "Request Header Fields Too Large"),
            Map.entry(500, "Internal Server Error"), Map.entry(503, "Service Unavailable"),
            Map.entry(505, "HTTP Version Not Supported"));

    private HttpResponseWriter() {}

    /**
     * @param status a status code
     * @return its reason phrase from RFC 9110 §15 (RFC 6585 §5 for 431), or {@code ""} for codes not
     *     listed here (the phrase is optional, RFC 9112 §4)
     */
    public static String reasonPhrase(int status) {
        return REASONS.getOrDefault(status, "");
    }

    /**
     * Writes a response head with the standard reason phrase.
     *
     * @param version the response version (answer HTTP/1.0 requests with HTTP/1.0 when the body is
     *     close-delimited or chunking is not possible)
     * @param status 100..999
     * @param headers the field lines, in order
     * @return a new buffer positioned at 0, ready to write
     * @throws IllegalArgumentException if the status or a field is invalid
     */
    public static ByteBuffer head(HttpVersion version, int status, HttpHeaders headers) {
        return head(version, status, reasonPhrase(status), headers);
    }

    /**
     * Writes a response head.
     *
     * @param version the response version
     * @param status 100..999 (RFC 9110 §15)
     * @param reason the reason phrase: HTAB, SP, visible ASCII or obs-text
     * @param headers the field lines, in order
     * @return a new buffer positioned at 0, ready to write
     * @throws IllegalArgumentException if the status, the reason or a field is invalid
     */
    public static ByteBuffer head(HttpVersion version, int status, String reason, HttpHeaders headers) {
        if (status < 100 || status > 999) {
            throw new IllegalArgumentException("status code must have 3 digits: " + status);
        }
        checkText(reason, "reason phrase");
        StringBuilder sb = new StringBuilder(64 + 32 * headers.size());
        sb.append(version.text()).append(' ').append(status).append(' ').append(reason).append("\r\n");
        for (HttpHeader h : headers) {
            if (!HttpSyntax.isToken(h.name())) {
                throw new IllegalArgumentException("field name is not a token: " + h.name());
            }
            checkText(h.value(), "value of " + h.name());
            sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
        }
        sb.append("\r\n");
        return ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void checkText(String s, String what) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c > 0xFF || !HttpSyntax.isFieldChar(c)) {
                throw new IllegalArgumentException(what + " has a control or non-Latin-1 character at " + i);
            }
        }
    }
}
