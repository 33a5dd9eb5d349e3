package org.rtmp4j.flv.media;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.rtmp4j.flv.FlvFormatException;

/** Bounds-checked absolute reads over a tag body; offsets are 0-based within the body. */
final class TagBodyCursor {
    private final ByteBuffer body;
    private final int base;
    private final int length;
    private final String what;
    private int pos;

    TagBodyCursor(ByteBuffer body, String what) {
        this.body = body;
        this.base = body.position();
        this.length = body.remaining();
        this.what = what;
    }

    int position() {
        return pos;
    }

    void require(int n) throws FlvFormatException {
        if (length - pos < n) {
            throw new FlvFormatException(pos, what + " truncated: need " + n + " more byte(s) at "
                    + "offset " + pos + ", body has " + length + " bytes");
        }
    }

    int u8() throws FlvFormatException {
        require(1);
        return body.get(base + pos++) & 0xFF;
    }

    int u16() throws FlvFormatException {
        require(2);
        int v = ((body.get(base + pos) & 0xFF) << 8) | (body.get(base + pos + 1) & 0xFF);
        pos += 2;
        return v;
    }

    int u24() throws FlvFormatException {
        require(3);
        int v = ((body.get(base + pos) & 0xFF) << 16) | ((body.get(base + pos + 1) & 0xFF) << 8)
                | (body.get(base + pos + 2) & 0xFF);
        pos += 3;
        return v;
    }

    int s24() throws FlvFormatException {
        int v = u24();
        return (v << 8) >> 8;
    }

    String fourCc() throws FlvFormatException {
        require(4);
        byte[] b = new byte[4];
        for (int i = 0; i < 4; i++) {
            b[i] = body.get(base + pos + i);
        }
        pos += 4;
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    void skip(int n) throws FlvFormatException {
        require(n);
        pos += n;
    }

    FlvFormatException error(int at, String reason) {
        return new FlvFormatException(at, what + ": " + reason);
    }
}
