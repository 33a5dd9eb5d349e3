package org.rtmp4j.snapshot;

/**
 * A {@link KeyframeDecoder} that handles the stream's codec failed on this keyframe: corrupt or
 * truncated data, a decoder error, an image that could not be encoded. The snapshot is then {@link
 * SnapshotResult.Reason#DECODE_FAILED} (HTTP 500).
 */
public final class DecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param reason what failed, with the byte offset when known */
    public DecodeException(String reason) {
        super(reason);
    }

    /**
     * @param reason what failed
     * @param cause the decoder's own exception
     */
    public DecodeException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
