package org.rtmp4j.core.message;

import java.nio.ByteBuffer;

/**
 * User control messages (message type id 4, RTMP 1.0 §7.1.7): a U16 event type followed by event
 * data. Sent on chunk stream id 2, message stream id 0. The stream id an event refers to is its
 * {@code eventStreamId}, not the message stream id.
 */
public sealed interface UserControl extends RtmpMessage {
    /** @return the U16 event type */
    int eventType();

    @Override
    default int timestamp() {
        return 0;
    }

    @Override
    default int streamId() {
        return 0;
    }

    @Override
    default MessageType type() {
        return MessageType.USER_CONTROL;
    }

    /** Event 0: the stream became functional. @param eventStreamId the stream */
    record StreamBegin(int eventStreamId) implements UserControl {
        @Override
        public int eventType() {
            return 0;
        }
    }

    /** Event 1: playback of the stream is over. @param eventStreamId the stream */
    record StreamEof(int eventStreamId) implements UserControl {
        @Override
        public int eventType() {
            return 1;
        }
    }

    /** Event 2: no more data on the stream. @param eventStreamId the stream */
    record StreamDry(int eventStreamId) implements UserControl {
        @Override
        public int eventType() {
            return 2;
        }
    }

    /**
     * Event 3: the client's buffer length.
     *
     * @param eventStreamId the stream
     * @param bufferLengthMs buffer length in milliseconds
     */
    record SetBufferLength(int eventStreamId, int bufferLengthMs) implements UserControl {
        @Override
        public int eventType() {
            return 3;
        }
    }

    /** Event 4: the stream is a recorded stream. @param eventStreamId the stream */
    record StreamIsRecorded(int eventStreamId) implements UserControl {
        @Override
        public int eventType() {
            return 4;
        }
    }

    /** Event 6: ping; the peer answers with {@link PingResponse}. @param pingTimestamp sender's time in ms */
    record PingRequest(int pingTimestamp) implements UserControl {
        @Override
        public int eventType() {
            return 6;
        }

        /** @return the answer a peer must send: a {@link PingResponse} with the same timestamp */
        public PingResponse response() {
            return new PingResponse(pingTimestamp);
        }
    }

    /** Event 7: ping answer. @param pingTimestamp the timestamp from the {@link PingRequest} */
    record PingResponse(int pingTimestamp) implements UserControl {
        @Override
        public int eventType() {
            return 7;
        }
    }

    /**
     * Any other event type, passed through.
     *
     * @param eventType the U16 event type
     * @param data the event data, read-only
     */
    record UnknownUserControl(int eventType, ByteBuffer data) implements UserControl {}
}
