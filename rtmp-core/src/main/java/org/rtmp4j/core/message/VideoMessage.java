package org.rtmp4j.core.message;

import java.nio.ByteBuffer;

/**
 * Video message (type id 9, RTMP 1.0 §7.1.5).
 *
 * <p>The payload is shared, never copied: {@link #payload()} hands every caller its own read-only
 * view of the same bytes (see {@link MediaMessage#payload()}).
 *
 * @param timestamp timestamp in ms (unsigned 32-bit)
 * @param streamId message stream id
 * @param payload FLV video tag body; a writable buffer is wrapped in a read-only view (its bytes
 *     are shared, not copied; its position and limit are taken as they are now), a read-only one is
 *     kept and must not be moved afterwards
 */
public record VideoMessage(int timestamp, int streamId, ByteBuffer payload) implements MediaMessage {
    /** Makes the payload read-only if it is not already. */
    public VideoMessage {
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
