package org.rtmp4j.core.message;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.rtmp4j.core.chunk.RawMessage;

/** Test helpers: hex byte vectors and raw messages. */
final class Bytes {
    private Bytes() {}

    static byte[] hex(String spaced) {
        return HexFormat.of().parseHex(spaced.replace(" ", ""));
    }

    static ByteBuffer buf(String spaced) {
        return ByteBuffer.wrap(hex(spaced)).asReadOnlyBuffer();
    }

    static RawMessage raw(int typeId, String spaced) {
        return new RawMessage(typeId, 0, 0, buf(spaced));
    }

    static RawMessage raw(int typeId, int timestamp, int streamId, byte[] body) {
        return new RawMessage(typeId, timestamp, streamId, ByteBuffer.wrap(body).asReadOnlyBuffer());
    }

    static byte[] toArray(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }

    static String toHex(ByteBuffer b) {
        return HexFormat.ofDelimiter(" ").formatHex(toArray(b));
    }
}
