package org.rtmp4j.snapshot;

/**
 * A {@link KeyframeDecoder} cannot decode this stream at all: another codec, profile, chroma format
 * or bit depth than it handles, or its tool is missing. A chain ({@link KeyframeDecoder#firstOf})
 * then tries the next decoder; when none can, the snapshot is {@link
 * SnapshotResult.Reason#UNSUPPORTED_CODEC} (HTTP 503).
 */
public final class UnsupportedCodecException extends Exception {
    private static final long serialVersionUID = 1L;

    /** @param reason what the decoder lacks, e.g. {@code "H.264 High 4:2:2 profile"} */
    public UnsupportedCodecException(String reason) {
        super(reason);
    }
}
