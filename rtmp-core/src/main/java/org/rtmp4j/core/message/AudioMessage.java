package org.rtmp4j.core.message;

import java.nio.ByteBuffer;

/**
 * Audio message (type id 8, RTMP 1.0 §7.1.4).
 *
 * <p>The payload is shared, never copied: {@link #payload()} hands every caller its own read-only
 * view of the same bytes (see {@link MediaMessage#payload()}).
 *
 * @param timestamp timestamp in ms (unsigned 32-bit)
 * @param streamId message stream id
 * @param payload FLV audio tag body; a writable buffer is wrapped in a read-only view (its bytes
 *     are shared, not copied; its position and limit are taken as they are now), a read-only one is
 *     kept and must not be moved afterwards
 */
public record AudioMessage(int timestamp, int streamId, ByteBuffer payload) implements MediaMessage {
    /** Makes the payload read-only if it is not already. */
    public AudioMessage {
        if (!payload.isReadOnly()) {
            payload = payload.asReadOnlyBuffer();
        }
    }

    /**
     * @return a new read-only view of the payload (position and limit as published), allocated per
     *     call and never a copy of the bytes: moving its position or limit affects no one else
     */
    @Override
    public ByteBuffer payload() {
        return payload.duplicate();
    }

    /** @return the payload length in bytes, without making a view */
    @Override
    public int size() {
        return payload.remaining();
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
