package org.rtmp4j.flv;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Shared helpers for the FLV tests. */
final class FlvTestSupport {
    private FlvTestSupport() {}

    static Path sharedMedia(String name) {
        String dir = System.getProperty("rtmp4j.media.dir", "../media");
        return Path.of(dir, name);
    }

    static FlvTag tag(FlvTagType type, int timestamp, int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return new FlvTag(type, timestamp, ByteBuffer.wrap(b));
    }

    /** Muxes a whole stream into one array. */
    static byte[] mux(FlvHeader header, List<FlvTag> tags) {
        FlvMuxer muxer = new FlvMuxer();
        List<ByteBuffer> parts = new ArrayList<>();
        parts.add(muxer.header(header));
        for (FlvTag t : tags) {
            parts.addAll(List.of(muxer.encode(t)));
        }
        int size = parts.stream().mapToInt(ByteBuffer::remaining).sum();
        ByteBuffer all = ByteBuffer.allocate(size);
        parts.forEach(all::put);
        return all.array();
    }

    static byte[] bytes(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }
}
