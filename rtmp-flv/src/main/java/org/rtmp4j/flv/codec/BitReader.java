package org.rtmp4j.flv.codec;

import java.nio.ByteBuffer;
import org.rtmp4j.flv.FlvFormatException;

/**
 * MSB-first bit reader over a byte array, with the Exp-Golomb codes of H.264/H.265
 * (ITU-T H.264 §9.1, {@code ue(v)} and {@code se(v)}) and AV1's {@code uvlc()} and
 * {@code leb128()} (AV1 §4.10.3, §4.10.5), plus NAL unit emulation prevention removal
 * (ITU-T H.264 §7.4.1: a {@code 0x03} after two zero bytes is dropped).
 *
 * <p>Reading past the end raises {@link FlvFormatException}; its offset is the byte offset of the
 * failing read plus the {@code baseOffset} given at construction. Not thread-safe.
 */
public final class BitReader {

    private final byte[] data;
    private final int end;
    private final long baseOffset;
    private final String what;
    private long bitPos;

    /**
     * Creates a reader over {@code data[from, to)}.
     *
     * @param data the bytes (not copied)
     * @param from the first byte to read
     * @param to one past the last byte
     * @param baseOffset added to byte offsets in error messages
     * @param what what is being read, for error messages
     * @throws IllegalArgumentException if the range is outside the array
     */
    public BitReader(byte[] data, int from, int to, long baseOffset, String what) {
        if (from < 0 || to > data.length || from > to) {
            throw new IllegalArgumentException("range " + from + ".." + to);
        }
        this.data = data;
        this.end = to;
        this.bitPos = (long) from * 8;
        this.baseOffset = baseOffset - from;
        this.what = what;
    }

    /**
     * Creates a reader over a whole array.
     *
     * @param data the bytes (not copied)
     * @param what what is being read, for error messages
     */
    public BitReader(byte[] data, String what) {
        this(data, 0, data.length, 0, what);
    }

    /**
     * Copies a NAL unit's payload while removing emulation prevention bytes: every {@code 0x03}
     * that follows two {@code 0x00} bytes (ITU-T H.264 §7.4.1, H.265 §7.4.2). The result is
     * never longer than the input.
     *
     * @param nal the NAL unit (its remaining bytes); the position is not moved
     * @return the raw byte sequence payload (RBSP) including the NAL header bytes
     */
    public static byte[] unescapeRbsp(ByteBuffer nal) {
        int n = nal.remaining();
        int base = nal.position();
        byte[] out = new byte[n];
        int o = 0;
        int zeros = 0;
        for (int i = 0; i < n; i++) {
            byte b = nal.get(base + i);
            if (zeros >= 2 && b == 3) {
                zeros = 0;
                continue;
            }
            zeros = b == 0 ? zeros + 1 : 0;
            out[o++] = b;
        }
        if (o == n) {
            return out;
        }
        byte[] trimmed = new byte[o];
        System.arraycopy(out, 0, trimmed, 0, o);
        return trimmed;
    }

    /**
     * Returns the bits left to read.
     *
     * @return remaining bits
     */
    public long bitsLeft() {
        return (long) end * 8 - bitPos;
    }

    /**
     * Returns the current byte offset (including the base offset).
     *
     * @return the offset in bytes
     */
    public long byteOffset() {
        return baseOffset + (bitPos >>> 3);
    }

    /**
     * Reads one bit.
     *
     * @return 0 or 1
     * @throws FlvFormatException past the end
     */
    public int bit() throws FlvFormatException {
        if (bitPos >= (long) end * 8) {
            throw truncated(1);
        }
        int b = (data[(int) (bitPos >>> 3)] >> (7 - (int) (bitPos & 7))) & 1;
        bitPos++;
        return b;
    }

    /**
     * Reads a boolean flag bit.
     *
     * @return true for 1
     * @throws FlvFormatException past the end
     */
    public boolean flag() throws FlvFormatException {
        return bit() == 1;
    }

    /**
     * Reads {@code n} bits as an unsigned number, {@code u(n)}/{@code f(n)}.
     *
     * @param n 0 to 32
     * @return the value (up to 32 bits, unsigned)
     * @throws FlvFormatException past the end
     * @throws IllegalArgumentException if n is outside 0..32
     */
    public long bits(int n) throws FlvFormatException {
        if (n < 0 || n > 32) {
            throw new IllegalArgumentException("bits " + n);
        }
        if (bitsLeft() < n) {
            throw truncated(n);
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 1) | ((data[(int) (bitPos >>> 3)] >> (7 - (int) (bitPos & 7))) & 1);
            bitPos++;
        }
        return v;
    }

    /**
     * Reads {@code n} (at most 31) bits as an int.
     *
     * @param n 0 to 31
     * @return the value
     * @throws FlvFormatException past the end
     */
    public int u(int n) throws FlvFormatException {
        if (n > 31) {
            throw new IllegalArgumentException("u " + n);
        }
        return (int) bits(n);
    }

    /**
     * Skips {@code n} bits.
     *
     * @param n bits to skip, not negative
     * @throws FlvFormatException if fewer bits are left
     */
    public void skip(long n) throws FlvFormatException {
        if (n < 0 || bitsLeft() < n) {
            throw truncated(n);
        }
        bitPos += n;
    }

    /**
     * Reads an unsigned Exp-Golomb code {@code ue(v)} (H.264 §9.1). Codes with more than 31
     * leading zero bits are rejected.
     *
     * @return the value, 0 to 2^31 − 2
     * @throws FlvFormatException past the end or for an over-long code
     */
    public int ue() throws FlvFormatException {
        long at = byteOffset();
        int zeros = 0;
        while (bit() == 0) {
            zeros++;
            if (zeros > 30) {
                throw new FlvFormatException(at, what + ": Exp-Golomb code longer than 30 "
                        + "leading zero bits");
            }
        }
        return (int) ((1L << zeros) - 1 + bits(zeros));
    }

    /**
     * Reads a signed Exp-Golomb code {@code se(v)} (H.264 §9.1.1).
     *
     * @return the value
     * @throws FlvFormatException past the end or for an over-long code
     */
    public int se() throws FlvFormatException {
        int k = ue();
        return (k & 1) == 1 ? (k + 1) / 2 : -(k / 2);
    }

    /**
     * Reads an AV1 {@code uvlc()} (AV1 §4.10.3); 32 or more leading zeros give 2^32 − 1.
     *
     * @return the value, unsigned
     * @throws FlvFormatException past the end
     */
    public long uvlc() throws FlvFormatException {
        int zeros = 0;
        while (bit() == 0) {
            zeros++;
            if (zeros >= 32) {
                return 0xFFFFFFFFL;
            }
        }
        return bits(zeros) + (1L << zeros) - 1;
    }

    /**
     * Reads an AV1 {@code leb128()} (AV1 §4.10.5) at a byte boundary: at most 8 bytes, values
     * up to 2^32 − 1.
     *
     * @return the value
     * @throws FlvFormatException past the end, or for a value over 2^32 − 1
     */
    public long leb128() throws FlvFormatException {
        long at = byteOffset();
        long value = 0;
        for (int i = 0; i < 8; i++) {
            int b = (int) bits(8);
            value |= (long) (b & 0x7F) << (i * 7);
            if ((b & 0x80) == 0) {
                break;
            }
        }
        if (value > 0xFFFFFFFFL) {
            throw new FlvFormatException(at, what + ": leb128 value over 2^32-1");
        }
        return value;
    }

    private FlvFormatException truncated(long n) {
        return new FlvFormatException(byteOffset(), what + " truncated: need " + n
                + " more bit(s), " + bitsLeft() + " left");
    }
}
