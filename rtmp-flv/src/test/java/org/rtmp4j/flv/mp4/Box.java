package org.rtmp4j.flv.mp4;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A tiny ISO BMFF box reader for the tests: type, size, payload, and children of container boxes. */
record Box(String type, int offset, int size, ByteBuffer payload, List<Box> children) {
    private static final Set<String> CONTAINERS = Set.of("moov", "trak", "mdia", "minf", "dinf", "stbl",
            "mvex", "moof", "traf");

    /** Parses the boxes that exactly fill {@code bytes} (fails on a size that overruns). */
    static List<Box> parseAll(ByteBuffer bytes) {
        ByteBuffer b = bytes.duplicate();
        List<Box> out = new ArrayList<>();
        int base = b.position();
        while (b.hasRemaining()) {
            int at = b.position();
            if (b.remaining() < 8) {
                throw new AssertionError("trailing " + b.remaining() + " bytes at " + (at - base));
            }
            int size = b.getInt(at);
            byte[] t = new byte[4];
            b.position(at + 4);
            b.get(t);
            String type = new String(t, StandardCharsets.ISO_8859_1);
            if (size < 8 || size > b.remaining() + 8) {
                throw new AssertionError("box " + type + " at " + (at - base) + " has size " + size
                        + " with " + (b.remaining() + 8) + " bytes left");
            }
            ByteBuffer payload = b.slice(at + 8, size - 8);
            List<Box> children = CONTAINERS.contains(type) ? parseAll(payload) : List.of();
            out.add(new Box(type, at - base, size, payload, children));
            b.position(at + size);
        }
        return out;
    }

    /** The child of this type (the first one); fails if absent. */
    Box child(String type) {
        return children.stream().filter(c -> c.type.equals(type)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type + " in " + type() + ": " + types()));
    }

    /** Finds a box by path such as {@code "moov/trak/mdia/mdhd"} in a list. */
    static Box find(List<Box> boxes, String path) {
        String[] parts = path.split("/");
        Box b = boxes.stream().filter(x -> x.type.equals(parts[0])).findFirst()
                .orElseThrow(() -> new AssertionError("no " + parts[0]));
        for (int i = 1; i < parts.length; i++) {
            b = b.child(parts[i]);
        }
        return b;
    }

    List<String> types() {
        return children.stream().map(Box::type).toList();
    }

    static List<String> types(List<Box> boxes) {
        return boxes.stream().map(Box::type).toList();
    }

    int u8(int at) {
        return payload.get(at) & 0xFF;
    }

    int u16(int at) {
        return payload.getShort(at) & 0xFFFF;
    }

    long u32(int at) {
        return payload.getInt(at) & 0xFFFFFFFFL;
    }

    int s32(int at) {
        return payload.getInt(at);
    }

    long u64(int at) {
        return payload.getLong(at);
    }

    String fourCc(int at) {
        byte[] t = new byte[4];
        payload.get(at, t);
        return new String(t, StandardCharsets.ISO_8859_1);
    }

    byte[] bytes(int from, int to) {
        byte[] a = new byte[to - from];
        payload.get(from, a);
        return a;
    }

    /** FullBox version. */
    int version() {
        return u8(0);
    }

    /** FullBox flags. */
    int flags() {
        return (int) (u32(0) & 0xFFFFFF);
    }

    /** The boxes inside a sample entry, which start at {@code headerSize} bytes into the payload. */
    List<Box> inner(int headerSize) {
        return parseAll(payload.slice(headerSize, payload.limit() - headerSize));
    }
}
