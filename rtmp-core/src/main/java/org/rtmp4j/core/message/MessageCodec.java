package org.rtmp4j.core.message;

import java.nio.ByteBuffer;
import java.util.List;
import org.rtmp4j.amf.AmfLimits;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.chunk.RawMessage;

/**
 * Converts between {@link RawMessage} (chunk layer) and typed {@link RtmpMessage}s (RTMP 1.0 §5.4,
 * §6.2, §7.1). Media payloads convert both ways without copying. Stateless and thread-safe.
 *
 * <p>Body layouts by message type id:
 *
 * <ul>
 *   <li>1 {@link SetChunkSize}, 2 {@link Abort}, 3 {@link Acknowledgement}, 5 {@link WindowAckSize}:
 *       one U32 (RTMP 1.0 §5.4.1–§5.4.4); 6 {@link SetPeerBandwidth}: U32 window size + one limit
 *       type byte (§5.4.5).
 *   <li>4 {@link UserControl}: U16 event type + event data (§6.2, §7.1.7).
 *   <li>8 {@link AudioMessage}, 9 {@link VideoMessage}: opaque FLV tag bodies, shared not copied.
 *   <li>18 {@link DataMessage} and 20 {@link CommandMessage}: AMF0 values (§7.1.1, §7.1.2).
 *   <li>15 / 17: the AMF3 variants. Their body starts with a 0x00 format byte; in practice the
 *       values that follow are AMF0-encoded (each may switch to AMF3 with the AVM+ marker 0x11), so
 *       this codec skips the format byte and decodes AMF0, where each AVM+ marker switches to
 *       AMF3 for exactly one value (AMF0 §3.1, AMF3 §4.1). Malformed AMF3 surfaces as
 *       {@link RtmpProtocolException} with the {@code AmfException} as cause.
 *   <li>16 / 19 {@link SharedObjectMessage}: passed through undecoded (§7.1.3).
 *   <li>22 {@link AggregateMessage}: kept raw; see {@link #splitAggregate(AggregateMessage, AmfLimits)}.
 *   <li>anything else: {@link UnknownMessage}.
 * </ul>
 *
 * <p>Trailing bytes after a protocol control or user control body are ignored; a body shorter than
 * its layout is an error.
 */
public final class MessageCodec {
    private MessageCodec() {}

    /**
     * Decodes with {@link AmfLimits#DEFAULT}.
     *
     * @throws RtmpProtocolException if the body is malformed for its type (AMF errors are wrapped,
     *     keeping the {@code AmfException} as cause)
     */
    public static RtmpMessage decode(RawMessage raw) {
        return decode(raw, AmfLimits.DEFAULT);
    }

    /**
     * Decodes {@code raw} into its typed form, bounding AMF bodies by {@code limits}. The raw
     * payload's position is not moved. Media, shared object, aggregate and unknown messages share
     * the raw payload; nothing is copied.
     *
     * @throws RtmpProtocolException if the body is malformed for its type; this is the only
     *     exception thrown for bad input. Its offset is -1; its message names the message type, the
     *     body offset where relevant, and the reason.
     */
    public static RtmpMessage decode(RawMessage raw, AmfLimits limits) {
        ByteBuffer body = raw.payload();
        int ts = raw.timestamp();
        int sid = raw.streamId();
        switch (raw.typeId()) {
            case 1:
            case 2:
            case 3:
            case 4:
            case 5:
            case 6:
                return ControlCodec.decode(raw.typeId(), body);
            case 8:
                return new AudioMessage(ts, sid, body);
            case 9:
                return new VideoMessage(ts, sid, body);
            case 15:
                return AmfBodies.decodeData(ts, sid, AmfEncoding.AMF3, body, limits);
            case 16:
                return new SharedObjectMessage(ts, sid, AmfEncoding.AMF3, readOnly(body));
            case 17:
                return AmfBodies.decodeCommand(ts, sid, AmfEncoding.AMF3, body, limits);
            case 18:
                return AmfBodies.decodeData(ts, sid, AmfEncoding.AMF0, body, limits);
            case 19:
                return new SharedObjectMessage(ts, sid, AmfEncoding.AMF0, readOnly(body));
            case 20:
                return AmfBodies.decodeCommand(ts, sid, AmfEncoding.AMF0, body, limits);
            case 22:
                return new AggregateMessage(ts, sid, readOnly(body));
            default:
                return new UnknownMessage(raw);
        }
    }

    /**
     * Encodes a message to its raw form (type id, timestamp, message stream id, read-only body).
     * Media, shared object, aggregate and unknown messages reuse their payload buffer (no copy);
     * AMF3 command and data messages are written as a 0x00 format byte followed by AMF0 values.
     *
     * @throws org.rtmp4j.amf.AmfException if a command or data value has no AMF0 representation
     * @throws IllegalArgumentException if a {@link SetChunkSize} is below 1
     */
    public static RawMessage encode(RtmpMessage message) {
        int type = message.type().id();
        int ts = message.timestamp();
        int sid = message.streamId();
        if (message instanceof MediaMessage m) {
            return new RawMessage(type, ts, sid, readOnly(m.payload()));
        } else if (message instanceof CommandMessage c) {
            return new RawMessage(type, ts, sid, AmfBodies.encodeCommand(c));
        } else if (message instanceof DataMessage d) {
            return new RawMessage(type, ts, sid, AmfBodies.encodeData(d));
        } else if (message instanceof SharedObjectMessage s) {
            return new RawMessage(type, ts, sid, readOnly(s.payload()));
        } else if (message instanceof AggregateMessage a) {
            return new RawMessage(type, ts, sid, readOnly(a.payload()));
        } else if (message instanceof UnknownMessage u) {
            return u.raw();
        }
        return new RawMessage(type, ts, sid, ControlCodec.encode(message));
    }

    /**
     * Splits an aggregate message (RTMP 1.0 §7.1.6) with {@link AmfLimits#DEFAULT}.
     *
     * @throws RtmpProtocolException if the body is malformed
     * @see #splitAggregate(AggregateMessage, AmfLimits)
     */
    static List<RtmpMessage> splitAggregate(AggregateMessage aggregate) {
        return splitAggregate(aggregate, AmfLimits.DEFAULT);
    }

    /**
     * Splits an aggregate message (RTMP 1.0 §7.1.6) into its decoded sub-messages. Each sub-message
     * is an 11-byte header (type id U8, data size U24, timestamp U24, timestamp extended U8 holding
     * the upper 8 bits, stream id U24), the data, then a U32 back pointer (not checked; it may be
     * absent after the last sub-message). Sub-message timestamps are rebased so that the first
     * equals the aggregate's ({@code ts_i' = aggregate.ts + (ts_i - ts_0)}, modulo 2^32); every
     * sub-message gets the aggregate's message stream id. Sub-message bodies are read-only slices of
     * the aggregate body (no copy).
     *
     * @throws RtmpProtocolException if a header or body is truncated, or a sub-message is malformed
     */
    public static List<RtmpMessage> splitAggregate(AggregateMessage aggregate, AmfLimits limits) {
        return AggregateSplitter.split(aggregate, limits);
    }

    static ByteBuffer readOnly(ByteBuffer b) {
        return b.isReadOnly() ? b : b.asReadOnlyBuffer();
    }
}
