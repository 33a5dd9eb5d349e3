package org.rtmp4j.live;

import java.nio.ByteBuffer;

/**
 * Receives a live stream as FLV bytes (FLV 10.1 §E.2–§E.4), for an HTTP-FLV or WebSocket-FLV
 * player or a host's own HTTP server ({@link LiveBroadcastController#subscribeFlv}). The bytes are
 * the FLV header with the stream's real audio/video flags, then {@code onMetaData}, the sequence
 * headers, the cached GOP from a keyframe, then the live tags, each tag with its PreviousTagSize.
 * E-RTMP codecs (ExHeader video and audio) pass through unchanged.
 *
 * <p>Back-pressure: {@link #queuedBytes()} tells the hub how much the subscriber holds that its
 * peer has not yet taken; above the subscription's high watermark the hub drops video to the next
 * keyframe (audio while above it), and past the hard cap it ends the subscription ({@link
 * #onEnd} with an {@link org.rtmp4j.core.session.OutboundOverflowException}).
 *
 * <p>Threading: the methods are called one at a time (never concurrently), in stream order, on
 * whichever thread the subscription runs ({@link LiveBroadcastController#subscribeFlv}). They must
 * not block.
 */
public interface FlvSubscriber {
    /**
     * Takes the next FLV bytes: a header, or one whole tag with its PreviousTagSize.
     *
     * @param bytes a read-only view of bytes shared with every other FLV subscriber; keep it (it is
     *     never changed) or copy it, but do not block
     */
    void onFlv(ByteBuffer bytes);

    /**
     * As {@link #onFlv(ByteBuffer)}, for a tag the hub found holdable: audio that may wait up to
     * {@code holdNanos} for the subscriber's next write before it is sent (so that it leaves with
     * the next video tag in one socket write; DESIGN-NOTES.md, "Audio rides with video (issue 17)").
     * The default ignores the hold.
     *
     * @param bytes as for {@link #onFlv(ByteBuffer)}
     * @param holdNanos the longest wait in nanoseconds; 0 = send as soon as possible
     */
    default void onFlv(ByteBuffer bytes, long holdNanos) {
        onFlv(bytes);
    }

    /** @return bytes taken with {@link #onFlv} and not yet delivered to the peer */
    long queuedBytes();

    /**
     * The stream's publisher started ({@code true}) or left ({@code false}); the subscription stays
     * and continues with the next publisher's metadata, sequence headers and keyframe.
     *
     * @param live whether a publisher is attached now
     */
    default void onLive(boolean live) {}

    /**
     * The subscription ended and nothing more follows: closed for overflow ({@link
     * org.rtmp4j.core.session.OutboundOverflowException}), or refused by the E-RTMP gate (an {@link
     * IllegalStateException} naming the FourCC; FLV subscribers accept every FourCC unless the host
     * says otherwise). Not called after {@link LiveSubscription#cancel()}.
     *
     * @param cause why
     */
    default void onEnd(Throwable cause) {}
}
