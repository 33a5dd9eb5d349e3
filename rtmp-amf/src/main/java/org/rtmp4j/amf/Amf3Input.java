package org.rtmp4j.amf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The byte-level half of {@link Amf3Reader}: U8, U29 (AMF3 §1.3.1), U32, DOUBLE and UTF-8 (AMF3
 * §1.3.2) from a buffer, each checked against the bytes remaining and, for lengths, against {@code
 * maxStringBytes}. Offsets in exceptions are relative to {@code base}. Not thread-safe.
 */
final class Amf3Input {
    private final ByteBuffer in;
    private final AmfLimits limits;
    private final int base;

    Amf3Input(ByteBuffer in, AmfLimits limits, int base) {
        this.in = in;
        this.limits = limits;
        this.base = base;
    }

    int offset() {
        return in.position() - base;
    }

    int remaining() {
        return in.remaining();
    }

    void require(int n, String what) {
        if (in.remaining() < n) {
            throw new AmfException(offset(), "truncated: expected " + n + " bytes of " + what + ", " + in.remaining() + " remaining");
        }
    }

    int u8(String what) {
        require(1, what);
        return in.get() & 0xFF;
    }

    /** U29: 7 bits from each of up to three flagged bytes, then 8 bits; 0 to 2^29-1. */
    int u29(String what) {
        int value = 0;
        for (int i = 0; i < 3; i++) {
            int b = u8(what);
            if ((b & 0x80) == 0) {
                return value << 7 | b;
            }
            value = value << 7 | (b & 0x7F);
        }
        return value << 8 | u8(what);
    }

    long u32(String what) {
        require(4, what);
        return ((long) (in.get() & 0xFF) << 24) | (in.get() & 0xFF) << 16 | (in.get() & 0xFF) << 8 | (in.get() & 0xFF);
    }

    double readDouble(String what) {
        require(8, what);
        long hi = u32(what);
        return Double.longBitsToDouble(hi << 32 | u32(what));
    }

    /** Checks a declared byte length against {@code maxStringBytes} and the bytes remaining. */
    void checkLength(int lengthOffset, long length, String what) {
        if (length > limits.maxStringBytes()) {
            throw new AmfException(lengthOffset, what + " length " + length + " exceeds maxStringBytes " + limits.maxStringBytes());
        }
        if (length > in.remaining()) {
            throw new AmfException(lengthOffset, "truncated: " + what + " length " + length + " exceeds remaining " + in.remaining() + " bytes");
        }
    }

    byte[] readBytes(int lengthOffset, int length, String what) {
        checkLength(lengthOffset, length, what);
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }

    /** Malformed UTF-8 becomes U+FFFD. */
    String readUtf8(int lengthOffset, int length, String what) {
        checkLength(lengthOffset, length, what);
        if (!in.hasArray()) {
            return new String(readBytes(lengthOffset, length, what), StandardCharsets.UTF_8);
        }
        String s = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }
}
