package org.rtmp4j.core.message;

import java.nio.ByteBuffer;

/**
 * Video message (type id 9, RTMP 1.0 §7.1.5).
 *
 * @param timestamp timestamp in ms (unsigned 32-bit)
 * @param streamId message stream id
 * @param payload FLV video tag body, read-only and shared
 */
public record VideoMessage(int timestamp, int streamId, ByteBuffer payload) implements MediaMessage {
    /** Makes the payload read-only if it is not already. */
    public VideoMessage {
        if (!payload.isReadOnly()) {
            payload = payload.asReadOnlyBuffer();
        }
    }

    @Override
    public VideoMessage withStreamId(int newStreamId) {
        return new VideoMessage(timestamp, newStreamId, payload);
    }

    @Override
    public VideoMessage withTimestamp(int newTimestamp) {
        return new VideoMessage(newTimestamp, streamId, payload);
    }

    @Override
    public MessageType type() {
        return MessageType.VIDEO;
    }
}
