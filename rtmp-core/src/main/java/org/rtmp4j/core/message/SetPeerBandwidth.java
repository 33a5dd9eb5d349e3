package org.rtmp4j.core.message;

/**
 * Protocol control message, RTMP 1.0 §5.4.5: limits the peer's output bandwidth. Body: U32 window
 * size in bytes, then one byte limit type.
 *
 * @param windowSize acknowledgement window size in bytes
 * @param limitType how to apply it
 */
public record SetPeerBandwidth(long windowSize, LimitType limitType) implements RtmpMessage {
    /** The limit type byte (RTMP 1.0 §5.4.5). */
    public enum LimitType {
        /** 0: limit to the indicated window size. */
        HARD,
        /** 1: limit to the smaller of the indicated size and the current limit. */
        SOFT,
        /** 2: hard if the previous limit was hard, else ignore. */
        DYNAMIC;

        /** @return the limit type for the wire value; values above 2 map to {@link #DYNAMIC} */
        public static LimitType of(int value) {
            return value == 0 ? HARD : value == 1 ? SOFT : DYNAMIC;
        }
    }

    @Override
    public int timestamp() {
        return 0;
    }

    @Override
    public int streamId() {
        return 0;
    }

    @Override
    public MessageType type() {
        return MessageType.SET_PEER_BANDWIDTH;
    }
}
