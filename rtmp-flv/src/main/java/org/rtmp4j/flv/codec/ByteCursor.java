package org.rtmp4j.flv.codec;

import java.nio.ByteBuffer;
import org.rtmp4j.flv.FlvFormatException;

/**
 * Bounds-checked big-endian reads over a buffer's remaining bytes, with offsets 0-based from the
 * buffer's position (which never moves). Not thread-safe.
 */
final class ByteCursor {
    private final ByteBuffer buf;
    private final int base;
    private final int length;
    private final String what;
    private int pos;

    ByteCursor(ByteBuffer buf, String what) {
        this.buf = buf;
        this.base = buf.position();
        this.length = buf.remaining();
        this.what = what;
    }

    int position() {
        return pos;
    }

    int remaining() {
        return length - pos;
    }

    void require(int n) throws FlvFormatException {
        if (n < 0 || length - pos < n) {
            throw new FlvFormatException(pos, what + " truncated: need " + n
                    + " byte(s) at offset " + pos + ", " + (length - pos) + " left");
        }
    }

    int u8() throws FlvFormatException {
        require(1);
        return buf.get(base + pos++) & 0xFF;
    }

    int u16() throws FlvFormatException {
        require(2);
        int v = ((buf.get(base + pos) & 0xFF) << 8) | (buf.get(base + pos + 1) & 0xFF);
        pos += 2;
        return v;
    }

    int u16le() throws FlvFormatException {
        require(2);
        int v = (buf.get(base + pos) & 0xFF) | ((buf.get(base + pos + 1) & 0xFF) << 8);
        pos += 2;
        return v;
    }

    long u32le() throws FlvFormatException {
        require(4);
        long v = 0;
        for (int i = 3; i >= 0; i--) {
            v = (v << 8) | (buf.get(base + pos + i) & 0xFF);
        }
        pos += 4;
        return v;
    }

    /** Returns a read-only view of the next {@code n} bytes and skips them. */
    ByteBuffer slice(int n) throws FlvFormatException {
        require(n);
        ByteBuffer s = buf.duplicate();
        s.limit(base + pos + n).position(base + pos);
        pos += n;
        return s.slice().asReadOnlyBuffer();
    }

    /** Returns a read-only view of the rest. */
    ByteBuffer rest() throws FlvFormatException {
        return slice(length - pos);
    }

    void skip(int n) throws FlvFormatException {
        require(n);
        pos += n;
    }

    boolean startsWith(String ascii) {
        if (length - pos < ascii.length()) {
            return false;
        }
        for (int i = 0; i < ascii.length(); i++) {
            if (buf.get(base + pos + i) != (byte) ascii.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    FlvFormatException error(int at, String reason) {
        return new FlvFormatException(at, what + ": " + reason);
    }
}
