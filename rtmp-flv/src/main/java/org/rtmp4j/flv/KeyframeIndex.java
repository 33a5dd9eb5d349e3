package org.rtmp4j.flv;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.rtmp4j.amf.Amf0;

/**
 * The {@code keyframes} seek index of {@code onMetaData}, as flvmeta and yamdi write it: an AMF0
 * object {@code {times: [seconds...], filepositions: [bytes...]}} whose two strict arrays hold,
 * for each video key frame, its timestamp in seconds and the file offset of its FLV tag (the tag
 * header's first byte).
 *
 * <p>To be patchable in place, the object is written in a fixed-size region: the two arrays are
 * followed by a property {@code "_padding"} holding an AMF0 long string of spaces that takes up
 * whatever the entries do not. The encoded size is {@code 51 + 18 × entries + padding} bytes, so
 * a region of {@code 51 + 18 × capacity} bytes holds up to {@code capacity} entries. When more
 * key frames than that were written, an evenly spaced subset (always including the first) is
 * kept, so seeking still works at a coarser granularity. Not thread-safe.
 */
final class KeyframeIndex {

    /** Bytes of the object with no entries and no padding characters. */
    static final int FIXED_SIZE = 51;
    /** Bytes per entry: one AMF0 number in each array. */
    static final int ENTRY_SIZE = 18;

    private static final String PADDING_KEY = "_padding";

    private double[] times = new double[64];
    private long[] positions = new long[64];
    private int size;

    /**
     * Records a key frame.
     *
     * @param timestampMs the tag timestamp in ms
     * @param filePosition the file offset of the tag header in bytes
     */
    void add(long timestampMs, long filePosition) {
        if (size == times.length) {
            times = java.util.Arrays.copyOf(times, size * 2);
            positions = java.util.Arrays.copyOf(positions, size * 2);
        }
        times[size] = timestampMs / 1000.0;
        positions[size] = filePosition;
        size++;
    }

    int size() {
        return size;
    }

    /**
     * Returns the bytes a region needs for {@code capacity} entries.
     *
     * @param capacity entries
     * @return the region size in bytes
     */
    static int regionSize(int capacity) {
        return FIXED_SIZE + ENTRY_SIZE * capacity;
    }

    /**
     * Returns how many entries fit in a region.
     *
     * @param regionSize bytes
     * @return entries, or -1 if even an empty index does not fit
     */
    static int capacity(int regionSize) {
        return regionSize < FIXED_SIZE ? -1 : (regionSize - FIXED_SIZE) / ENTRY_SIZE;
    }

    /**
     * Encodes the index to exactly {@code regionSize} bytes, thinning it when needed.
     *
     * @param regionSize the size of the region; at least {@link #FIXED_SIZE}
     * @return a new buffer of {@code regionSize} bytes, position 0
     */
    ByteBuffer encode(int regionSize) {
        int capacity = capacity(regionSize);
        int n = Math.min(size, capacity);
        ByteBuffer b = ByteBuffer.allocate(regionSize);
        b.put((byte) Amf0.OBJECT);
        key(b, "times");
        b.put((byte) Amf0.STRICT_ARRAY).putInt(n);
        for (int i = 0; i < n; i++) {
            b.put((byte) Amf0.NUMBER).putDouble(times[pick(i, n)]);
        }
        key(b, "filepositions");
        b.put((byte) Amf0.STRICT_ARRAY).putInt(n);
        for (int i = 0; i < n; i++) {
            b.put((byte) Amf0.NUMBER).putDouble(positions[pick(i, n)]);
        }
        key(b, PADDING_KEY);
        int padding = regionSize - FIXED_SIZE - ENTRY_SIZE * n;
        b.put((byte) Amf0.LONG_STRING).putInt(padding);
        for (int i = 0; i < padding; i++) {
            b.put((byte) ' ');
        }
        b.put((byte) 0).put((byte) 0).put((byte) Amf0.OBJECT_END);
        return b.flip();
    }

    /** Index of the i-th of n kept entries: all when they fit, else evenly spaced. */
    private int pick(int i, int n) {
        return n == size ? i : (int) ((long) i * size / n);
    }

    /**
     * Inserts {@code "keyframes": region} as the last entry of an {@code onMetaData} body's ECMA
     * array (before its {@code 00 00 09} end) and increments the array's count.
     *
     * @param body an {@code onMetaData} body as {@code ScriptData.encodeOnMetaData} writes it
     * @param region the encoded index
     * @return a new buffer, position 0
     */
    static ByteBuffer insertInto(ByteBuffer body, ByteBuffer region) {
        byte[] key = "keyframes".getBytes(StandardCharsets.US_ASCII);
        int endMarker = body.remaining() - 3;
        ByteBuffer out = ByteBuffer.allocate(body.remaining() + 2 + key.length
                + region.remaining());
        out.put(body.duplicate().limit(endMarker));
        out.putShort((short) key.length).put(key).put(region.duplicate());
        out.put(body.duplicate().position(endMarker));
        int countAt = 13 + 1; // after the "onMetaData" string and the ECMA array marker
        out.putInt(countAt, out.getInt(countAt) + 1);
        return out.flip();
    }

    private static void key(ByteBuffer b, String key) {
        byte[] k = key.getBytes(StandardCharsets.US_ASCII);
        b.putShort((short) k.length).put(k);
    }
}
