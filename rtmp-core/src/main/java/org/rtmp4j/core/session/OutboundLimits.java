package org.rtmp4j.core.session;

/**
 * Back-pressure bounds for what one session queues towards its peer (Netty's WriteBufferWaterMark,
 * rml_rtmp's {@code can_be_dropped}). Decisions are made on messages before chunking, so a drop
 * never desynchronises the peer's header decompression.
 *
 * @param lowWatermark bytes; below this the session is writable again (default 512 KiB)
 * @param highWatermark bytes; above this droppable media is dropped (default 2 MiB)
 * @param maxQueued bytes; above this the session is closed (default 16 MiB)
 * @param dropPolicy what to drop above the high watermark
 */
public record OutboundLimits(long lowWatermark, long highWatermark, long maxQueued, DropPolicy dropPolicy) {
    /** What a slow player loses. */
    public enum DropPolicy {
        /** Drop video until the next keyframe, audio while above the high watermark (default). */
        DROP_TO_NEXT_KEYFRAME,
        /** Never drop; the session is closed at {@code maxQueued} (for recording clients). */
        NEVER
    }

    /** The defaults listed above. */
    public static final OutboundLimits DEFAULT =
            new OutboundLimits(512 * 1024, 2 * 1024 * 1024, 16 * 1024 * 1024, DropPolicy.DROP_TO_NEXT_KEYFRAME);

    /**
     * Validates {@code 0 < low <= high <= maxQueued}.
     *
     * @param lowWatermark bytes; writable again below this
     * @param highWatermark bytes; droppable media is dropped above this
     * @param maxQueued bytes; the session is closed above this
     * @param dropPolicy what to drop above the high watermark
     * @throws IllegalArgumentException if the bounds are out of order or the policy is null
     */
    public OutboundLimits {
        if (lowWatermark <= 0 || highWatermark < lowWatermark || maxQueued < highWatermark || dropPolicy == null) {
            throw new IllegalArgumentException("need 0 < lowWatermark <= highWatermark <= maxQueued");
        }
    }
}
