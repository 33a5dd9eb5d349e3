package org.rtmp4j.core.session;

/**
 * A session was closed because more than {@link OutboundLimits#maxQueued()} bytes were queued
 * towards a peer that does not read fast enough (docs/ARCHITECTURE.md §7, back-pressure). Passed to {@link
 * RtmpController#onClose} as the cause. Unchecked.
 */
public final class OutboundOverflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param queuedBytes bytes queued when the limit was crossed
     * @param maxQueued the limit, in bytes
     */
    public OutboundOverflowException(long queuedBytes, long maxQueued) {
        super("outbound queue " + queuedBytes + " bytes exceeds maxQueued " + maxQueued + " bytes");
    }
}
