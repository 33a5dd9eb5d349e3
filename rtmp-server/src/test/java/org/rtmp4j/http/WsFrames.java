package org.rtmp4j.http;

import java.io.ByteArrayOutputStream;

/** Builds client frames (masked, RFC 6455 §5.2, §5.3) for tests, including malformed ones. */
final class WsFrames {
    static final byte[] KEY = {0x37, (byte) 0xfa, 0x21, 0x3d};

    private WsFrames() {}

    /** A masked frame with the minimal length form. */
    static byte[] masked(int b0, byte[] payload) {
        int n = payload.length;
        return frame(b0, true, n < 126 ? 0 : n <= 0xFFFF ? 2 : 8, n, payload);
    }

    /**
     * @param lengthBytes 0, 2 or 8: the extended length form to use, minimal or not
     */
    static byte[] frame(int b0, boolean mask, int lengthBytes, long length, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b0);
        int m = mask ? 0x80 : 0;
        if (lengthBytes == 0) {
            out.write(m | (int) length);
        } else if (lengthBytes == 2) {
            out.write(m | 126);
            out.write((int) (length >> 8));
            out.write((int) length);
        } else {
            out.write(m | 127);
            for (int s = 56; s >= 0; s -= 8) {
                out.write((int) (length >>> s));
            }
        }
        if (mask) {
            out.write(KEY, 0, 4);
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(mask ? payload[i] ^ KEY[i & 3] : payload[i]);
        }
        return out.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.write(p, 0, p.length);
        }
        return out.toByteArray();
    }
}
