package org.rtmp4j.core.message;

import org.rtmp4j.core.chunk.RawMessage;

/**
 * A message with a type id rtmp4j does not interpret, passed through unchanged.
 *
 * @param raw the message as received
 */
public record UnknownMessage(RawMessage raw) implements RtmpMessage {
    @Override
    public int timestamp() {
        return raw.timestamp();
    }

    @Override
    public int streamId() {
        return raw.streamId();
    }

    @Override
    public MessageType type() {
        return MessageType.UNKNOWN;
    }
}
