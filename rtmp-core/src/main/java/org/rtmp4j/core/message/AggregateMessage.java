package org.rtmp4j.core.message;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * Aggregate message (type 22, RTMP 1.0 §7.1.6): a series of FLV-style sub-messages, each an
 * 11-byte header, body and 4-byte back pointer.
 *
 * @param timestamp aggregate timestamp in ms; sub-message timestamps are rebased onto it
 * @param streamId message stream id
 * @param payload the raw aggregate body, read-only
 */
public record AggregateMessage(int timestamp, int streamId, ByteBuffer payload) implements RtmpMessage {
    /**
     * Splits into the contained messages, timestamps offset so the first equals {@link #timestamp()}.
     *
     * @throws org.rtmp4j.core.RtmpProtocolException if the body is malformed
     */
    public List<RtmpMessage> split() {
        return MessageCodec.splitAggregate(this);
    }

    @Override
    public MessageType type() {
        return MessageType.AGGREGATE;
    }
}
