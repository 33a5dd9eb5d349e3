package org.rtmp4j.core.message;

/**
 * Protocol control message, RTMP 1.0 §5.4.3: total bytes received so far, modulo 2^32. Sent on chunk stream id 2, message stream id 0.
 *
 * @param sequenceNumber see above
 */
public record Acknowledgement(long sequenceNumber) implements RtmpMessage {
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
        return MessageType.ACKNOWLEDGEMENT;
    }
}
