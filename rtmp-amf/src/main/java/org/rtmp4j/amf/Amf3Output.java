package org.rtmp4j.amf;

import java.util.Arrays;

/**
 * The byte-level half of {@link Amf3Writer}: a growable big-endian byte buffer with U8, U29 (AMF3
 * §1.3.1, shortest form), U32 and DOUBLE. Output is capped just under 2 GiB. Not thread-safe.
 */
final class Amf3Output {
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private byte[] buf = new byte[64];
    private int size;

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    void u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
    }

    void u29(int v) {
        if (v < 0 || v > 0x1FFFFFFF) {
            throw new AmfException(size, "U29 value " + v + " out of range");
        }
        if (v < 0x80) {
            u8(v);
        } else if (v < 0x4000) {
            u8(v >>> 7 | 0x80);
            u8(v & 0x7F);
        } else if (v < 0x200000) {
            u8(v >>> 14 | 0x80);
            u8(v >>> 7 & 0x7F | 0x80);
            u8(v & 0x7F);
        } else {
            u8(v >>> 22 | 0x80);
            u8(v >>> 15 & 0x7F | 0x80);
            u8(v >>> 8 & 0x7F | 0x80);
            u8(v & 0xFF);
        }
    }

    void u32(long v) {
        ensure(4);
        buf[size++] = (byte) (v >>> 24);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
    }

    /** NaN payloads are kept bit for bit. */
    void writeDouble(double d) {
        long bits = Double.doubleToRawLongBits(d);
        u32(bits >>> 32);
        u32(bits);
    }

    void bytes(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
    }

    private void ensure(int n) {
        if (n > MAX_ARRAY - size) {
            throw new AmfException(size, "AMF3 output would exceed " + MAX_ARRAY + " bytes");
        }
        int needed = size + n;
        if (needed > buf.length) {
            int grown = buf.length > MAX_ARRAY / 2 ? MAX_ARRAY : Math.max(needed, buf.length * 2);
            buf = Arrays.copyOf(buf, grown);
        }
    }
}
