package org.rtmp4j.http;

import java.util.Objects;

/**
 * A parsed request line and header section (RFC 9112 §3, §5), with the body framing and
 * persistence the parser derived from them.
 *
 * @param method the request method
 * @param target the request-target as received (origin-form {@code /a/b?q}, absolute-form
 *     {@code http://host/a}, or {@code *} for OPTIONS; RFC 9112 §3.2)
 * @param version the protocol version
 * @param headers the header fields in order
 * @param keepAlive whether the connection stays open after this request (RFC 9112 §9.3): HTTP/1.1
 *     unless {@code Connection: close}; HTTP/1.0 only with {@code Connection: keep-alive}
 * @param contentLength the body length in bytes from {@code Content-Length} (0 when the request has
 *     neither it nor {@code Transfer-Encoding}, RFC 9112 §6.3), or -1 when the body is chunked
 * @param chunked whether the body uses the chunked transfer coding (RFC 9112 §7.1)
 */
public record HttpRequestHead(
        HttpMethod method,
        String target,
        HttpVersion version,
        HttpHeaders headers,
        boolean keepAlive,
        long contentLength,
        boolean chunked) {

    /**
     * @param method not null
     * @param target not null
     * @param version not null
     * @param headers not null
     * @param keepAlive persistence
     * @param contentLength at least 0, or -1 exactly when {@code chunked}
     * @param chunked chunked transfer coding
     * @throws NullPointerException if an object is null
     * @throws IllegalArgumentException if the length does not match the framing
     */
    public HttpRequestHead {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(headers, "headers");
        if (chunked ? contentLength != -1 : contentLength < 0) {
            throw new IllegalArgumentException("contentLength " + contentLength + " with chunked=" + chunked);
        }
    }

    /** @return whether a body follows the head (chunked, or a positive {@code Content-Length}) */
    public boolean hasBody() {
        return chunked || contentLength > 0;
    }

    /** @return the target up to its first {@code ?} (the whole target if it has no query) */
    public String path() {
        int q = target.indexOf('?');
        return q < 0 ? target : target.substring(0, q);
    }
}
