package org.rtmp4j.http;

/**
 * A client broke RFC 6455 or a limit. Unchecked. The runtime sends a Close frame with
 * {@link #closeCode()} (RFC 6455 §7.4.1: 1002 protocol error, 1007 invalid UTF-8 in a close reason,
 * 1009 message too big) and closes the connection; the decoder fails every later call the same way.
 */
public final class WebSocketException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The close status code to send. */
    private final int closeCode;
    /** What was wrong. */
    private final String reason;
    /** Byte offset in the inbound frame stream. */
    private final long offset;

    /**
     * @param closeCode the close status code to send (RFC 6455 §7.4.1)
     * @param offset byte offset in the connection's inbound frame stream (counted from the first byte
     *     after the handshake) of the first byte found wrong
     * @param reason what was wrong, without the offset
     */
    public WebSocketException(int closeCode, long offset, String reason) {
        super("close " + closeCode + " at offset " + offset + ": " + reason);
        this.closeCode = closeCode;
        this.reason = reason;
        this.offset = offset;
    }

    /** @return the close status code to send */
    public int closeCode() {
        return closeCode;
    }

    /** @return what was wrong, without code and offset */
    public String reason() {
        return reason;
    }

    /** @return byte offset in the inbound frame stream */
    public long offset() {
        return offset;
    }
}
