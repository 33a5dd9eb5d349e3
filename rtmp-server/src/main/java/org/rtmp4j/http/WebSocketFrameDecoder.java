package org.rtmp4j.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes the frames a WebSocket client sends (RFC 6455 §5) into {@link WebSocketEvent}s, without
 * I/O. Enforced: every client frame masked (§5.1, §5.3); RSV1-3 zero and opcode not reserved (no
 * extension is negotiated, §5.2); 7/16/64-bit payload lengths in their minimal form with the 64-bit
 * form's top bit clear (§5.2); control frames at most 125 bytes and not fragmented (§5.5); a
 * continuation only inside a fragmented message and no new data message inside one (§5.4); a
 * message (all its fragments) at most {@code maxMessageSize} bytes (1009, §7.4.1). Close payloads
 * are checked (§5.5.1, §7.4); text messages are delivered without UTF-8 validation (WS-FLV uses
 * binary only; a runtime that accepts text must check it, §8.1).
 *
 * <p>Payloads are unmasked in place in the caller's buffer and handed out as slices (no copy);
 * for a read-only buffer they are copied. Data messages are streamed: a large frame arrives as several
 * {@link WebSocketEvent.Data} pieces. Bytes after a Close frame are discarded (§5.5.1).
 *
 * <p>Not thread-safe: one decoder per connection.
 */
public final class WebSocketFrameDecoder {
    /** Default {@code maxMessageSize}: 1 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1024 * 1024;
    private static final int MAX_CONTROL_PAYLOAD = 125;

    private enum State { HEADER, PAYLOAD, CLOSED, FAILED }

    private final long maxMessageSize;
    private final byte[] header = new byte[14];
    private final byte[] control = new byte[MAX_CONTROL_PAYLOAD];
    private final byte[] mask = new byte[4];
    private State state = State.HEADER;
    private int headerLength;
    private int headerNeeded = 2;
    private long frameStart;
    private WebSocketOpcode opcode;
    private boolean fin;
    private long remaining;
    private int payloadPosition;
    private WebSocketOpcode messageType;
    private long messageBytes;
    private long consumed;
    private WebSocketException failure;

    /** A decoder with {@link #DEFAULT_MAX_MESSAGE_SIZE}. */
    public WebSocketFrameDecoder() {
        this(DEFAULT_MAX_MESSAGE_SIZE);
    }

    /**
     * @param maxMessageSize largest data message in bytes, summed over its fragments; at least 1
     * @throws IllegalArgumentException if {@code maxMessageSize < 1}
     */
    public WebSocketFrameDecoder(long maxMessageSize) {
        if (maxMessageSize < 1) {
            throw new IllegalArgumentException("maxMessageSize must be positive");
        }
        this.maxMessageSize = maxMessageSize;
    }

    /**
     * Consumes bytes from {@code in} up to the next event.
     *
     * @param in bytes read after the handshake; its position advances past what was consumed (all of
     *     it when the result is {@link WebSocketEvent#NEED_DATA}); masked payload bytes in it are
     *     unmasked in place unless it is read-only
     * @return the next event, never null
     * @throws WebSocketException when the connection must be closed with its close code
     */
    public WebSocketEvent next(ByteBuffer in) {
        if (failure != null) {
            throw failure;
        }
        int before = in.position();
        try {
            return step(in);
        } catch (WebSocketException e) {
            failure = e;
            state = State.FAILED;
            throw e;
        } finally {
            consumed += in.position() - before;
        }
    }

    private WebSocketEvent step(ByteBuffer in) {
        long base = consumed - in.position();
        while (true) {
            if (state == State.CLOSED) {
                in.position(in.limit());
                return WebSocketEvent.NEED_DATA;
            }
            if (state == State.PAYLOAD) {
                WebSocketEvent e = payload(in);
                if (e != null) {
                    return e;
                }
                return WebSocketEvent.NEED_DATA;
            }
            if (!in.hasRemaining()) {
                return WebSocketEvent.NEED_DATA;
            }
            if (headerLength == 0) {
                frameStart = base + in.position();
            }
            header[headerLength++] = in.get();
            if (headerLength == 2) {
                firstTwoBytes();
            }
            if (headerLength == headerNeeded) {
                WebSocketEvent e = headerDone();
                if (e != null) {
                    return e;
                }
            }
        }
    }

    private void firstTwoBytes() {
        int b0 = header[0] & 0xFF;
        int b1 = header[1] & 0xFF;
        if ((b0 & 0x70) != 0) {
            throw error(1002, "reserved bits set without a negotiated extension");
        }
        opcode = WebSocketOpcode.of(b0 & 0x0F);
        if (opcode == null) {
            throw error(1002, "reserved opcode 0x" + Integer.toHexString(b0 & 0x0F));
        }
        fin = (b0 & 0x80) != 0;
        if ((b1 & 0x80) == 0) {
            throw error(1002, "client frame not masked");
        }
        int len7 = b1 & 0x7F;
        if (opcode.isControl() && (!fin || len7 > MAX_CONTROL_PAYLOAD)) {
            throw error(1002, fin ? "control frame longer than 125 bytes" : "fragmented control frame");
        }
        if (opcode == WebSocketOpcode.CONTINUATION && messageType == null) {
            throw error(1002, "continuation frame without a message in progress");
        }
        if ((opcode == WebSocketOpcode.TEXT || opcode == WebSocketOpcode.BINARY) && messageType != null) {
            throw error(1002, "new data frame inside a fragmented message");
        }
        headerNeeded = 2 + (len7 == 126 ? 2 : len7 == 127 ? 8 : 0) + 4;
    }

    /** Reads the length and mask key; returns an event for an empty payload, else null. */
    private WebSocketEvent headerDone() {
        int len7 = header[1] & 0x7F;
        long length = len7;
        if (len7 == 126) {
            length = (header[2] & 0xFF) << 8 | (header[3] & 0xFF);
            if (length < 126) {
                throw error(1002, "16-bit length " + length + " not minimal");
            }
        } else if (len7 == 127) {
            length = 0;
            for (int i = 2; i < 10; i++) {
                length = length << 8 | (header[i] & 0xFF);
            }
            if (length < 0) {
                throw error(1002, "64-bit length with the most significant bit set");
            }
            if (length <= 0xFFFF) {
                throw error(1002, "64-bit length " + length + " not minimal");
            }
        }
        System.arraycopy(header, headerNeeded - 4, mask, 0, 4);
        if (!opcode.isControl()) {
            if (opcode != WebSocketOpcode.CONTINUATION) {
                messageType = opcode;
                messageBytes = 0;
            }
            if (length > maxMessageSize - messageBytes) {
                throw error(1009, "message larger than " + maxMessageSize + " bytes");
            }
            messageBytes += length;
        }
        headerLength = 0;
        headerNeeded = 2;
        remaining = length;
        payloadPosition = 0;
        state = State.PAYLOAD;
        return length == 0 ? frameEnd(ByteBuffer.allocate(0)) : null;
    }

    /** Returns a data piece, a finished control frame, or null when the bytes ran out. */
    private WebSocketEvent payload(ByteBuffer in) {
        if (!in.hasRemaining()) {
            return null;
        }
        int n = (int) Math.min(remaining, in.remaining());
        if (opcode.isControl()) {
            in.get(control, payloadPosition, n);
            unmask(control, payloadPosition, n, payloadPosition);
            payloadPosition += n;
            remaining -= n;
            return remaining == 0 ? frameEnd(ByteBuffer.wrap(control, 0, payloadPosition)) : null;
        }
        ByteBuffer piece;
        if (in.isReadOnly()) {
            byte[] copy = new byte[n];
            in.get(copy);
            unmask(copy, 0, n, payloadPosition);
            piece = ByteBuffer.wrap(copy);
        } else {
            piece = in.slice(in.position(), n);
            for (int i = 0; i < n; i++) {
                piece.put(i, (byte) (piece.get(i) ^ mask[(payloadPosition + i) & 3]));
            }
            in.position(in.position() + n);
        }
        payloadPosition += n;
        remaining -= n;
        if (remaining > 0) {
            return new WebSocketEvent.Data(messageType, piece, false);
        }
        return frameEnd(piece);
    }

    private WebSocketEvent frameEnd(ByteBuffer payload) {
        state = State.HEADER;
        switch (opcode) {
            case PING:
                return new WebSocketEvent.Ping(copy(payload));
            case PONG:
                return new WebSocketEvent.Pong(copy(payload));
            case CLOSE:
                WebSocketEvent close = close(payload);
                state = State.CLOSED;
                return close;
            default:
                WebSocketOpcode type = messageType;
                if (fin) {
                    messageType = null;
                }
                return new WebSocketEvent.Data(type, payload, fin);
        }
    }

    /** Close body: nothing, or a 2-byte status code and a UTF-8 reason (§5.5.1, §7.4). */
    private WebSocketEvent close(ByteBuffer payload) {
        if (payload.remaining() == 0) {
            return new WebSocketEvent.Close(1005, "");
        }
        if (payload.remaining() == 1) {
            throw error(1002, "close frame with a 1-byte body");
        }
        int code = payload.getShort() & 0xFFFF;
        boolean valid = (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
        if (!valid) {
            throw error(1002, "close code " + code + " may not be sent");
        }
        try {
            String reason = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(payload).toString();
            return new WebSocketEvent.Close(code, reason);
        } catch (CharacterCodingException e) {
            throw error(1007, "close reason is not UTF-8");
        }
    }

    private void unmask(byte[] b, int from, int n, int position) {
        for (int i = 0; i < n; i++) {
            b[from + i] ^= mask[(position + i) & 3];
        }
    }

    private static ByteBuffer copy(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return ByteBuffer.wrap(out).asReadOnlyBuffer();
    }

    private WebSocketException error(int code, String reason) {
        return new WebSocketException(code, frameStart, reason);
    }

    /** @return bytes consumed so far */
    public long bytesConsumed() {
        return consumed;
    }
}
