package org.rtmp4j.core;

/**
 * The peer broke the RTMP protocol (RTMP 1.0 §5). The engine that throws it closes the offending
 * connection only. Unchecked.
 *
 * <p>The message names the byte offset (counted from the first byte received on the connection,
 * or -1 when not applicable) and the reason.
 */
public class RtmpProtocolException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    /**
     * A protocol violation at {@code offset}; the message is {@code "at offset N: reason"}.
     *
     * @param offset byte offset in the connection's inbound byte stream, or -1 if unknown
     * @param reason what was wrong, without the offset
     */
    public RtmpProtocolException(long offset, String reason) {
        super(offset >= 0 ? "at offset " + offset + ": " + reason : reason);
        this.offset = offset;
    }

    /**
     * @param offset byte offset in the connection's inbound byte stream, or -1 if unknown
     * @param reason what was wrong, without the offset
     * @param cause the underlying failure, e.g. an {@code AmfException}
     */
    public RtmpProtocolException(long offset, String reason, Throwable cause) {
        super(offset >= 0 ? "at offset " + offset + ": " + reason : reason, cause);
        this.offset = offset;
    }

    /** @return byte offset in the connection's inbound byte stream, or -1 if unknown */
    public long offset() {
        return offset;
    }
}
