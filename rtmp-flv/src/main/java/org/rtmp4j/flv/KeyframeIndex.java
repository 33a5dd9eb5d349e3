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
 * followed by one or more padding properties {@code "_pad0000"}, {@code "_pad0001"}, ... whose
 * values are AMF0 strings of at most 255 spaces (ffmpeg's FLV demuxer rejects metadata strings of
 * 256 bytes or more and long strings) that take up whatever the entries do not. The
 * object without padding is {@code 36 + 18 × entries} bytes and each padding property costs 13
 * bytes plus its spaces, so a region of {@code 49 + 18 × capacity} bytes holds up to
 * {@code capacity} entries. When more key frames than that were written, an evenly spaced subset
 * (always including the first) is kept, so seeking still works at a coarser granularity. Readers
 * such as ffmpeg stop at the first non-array property of the object, after both arrays. Not
 * thread-safe.
 */
final class KeyframeIndex {

    /** Bytes of the object with no entries and one empty padding property. */
    static final int FIXED_SIZE = 49;
    /** Bytes per entry: one AMF0 number in each array. */
    static final int ENTRY_SIZE = 18;

    /** Bytes of a padding property without its spaces: key (2 + 8), marker, UI16 length. */
    private static final int PADDING_OVERHEAD = 13;
    private static final int MAX_PADDING_STRING = 255;

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
        int padding = regionSize - (FIXED_SIZE - PADDING_OVERHEAD) - ENTRY_SIZE * n;
        for (int piece = 0; padding > 0; piece++) {
            int size = Math.min(padding, PADDING_OVERHEAD + MAX_PADDING_STRING);
            if (padding - size > 0 && padding - size < PADDING_OVERHEAD) {
                size = padding - PADDING_OVERHEAD;
            }
            key(b, String.format("_pad%04d", piece));
            b.put((byte) Amf0.STRING).putShort((short) (size - PADDING_OVERHEAD));
            for (int i = PADDING_OVERHEAD; i < size; i++) {
                b.put((byte) ' ');
            }
            padding -= size;
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
