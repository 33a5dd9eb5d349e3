package org.rtmp4j.core.session;

/**
 * A snapshot of one session's outbound counters (slow-player handling, docs/ARCHITECTURE.md §7
 * "Back-pressure"). Immutable.
 *
 * @param droppedVideoMessages video messages dropped by the back-pressure policy (inter frames
 *     above the high watermark and every video message while awaiting a keyframe)
 * @param droppedAudioMessages audio messages dropped above the high watermark
 * @param keyframeWaits how often a message stream of this session started dropping video until
 *     the next keyframe
 * @param queuedBytesPeak the most bytes seen queued for this peer when media was offered, in bytes
 * @param bytesOut bytes handed to the transport (chunk headers included), in bytes
 * @param closedForOverflow whether the session was closed because more than {@link
 *     OutboundLimits#maxQueued()} bytes were queued
 */
public record SessionStats(
        long droppedVideoMessages,
        long droppedAudioMessages,
        long keyframeWaits,
        long queuedBytesPeak,
        long bytesOut,
        boolean closedForOverflow) {
    /** All zero: a session that has sent nothing. */
    public static final SessionStats EMPTY = new SessionStats(0, 0, 0, 0, 0, false);

    /** @return dropped video plus dropped audio messages */
    public long droppedMediaMessages() {
        return droppedVideoMessages + droppedAudioMessages;
    }
}
