package org.rtmp4j.http;

import java.util.Objects;

/**
 * One field line (RFC 9110 §5, RFC 9112 §5): its name as received (compare it ignoring case) and its
 * value without leading and trailing whitespace, decoded as ISO-8859-1.
 *
 * @param name the field name, a token
 * @param value the field value
 */
public record HttpHeader(String name, String value) {
    /**
     * @param name not null
     * @param value not null
     * @throws NullPointerException if either is null
     */
    public HttpHeader {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
