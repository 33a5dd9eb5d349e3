package org.rtmp4j.http;

/**
 * A request the parser refuses, with the status to answer it with. Unchecked. After one the parser
 * fails every later call with the same exception, and the runtime answers with {@link #status()} (if
 * it can) and closes the connection: after bad framing the next request cannot be found safely
 * (RFC 9112 §6.3, request smuggling).
 *
 * <p>Statuses: 400 malformed syntax or framing (RFC 9112 §2.2, §3, §5, §6, §7.1), 405 a method other
 * than {@link HttpMethod}'s (its response must list {@link HttpMethod#ALLOW}), 408 the request head
 * missed its deadline, 414 request line too long, 426 WebSocket version not 13 (RFC 6455 §4.4), 431
 * header or trailer section too large (RFC 6585 §5), 505 a version other than HTTP/1.0 and HTTP/1.1.
 */
public final class HttpRequestException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The response status code. */
    private final int status;
    /** What was wrong. */
    private final String reason;
    /** Byte offset in the inbound stream, or -1. */
    private final long offset;

    /**
     * @param status the response status code, 400..599
     * @param offset byte offset in the connection's inbound byte stream of the first byte found
     *     wrong (or where the limit was crossed), counted from 0; -1 if it is not about one byte
     * @param reason what was wrong, without the offset
     */
    public HttpRequestException(int status, long offset, String reason) {
        super("status " + status + (offset >= 0 ? " at offset " + offset : "") + ": " + reason);
        this.status = status;
        this.reason = reason;
        this.offset = offset;
    }

    /** @return the response status code */
    public int status() {
        return status;
    }

    /** @return what was wrong, without status and offset */
    public String reason() {
        return reason;
    }

    /** @return byte offset in the connection's inbound byte stream, or -1 */
    public long offset() {
        return offset;
    }
}
