package org.rtmp4j.live;

import java.nio.ByteBuffer;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;

/** Small FLV tags written byte by byte, and buffer contents, for rtmp-server's tests. */
public final class TestTags {
    private TestTags() {}

    /** @return a tag whose body is {@code bytes} (each an unsigned byte value) */
    public static FlvTag tag(FlvTagType type, int timestamp, int... bytes) {
        ByteBuffer body = ByteBuffer.allocate(bytes.length);
        for (int b : bytes) {
            body.put((byte) b);
        }
        return new FlvTag(type, timestamp, body.flip().asReadOnlyBuffer());
    }

    /** @return a video tag whose body is {@code bytes} (each an unsigned byte value) */
    public static FlvTag video(int timestamp, int... bytes) {
        return tag(FlvTagType.VIDEO, timestamp, bytes);
    }

    /** @return the remaining bytes of {@code b}, without moving its position */
    public static byte[] bytes(ByteBuffer b) {
        ByteBuffer d = b.duplicate();
        byte[] out = new byte[d.remaining()];
        d.get(out);
        return out;
    }
}
