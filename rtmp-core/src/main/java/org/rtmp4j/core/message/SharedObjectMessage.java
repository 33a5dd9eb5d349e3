package org.rtmp4j.core.message;

import java.nio.ByteBuffer;

/**
 * Shared object message (type 19 AMF0 / 16 AMF3, RTMP 1.0 §7.1.3), passed through undecoded.
 *
 * @param timestamp timestamp in ms
 * @param streamId message stream id
 * @param encoding AMF encoding
 * @param payload raw body, read-only
 */
public record SharedObjectMessage(int timestamp, int streamId, AmfEncoding encoding, ByteBuffer payload)
        implements RtmpMessage {
    @Override
    public MessageType type() {
        return encoding == AmfEncoding.AMF3 ? MessageType.SHARED_OBJECT_AMF3 : MessageType.SHARED_OBJECT_AMF0;
    }
}
