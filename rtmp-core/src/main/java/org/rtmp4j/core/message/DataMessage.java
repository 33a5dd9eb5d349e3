package org.rtmp4j.core.message;

import java.util.List;

/**
 * A data message (type 18 AMF0 / 15 AMF3, RTMP 1.0 §7.1.2), e.g. {@code @setDataFrame, onMetaData,
 * {...}}.
 *
 * @param timestamp timestamp in ms
 * @param streamId message stream id
 * @param encoding AMF encoding of the body
 * @param values the decoded AMF values, in order
 */
public record DataMessage(int timestamp, int streamId, AmfEncoding encoding, List<Object> values)
        implements RtmpMessage {
    /** Copies {@code values} into an unmodifiable list (nulls allowed). */
    public DataMessage {
        values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }

    /** @return the first value if it is a string (the handler name), else {@code null} */
    public String name() {
        return !values.isEmpty() && values.get(0) instanceof String s ? s : null;
    }

    @Override
    public MessageType type() {
        return encoding == AmfEncoding.AMF3 ? MessageType.DATA_AMF3 : MessageType.DATA_AMF0;
    }
}
