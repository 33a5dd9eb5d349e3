package org.rtmp4j.core.message;

import java.nio.ByteBuffer;

/**
 * An audio (type 8) or video (type 9) message. The payload is an FLV tag body (FLV 10.1 §E.4.2,
 * §E.4.3; E-RTMP v2); to the core it is opaque bytes. Payloads are read-only and shared, never
 * copied: the {@code with*} methods return new messages over the same bytes, which is how relaying
 * avoids copies.
 *
 * <p>Safe to read as is: every call of {@link #payload()} returns a new read-only view, so a
 * controller, listener or recorder may read it with relative gets (moving its position or limit)
 * without {@code duplicate()} and without disturbing the relay, the GOP cache or any other reader of
 * the same message. Thread-safe: the bytes never change after construction.
 */
public sealed interface MediaMessage extends RtmpMessage permits AudioMessage, VideoMessage {
    /**
     * @return a new read-only view of the payload, position and limit as published; the caller may
     *     move them freely (only a small view object is allocated, the bytes are shared)
     */
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
