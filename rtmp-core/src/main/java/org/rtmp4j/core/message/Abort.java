package org.rtmp4j.core.message;

/**
 * Protocol control message, RTMP 1.0 §5.4.2: discard the partly received message on this chunk stream id. Sent on chunk stream id 2, message stream id 0.
 *
 * @param chunkStreamId see above
 */
public record Abort(int chunkStreamId) implements RtmpMessage {
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
        return MessageType.ABORT;
    }
}
