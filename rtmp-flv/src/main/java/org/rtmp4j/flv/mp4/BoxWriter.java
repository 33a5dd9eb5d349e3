package org.rtmp4j.flv.mp4;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Writes ISO base media file format boxes (ISO/IEC 14496-12 §4.2): a growable big-endian byte
 * array where {@link #begin} reserves a box header and {@link #end} patches its 32-bit size.
 * Full boxes (§4.2, version UI8 + flags UI24) are started with {@link #beginFull}.
 *
 * <p>Used for the small boxes (init segment, {@code moof}); sample data is not copied through
 * it. Not thread-safe.
 */
final class BoxWriter {
    private byte[] buf;
    private int size;

    /** Creates an empty writer with a small initial capacity. */
    BoxWriter() {
        this(256);
    }

    /**
     * Creates an empty writer.
     *
     * @param capacity the initial capacity in bytes
     */
    BoxWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    /**
     * Starts a box: a placeholder size and the 4-character type.
     *
     * @param type the box type, 4 ASCII characters
     * @return the box's start offset, to pass to {@link #end}
     */
    int begin(String type) {
        int start = size;
        u32(0);
        fourCc(type);
        return start;
    }

    /**
     * Starts a full box (ISO/IEC 14496-12 §4.2): header, version and flags.
     *
     * @param type the box type
     * @param version the version, 0..255
     * @param flags the flags, 24 bits
     * @return the box's start offset
     */
    int beginFull(String type, int version, int flags) {
        int start = begin(type);
        u8(version);
        u24(flags);
        return start;
    }

    /**
     * Ends the box started at {@code start}: writes its size.
     *
     * @param start the offset returned by {@link #begin} or {@link #beginFull}
     */
    void end(int start) {
        putU32At(start, size - start);
    }

    /**
     * Overwrites 4 bytes at {@code offset} with a big-endian value.
     *
     * @param offset where, within what was written
     * @param value the value (its low 32 bits)
     */
    void putU32At(int offset, long value) {
        buf[offset] = (byte) (value >>> 24);
        buf[offset + 1] = (byte) (value >>> 16);
        buf[offset + 2] = (byte) (value >>> 8);
        buf[offset + 3] = (byte) value;
    }

    BoxWriter u8(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    BoxWriter u16(int v) {
        ensure(2);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    BoxWriter u24(int v) {
        ensure(3);
        buf[size++] = (byte) (v >>> 16);
        buf[size++] = (byte) (v >>> 8);
        buf[size++] = (byte) v;
        return this;
    }

    BoxWriter u32(long v) {
        ensure(4);
        putU32At(size, v);
        size += 4;
        return this;
    }

    BoxWriter u64(long v) {
        u32(v >>> 32);
        return u32(v);
    }

    BoxWriter zeros(int n) {
        ensure(n);
        size += n; // the array is zero-filled and never reused
        return this;
    }

    BoxWriter fourCc(String type) {
        byte[] b = type.getBytes(StandardCharsets.ISO_8859_1);
        if (b.length != 4) {
            throw new IllegalArgumentException("not a 4-character code: " + type);
        }
        return bytes(b);
    }

    BoxWriter bytes(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
        return this;
    }

    /**
     * Writes the unity transformation matrix of {@code mvhd} and {@code tkhd} (ISO/IEC 14496-12
     * §8.2.2.3): {0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000}.
     *
     * @return this
     */
    BoxWriter unityMatrix() {
        u32(0x00010000).u32(0).u32(0);
        u32(0).u32(0x00010000).u32(0);
        return u32(0).u32(0).u32(0x40000000);
    }

    /**
     * Returns the number of bytes written.
     *
     * @return the size
     */
    int size() {
        return size;
    }

    /**
     * Returns a copy of what was written.
     *
     * @return a new array
     */
    byte[] toArray() {
        return Arrays.copyOf(buf, size);
    }

    /**
     * Copies what was written into {@code out}.
     *
     * @param out the destination, with at least {@link #size()} bytes remaining
     */
    void writeTo(ByteBuffer out) {
        out.put(buf, 0, size);
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }
}
