package org.rtmp4j.core.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.rtmp4j.amf.AmfLimits;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.chunk.RawMessage;

/**
 * Splits aggregate message bodies (RTMP 1.0 §7.1.6) into sub-messages. Stateless; never copies
 * sub-message bodies.
 */
final class AggregateSplitter {
    /** Sub-message header: type 1, data size 3, timestamp 3 + extended 1, stream id 3. */
    static final int HEADER_SIZE = 11;
    /** Back pointer after each sub-message's data: U32 size of the previous sub-message incl. header. */
    static final int BACK_POINTER_SIZE = 4;

    private AggregateSplitter() {}

    static List<RtmpMessage> split(AggregateMessage aggregate, AmfLimits limits) {
        ByteBuffer body = aggregate.payload();
        int base = body.position();
        int end = body.limit();
        List<RtmpMessage> out = new ArrayList<>();
        int pos = base;
        int firstTimestamp = 0;
        while (pos < end) {
            int offset = pos - base;
            if (end - pos < HEADER_SIZE) {
                throw ControlCodec.malformed("aggregate", "sub-message header at body offset " + offset
                        + " truncated: " + (end - pos) + " of " + HEADER_SIZE + " bytes");
            }
            int typeId = body.get(pos) & 0xFF;
            int dataSize = u24(body, pos + 1);
            int ts = u24(body, pos + 4) | ((body.get(pos + 7) & 0xFF) << 24);
            int dataStart = pos + HEADER_SIZE;
            if (end - dataStart < dataSize) {
                throw ControlCodec.malformed("aggregate", "sub-message at body offset " + offset + " declares "
                        + dataSize + " data bytes but only " + (end - dataStart) + " remain");
            }
            if (out.isEmpty()) {
                firstTimestamp = ts;
            }
            ByteBuffer data = body.duplicate();
            data.limit(dataStart + dataSize).position(dataStart);
            int rebased = aggregate.timestamp() + (ts - firstTimestamp);
            RawMessage sub = new RawMessage(typeId, rebased, aggregate.streamId(), data.slice().asReadOnlyBuffer());
            try {
                out.add(MessageCodec.decode(sub, limits));
            } catch (RtmpProtocolException e) {
                throw new RtmpProtocolException(-1, "aggregate message: sub-message at body offset " + offset
                        + ": " + e.getMessage(), e);
            }
            pos = dataStart + dataSize;
            int left = end - pos;
            if (left == 0) {
                break; // tolerate a missing back pointer after the last sub-message
            }
            if (left < BACK_POINTER_SIZE) {
                throw ControlCodec.malformed("aggregate", "back pointer at body offset " + (pos - base)
                        + " truncated: " + left + " of " + BACK_POINTER_SIZE + " bytes");
            }
            pos += BACK_POINTER_SIZE;
        }
        return out;
    }

    private static int u24(ByteBuffer b, int index) {
        return ((b.get(index) & 0xFF) << 16) | ((b.get(index + 1) & 0xFF) << 8) | (b.get(index + 2) & 0xFF);
    }
}
