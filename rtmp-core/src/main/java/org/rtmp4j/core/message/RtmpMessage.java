package org.rtmp4j.core.message;

/**
 * A decoded RTMP message (RTMP 1.0 §6.1). Closed hierarchy: protocol control messages, user
 * control events, media, data, commands, aggregates, shared objects, and unknown pass-through.
 * Implementations are immutable values.
 */
public sealed interface RtmpMessage
        permits SetChunkSize,
                Abort,
                Acknowledgement,
                WindowAckSize,
                SetPeerBandwidth,
                UserControl,
                MediaMessage,
                DataMessage,
                CommandMessage,
                AggregateMessage,
                SharedObjectMessage,
                UnknownMessage {
    /** @return timestamp in milliseconds (unsigned 32-bit held in an int) */
    int timestamp();

    /** @return message stream id; 0 for protocol control and NetConnection messages */
    int streamId();

    /** @return the message type */
    MessageType type();
}
