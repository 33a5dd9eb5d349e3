package org.rtmp4j.http;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Writes unmasked server frames (RFC 6455 §5.1: a server must not mask). Data frames are a header
 * buffer plus the caller's payload, never copied, so one encoded FLV tag can go to many players;
 * control frames (at most 125 bytes, §5.5) are written whole. Stateless and thread-safe.
 */
public final class WebSocketFrames {
    private WebSocketFrames() {}

    /**
     * A frame header (§5.2) with the minimal length form: 2, 4 or 10 bytes, no mask.
     *
     * @param opcode the frame's opcode
     * @param fin whether this frame ends its message (control frames must set it)
     * @param payloadLength the payload's length in bytes, at least 0
     * @return a new buffer positioned at 0
     * @throws IllegalArgumentException for a negative length, or a control frame that is longer than
     *     125 bytes or not final
     */
    public static ByteBuffer header(WebSocketOpcode opcode, boolean fin, long payloadLength) {
        Objects.requireNonNull(opcode, "opcode");
        if (payloadLength < 0) {
            throw new IllegalArgumentException("negative payload length");
        }
        if (opcode.isControl() && (!fin || payloadLength > 125)) {
            throw new IllegalArgumentException("control frames are final and at most 125 bytes");
        }
        int b0 = (fin ? 0x80 : 0) | opcode.code();
        ByteBuffer b;
        if (payloadLength < 126) {
            b = ByteBuffer.allocate(2).put((byte) b0).put((byte) payloadLength);
        } else if (payloadLength <= 0xFFFF) {
            b = ByteBuffer.allocate(4).put((byte) b0).put((byte) 126).putShort((short) payloadLength);
        } else {
            b = ByteBuffer.allocate(10).put((byte) b0).put((byte) 127).putLong(payloadLength);
        }
        return b.flip();
    }

    /**
     * One final binary frame around {@code payload}'s remaining bytes.
     *
     * @param payload not copied or moved (a duplicate is returned)
     * @return header and payload view, for a gathering write
     */
    public static ByteBuffer[] binary(ByteBuffer payload) {
        return new ByteBuffer[] {header(WebSocketOpcode.BINARY, true, payload.remaining()), payload.duplicate()};
    }

    /**
     * @param payload at most 125 bytes (remaining bytes, not moved)
     * @return a whole Ping frame
     * @throws IllegalArgumentException if the payload is longer
     */
    public static ByteBuffer ping(ByteBuffer payload) {
        return control(WebSocketOpcode.PING, payload);
    }

    /**
     * @param payload the Ping's payload to echo (§5.5.3), at most 125 bytes (not moved)
     * @return a whole Pong frame
     * @throws IllegalArgumentException if the payload is longer
     */
    public static ByteBuffer pong(ByteBuffer payload) {
        return control(WebSocketOpcode.PONG, payload);
    }

    /**
     * @param code a status code of §7.4.1, e.g. 1000 normal, 1002 protocol error, 1009 too big
     * @param reason UTF-8 text; the frame body (2 + its bytes) must fit in 125 bytes
     * @return a whole Close frame (§5.5.1)
     * @throws IllegalArgumentException if the code is not 1000..4999 or the reason is too long
     */
    public static ByteBuffer close(int code, String reason) {
        if (code < 1000 || code > 4999) {
            throw new IllegalArgumentException("close code out of range: " + code);
        }
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(2 + text.length).putShort((short) code).put(text).flip();
        return control(WebSocketOpcode.CLOSE, body);
    }

    private static ByteBuffer control(WebSocketOpcode opcode, ByteBuffer payload) {
        ByteBuffer h = header(opcode, true, payload.remaining());
        return ByteBuffer.allocate(h.remaining() + payload.remaining()).put(h).put(payload.duplicate()).flip();
    }
}
