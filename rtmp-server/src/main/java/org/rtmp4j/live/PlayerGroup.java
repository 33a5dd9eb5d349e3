package org.rtmp4j.live;

/**
 * The players of one {@link PlayerKind} on one stream, summed: how many, what they were sent, what
 * the slow-output policy dropped for them. Immutable.
 *
 * @param players players of this kind now (RTMP and FLV players waiting for a publisher included;
 *     HLS: viewing sessions, as its {@link PlayerGroupSource} counts them)
 * @param bytesSent audio and video payload bytes sent to them ({@link OutputStats#bytesSent()})
 * @param droppedMessages audio and video messages dropped for them ({@link OutputStats#droppedMessages()})
 */
public record PlayerGroup(int players, long bytesSent, long droppedMessages) {
    /** No players. */
    public static final PlayerGroup EMPTY = new PlayerGroup(0, 0, 0);

    /**
     * @param other another group of the same kind
     * @return the sums of both
     */
    public PlayerGroup plus(PlayerGroup other) {
        return new PlayerGroup(players + other.players, bytesSent + other.bytesSent,
                droppedMessages + other.droppedMessages);
    }
}
