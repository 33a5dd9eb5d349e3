package org.rtmp4j.flv;

import java.io.IOException;

/**
 * Malformed or unsupported FLV input (FLV 10.1 Annex E), or a tag header that cannot be parsed.
 *
 * <p>The message names the source (when known), the byte offset of the damage and the reason,
 * for example {@code "movie.flv: FLV offset 4711: truncated tag (declared 1200 bytes of data)"}.
 * For the container classes the offset counts bytes from the start of the stream; for the tag
 * header parsers in {@code org.rtmp4j.flv.media} it is 0-based within the tag body.
 */
public class FlvFormatException extends IOException {
    private static final long serialVersionUID = 1L;

    /** Byte offset of the damage, or -1. */
    private final long offset;
    /** The reason without source and offset. */
    private final String reason;
    /** The file or stream name, or null. */
    private final String source;

    /**
     * Creates an exception for an unnamed source.
     *
     * @param offset byte offset of the damage, or -1 if unknown
     * @param reason what is wrong, without the offset
     */
    public FlvFormatException(long offset, String reason) {
        this(null, offset, reason, null);
    }

    /**
     * Creates an exception naming its source, for example a file name.
     *
     * @param source the file or stream name, or {@code null}
     * @param offset byte offset of the damage, or -1 if unknown
     * @param reason what is wrong, without the offset
     * @param cause the underlying cause, or {@code null}
     */
    public FlvFormatException(String source, long offset, String reason, Throwable cause) {
        super(message(source, offset, reason), cause);
        this.offset = offset;
        this.reason = reason;
        this.source = source;
    }

    private static String message(String source, long offset, String reason) {
        StringBuilder sb = new StringBuilder();
        if (source != null) {
            sb.append(source).append(": ");
        }
        if (offset >= 0) {
            sb.append("FLV offset ").append(offset).append(": ");
        }
        return sb.append(reason).toString();
    }

    /**
     * Returns the byte offset of the damage.
     *
     * @return the offset in bytes, or -1 if unknown
     */
    public long offset() {
        return offset;
    }

    /**
     * Returns the reason without source and offset.
     *
     * @return the reason
     */
    public String reason() {
        return reason;
    }

    /**
     * Returns the source name given at construction.
     *
     * @return the file or stream name, or {@code null}
     */
    public String source() {
        return source;
    }

    /**
     * Returns a copy of this exception that names {@code source}, with this exception as cause.
     *
     * @param source the file or stream name
     * @return a new exception with the same offset and reason
     */
    public FlvFormatException withSource(String source) {
        return new FlvFormatException(source, offset, reason, this);
    }
}
