package org.rtmp4j.core.message;

/**
 * Protocol control message, RTMP 1.0 §5.4.1: the sender's new maximum chunk size in bytes (1..0x7FFFFFFF). Sent on chunk stream id 2, message stream id 0.
 *
 * @param chunkSize see above
 */
public record SetChunkSize(int chunkSize) implements RtmpMessage {
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
        return MessageType.SET_CHUNK_SIZE;
    }
}
