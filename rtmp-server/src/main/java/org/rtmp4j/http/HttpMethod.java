package org.rtmp4j.http;

import java.util.Optional;

/**
 * The request methods the parser accepts (RFC 9110 §9.3). Any other method is refused with 405
 * (see {@link HttpRequestException}); a 405 response must carry {@code Allow: } {@link #ALLOW}
 * (RFC 9110 §15.5.6).
 */
public enum HttpMethod {
    /** RFC 9110 §9.3.1. */
    GET,
    /** RFC 9110 §9.3.2: like GET, but the response has no content. */
    HEAD,
    /** RFC 9110 §9.3.3. */
    POST,
    /** RFC 9110 §9.3.4. */
    PUT,
    /** RFC 9110 §9.3.5 (an HTTP API's "close this"). */
    DELETE,
    /** RFC 9110 §9.3.7; the only method that may use the asterisk-form target {@code *}. */
    OPTIONS;

    /** The value of the {@code Allow} header field listing every accepted method. */
    public static final String ALLOW = "GET, HEAD, POST, PUT, DELETE, OPTIONS";

    /**
     * Finds a method by its token; method names are case-sensitive (RFC 9110 §9.1).
     *
     * @param token the method token of a request line
     * @return the method, or empty if it is not one of these
     */
    public static Optional<HttpMethod> of(String token) {
        for (HttpMethod m : values()) {
            if (m.name().equals(token)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
