package org.rtmp4j.core.message;

/**
 * Protocol control message, RTMP 1.0 §5.4.4: window acknowledgement size in bytes; the peer acknowledges after each such window. Sent on chunk stream id 2, message stream id 0.
 *
 * @param windowSize see above
 */
public record WindowAckSize(long windowSize) implements RtmpMessage {
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
        return MessageType.WINDOW_ACK_SIZE;
    }
}
