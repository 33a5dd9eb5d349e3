package org.rtmp4j.tls;

import java.io.IOException;

/**
 * A PEM text (RFC 7468) that cannot be used: no block, an unterminated block, bad Base64, a label
 * that is not the one expected, or a DER body the JDK rejects. The message names the character
 * offset and the reason.
 */
public final class PemFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** The character offset of the problem in the text, or -1 when it concerns the whole text. */
    private final int offset;

    /**
     * @param offset the character offset in the PEM text, or -1
     * @param reason what is wrong
     */
    public PemFormatException(int offset, String reason) {
        super(offset >= 0 ? "PEM at offset " + offset + ": " + reason : "PEM: " + reason);
        this.offset = offset;
    }

    /**
     * @param offset the character offset in the PEM text, or -1
     * @param reason what is wrong
     * @param cause the JDK's exception
     */
    public PemFormatException(int offset, String reason, Throwable cause) {
        this(offset, reason);
        initCause(cause);
    }

    /** @return the character offset of the problem, or -1 */
    public int offset() {
        return offset;
    }
}
