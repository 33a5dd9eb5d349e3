package org.rtmp4j.core.message;

import java.util.List;
import org.rtmp4j.amf.AmfLimits;
import org.rtmp4j.core.chunk.RawMessage;

/**
 * Converts between {@link RawMessage} (chunk layer) and typed {@link RtmpMessage}s (RTMP 1.0 §5.4,
 * §6.2, §7.1). Media payloads convert both ways without copying. Stateless and thread-safe.
 */
public final class MessageCodec {
    private MessageCodec() {}

    /**
     * Decodes with {@link AmfLimits#DEFAULT}.
     *
     * @throws org.rtmp4j.core.RtmpProtocolException if the body is malformed for its type (AMF
     *     errors are wrapped, keeping the {@code AmfException} as cause)
     */
    public static RtmpMessage decode(RawMessage raw) {
        return decode(raw, AmfLimits.DEFAULT);
    }

    /** Decodes, bounding AMF bodies by {@code limits}. @throws org.rtmp4j.core.RtmpProtocolException if malformed */
    public static RtmpMessage decode(RawMessage raw, AmfLimits limits) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Encodes a message to its raw form (type id, timestamp, message stream id, body). */
    public static RawMessage encode(RtmpMessage message) {
        throw new UnsupportedOperationException("TODO");
    }

    static List<RtmpMessage> splitAggregate(AggregateMessage aggregate) {
        throw new UnsupportedOperationException("TODO");
    }
}
