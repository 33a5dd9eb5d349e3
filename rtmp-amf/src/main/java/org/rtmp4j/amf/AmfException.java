package org.rtmp4j.amf;

/**
 * Thrown when AMF input is malformed, exceeds an {@link AmfLimits} bound, or uses a feature this
 * codec does not support. Unchecked: a decoder error is a protocol error of the peer.
 *
 * <p>The message always names the byte offset (relative to the start of the buffer being decoded)
 * and the reason, e.g. {@code "AMF at offset 17: truncated: string length 7000 exceeds remaining 12 bytes"}.
 */
public final class AmfException extends RuntimeException {
    /** Serialization version. */
    private static final long serialVersionUID = 1L;
    /** Byte offset of the problem, or -1 if unknown (serialized). */
    private final long offset;

    /**
     * @param offset byte offset at which the problem was found, or -1 if unknown
     * @param reason human-readable reason, without the offset
     */
    public AmfException(long offset, String reason) {
        super(offset >= 0 ? "AMF at offset " + offset + ": " + reason : reason);
        this.offset = offset;
    }

    /** @return the byte offset at which the problem was found, or -1 if unknown */
    public long offset() {
        return offset;
    }
}
