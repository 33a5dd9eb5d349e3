package org.rtmp4j.core.message;

import java.nio.ByteBuffer;

/**
 * Audio message (type id 8, RTMP 1.0 §7.1.4).
 *
 * @param timestamp timestamp in ms (unsigned 32-bit)
 * @param streamId message stream id
 * @param payload FLV audio tag body, read-only and shared
 */
public record AudioMessage(int timestamp, int streamId, ByteBuffer payload) implements MediaMessage {
    /** Makes the payload read-only if it is not already. */
    public AudioMessage {
        if (!payload.isReadOnly()) {
            payload = payload.asReadOnlyBuffer();
        }
    }

    @Override
    public AudioMessage withStreamId(int newStreamId) {
        return new AudioMessage(timestamp, newStreamId, payload);
    }

    @Override
    public AudioMessage withTimestamp(int newTimestamp) {
        return new AudioMessage(newTimestamp, streamId, payload);
    }

    @Override
    public MessageType type() {
        return MessageType.AUDIO;
    }
}
