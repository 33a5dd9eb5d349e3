package org.rtmp4j.hls;

/**
 * An HLS playlist request refused before any waiting, with the status to answer it with: 400 for a
 * malformed or out-of-range delivery directive (RFC 8216bis §6.2.5: {@code _HLS_msn}, {@code _HLS_part},
 * {@code _HLS_skip}; §6.2.5.2: {@code _HLS_part} without {@code _HLS_msn}, {@code _HLS_msn} more than two
 * segments ahead, {@code _HLS_part} beyond the Advance Part Limit).
 */
public final class HlsRequestException extends Exception {
    private static final long serialVersionUID = 1L;
    /** The response status code. */
    private final int status;
    /** What was wrong. */
    private final String reason;
    /** Character offset in the raw query, or -1. */
    private final int offset;

    /**
     * @param status the response status code, 400..599
     * @param offset offset in the raw query string of the first character found wrong, counted from 0;
     *     -1 if the request is well-formed but refused (for example a directive too far ahead)
     * @param reason what was wrong, without the status and offset
     */
    public HlsRequestException(int status, int offset, String reason) {
        super("status " + status + (offset >= 0 ? " at offset " + offset : "") + ": " + reason);
        this.status = status;
        this.offset = offset;
        this.reason = reason;
    }

    /** @return the response status code (400 for every refusal this package makes) */
    public int status() {
        return status;
    }

    /** @return what was wrong, without status and offset */
    public String reason() {
        return reason;
    }

    /** @return offset in the raw query of the first character found wrong, or -1 */
    public int offset() {
        return offset;
    }
}
