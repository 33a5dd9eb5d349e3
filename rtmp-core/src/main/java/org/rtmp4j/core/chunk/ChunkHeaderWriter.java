package org.rtmp4j.core.chunk;

/**
 * Writes chunk headers (RTMP 1.0 §5.3.1): the smallest basic header for the chunk stream id, the
 * type 0/1/2/3 message header (message stream id little-endian, other fields big-endian) and the
 * extended timestamp. Stateless.
 */
final class ChunkHeaderWriter {
    /** Smallest chunk stream id (RTMP 1.0 §5.3.1.1; 0 and 1 are encodings, not ids). */
    static final int MIN_CHUNK_STREAM_ID = 2;
    /** Largest chunk stream id (3-byte basic header). */
    static final int MAX_CHUNK_STREAM_ID = 65599;
    /** Largest value of the 24-bit message length field. */
    static final int MAX_MESSAGE_LENGTH = 0xFFFFFF;
    private static final int[] MESSAGE_HEADER_LENGTHS = {11, 7, 3, 0};

    private ChunkHeaderWriter() {}

    static void checkChunkStreamId(int chunkStreamId) {
        if (chunkStreamId < MIN_CHUNK_STREAM_ID || chunkStreamId > MAX_CHUNK_STREAM_ID) {
            throw new IllegalArgumentException("chunk stream id " + chunkStreamId + " is outside 2..65599");
        }
    }

    static void checkMessage(RawMessage message) {
        if (message.typeId() < 0 || message.typeId() > 255) {
            throw new IllegalArgumentException("message type id " + message.typeId() + " is outside 0..255");
        }
        if (message.length() > MAX_MESSAGE_LENGTH) {
            throw new IllegalArgumentException("message length " + message.length() + " exceeds 16777215 bytes");
        }
    }

    static void checkChunkSize(int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size " + chunkSize + " is outside 1..2147483647");
        }
    }

    /** @return whether a timestamp or delta needs the extended timestamp field */
    static boolean needsExtended(int timestampOrDelta) {
        return Integer.compareUnsigned(timestampOrDelta, MAX_MESSAGE_LENGTH) >= 0;
    }

    /** @return the length of a header of type {@code fmt} */
    static int headerLength(int fmt, int chunkStreamId, boolean extended) {
        return basicHeaderLength(chunkStreamId) + MESSAGE_HEADER_LENGTHS[fmt] + (extended ? 4 : 0);
    }

    static int basicHeaderLength(int chunkStreamId) {
        return chunkStreamId < 64 ? 1 : chunkStreamId < 320 ? 2 : 3;
    }

    /**
     * Writes one header.
     *
     * @param timestampOrDelta absolute timestamp (type 0) or delta (types 1, 2), or the value to
     *     repeat in the extended timestamp of a type-3 header
     * @return the offset after the header
     */
    static int write(byte[] dst, int offset, int fmt, int chunkStreamId, int timestampOrDelta, boolean extended,
            RawMessage message) {
        int p = offset;
        int typeBits = fmt << 6;
        if (chunkStreamId < 64) {
            dst[p++] = (byte) (typeBits | chunkStreamId);
        } else if (chunkStreamId < 320) {
            dst[p++] = (byte) typeBits;
            dst[p++] = (byte) (chunkStreamId - 64);
        } else {
            int id = chunkStreamId - 64;
            dst[p++] = (byte) (typeBits | 1);
            dst[p++] = (byte) id;
            dst[p++] = (byte) (id >>> 8);
        }
        if (fmt < 3) {
            p = put24(dst, p, extended ? MAX_MESSAGE_LENGTH : timestampOrDelta);
        }
        if (fmt < 2) {
            p = put24(dst, p, message.length());
            dst[p++] = (byte) message.typeId();
        }
        if (fmt == 0) {
            int id = message.streamId();
            dst[p++] = (byte) id;
            dst[p++] = (byte) (id >>> 8);
            dst[p++] = (byte) (id >>> 16);
            dst[p++] = (byte) (id >>> 24);
        }
        if (extended) {
            dst[p++] = (byte) (timestampOrDelta >>> 24);
            dst[p++] = (byte) (timestampOrDelta >>> 16);
            dst[p++] = (byte) (timestampOrDelta >>> 8);
            dst[p++] = (byte) timestampOrDelta;
        }
        return p;
    }

    private static int put24(byte[] dst, int p, int value) {
        dst[p] = (byte) (value >>> 16);
        dst[p + 1] = (byte) (value >>> 8);
        dst[p + 2] = (byte) value;
        return p + 3;
    }
}
