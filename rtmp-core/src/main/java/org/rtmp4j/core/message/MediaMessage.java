package org.rtmp4j.core.message;

import java.nio.ByteBuffer;

/**
 * An audio (type 8) or video (type 9) message. The payload is an FLV tag body (FLV 10.1 §E.4.2,
 * §E.4.3; E-RTMP v2); to the core it is opaque bytes. Payloads are read-only and shared: the
 * {@code with*} methods return new messages over the same buffer, which is how relaying avoids
 * copies.
 */
public sealed interface MediaMessage extends RtmpMessage permits AudioMessage, VideoMessage {
    /** @return the read-only payload; callers must use {@code duplicate()} before moving its position */
    ByteBuffer payload();

    /** @return the same media with another message stream id, sharing the payload */
    MediaMessage withStreamId(int streamId);

    /** @return the same media with another timestamp, sharing the payload */
    MediaMessage withTimestamp(int timestamp);

    /** @return payload length in bytes */
    default int size() {
        return payload().remaining();
    }
}
