package org.rtmp4j.live;

import java.time.Instant;

/**
 * A snapshot of one entry of the relay's registry, for monitoring.
 *
 * @param key app and name
 * @param live whether a publisher is currently attached
 * @param publishingSince when the current publisher was accepted, or {@code null} when not live
 * @param players players subscribed, including those waiting for a publisher
 * @param messagesIn audio and video messages received from the current publisher
 * @param bytesIn payload bytes of those messages
 * @param videoFourCc the E-RTMP video FourCC from the last ExHeader sequence start (e.g.
 *     {@code hvc1}), or {@code null} for legacy or no video
 * @param droppedMessages media messages the slow-player policy dropped, summed over the sessions
 *     of the current players ({@link org.rtmp4j.core.session.RtmpSession#stats()})
 */
public record StreamInfo(
        StreamKey key,
        boolean live,
        Instant publishingSince,
        int players,
        long messagesIn,
        long bytesIn,
        String videoFourCc,
        long droppedMessages) {

    /**
     * A snapshot without drop counts.
     *
     * @param key app and name
     * @param live whether a publisher is attached
     * @param publishingSince when the publisher was accepted, or {@code null}
     * @param players players subscribed
     * @param messagesIn audio and video messages received
     * @param bytesIn payload bytes of those messages
     * @param videoFourCc the E-RTMP video FourCC, or {@code null}
     */
    public StreamInfo(StreamKey key, boolean live, Instant publishingSince, int players, long messagesIn,
            long bytesIn, String videoFourCc) {
        this(key, live, publishingSince, players, messagesIn, bytesIn, videoFourCc, 0);
    }
}
