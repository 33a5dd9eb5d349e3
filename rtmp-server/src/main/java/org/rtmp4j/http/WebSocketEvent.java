package org.rtmp4j.http;

import java.nio.ByteBuffer;
import java.util.Objects;

/** What {@link WebSocketFrameDecoder#next(java.nio.ByteBuffer)} found (RFC 6455 §5). */
public sealed interface WebSocketEvent {
    /** The decoder needs more bytes; the input was consumed entirely. */
    WebSocketEvent NEED_DATA = new NeedData();

    /**
     * A piece of a data message, unmasked. A message arrives as one or more pieces (a frame may be
     * split across reads, a message across fragments, §5.4); the last has {@code messageEnd}.
     *
     * @param type {@link WebSocketOpcode#TEXT} or {@link WebSocketOpcode#BINARY}, the message's type
     *     (also for continuation frames)
     * @param payload the unmasked bytes, possibly empty
     * @param messageEnd whether this piece ends the message
     */
    record Data(WebSocketOpcode type, ByteBuffer payload, boolean messageEnd) implements WebSocketEvent {
        /**
         * @param type not null
         * @param payload not null
         * @param messageEnd last piece
         */
        public Data {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * A Ping (§5.5.2); answer with a Pong carrying the same payload.
     *
     * @param payload application data, at most 125 bytes
     */
    record Ping(ByteBuffer payload) implements WebSocketEvent {
        /** @param payload not null */
        public Ping {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * A Pong (§5.5.3).
     *
     * @param payload application data, at most 125 bytes
     */
    record Pong(ByteBuffer payload) implements WebSocketEvent {
        /** @param payload not null */
        public Pong {
            Objects.requireNonNull(payload, "payload");
        }
    }

    /**
     * A Close (§5.5.1); answer with a Close and close the connection. The decoder reads nothing after
     * it.
     *
     * @param code the status code, or 1005 when the frame had none (§7.4.1)
     * @param reason the UTF-8 reason, possibly empty
     */
    record Close(int code, String reason) implements WebSocketEvent {
        /**
         * @param code status code
         * @param reason not null
         */
        public Close {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** See {@link #NEED_DATA}. */
    record NeedData() implements WebSocketEvent {}
}
