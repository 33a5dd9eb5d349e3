package org.rtmp4j.core.chunk;

import java.nio.ByteBuffer;

/**
 * Reads one chunk header (RTMP 1.0 §5.3.1): basic header (1-3 bytes), message header (11, 7, 3 or 0
 * bytes by fmt) and extended timestamp (0 or 4 bytes), into a reused scratch array of at most 18
 * bytes, across as many input buffers as it takes. Not thread-safe; owned by one
 * {@link ChunkDecoder}.
 *
 * <p>The extended timestamp is present on a type 0/1/2 header whose 24-bit timestamp field is
 * 0xFFFFFF, and on a type-3 header when the most recent type 0/1/2 header on that chunk stream id
 * had one (§5.3.1.3). This follows the spec, Flash and ffmpeg; a few old encoders omit it on type-3
 * chunks and cannot be decoded.
 */
final class ChunkHeaderReader {
    /** Longest chunk header: 3 basic + 11 message header + 4 extended timestamp bytes. */
    static final int MAX_HEADER_LENGTH = 18;
    private static final int[] MESSAGE_HEADER_LENGTHS = {11, 7, 3, 0};

    private final byte[] h = new byte[MAX_HEADER_LENGTH];
    private final ChunkStreamMap<ChunkStreamState> streams;
    private int have;
    private long chunkStart;
    private int fmt;
    private int chunkStreamId;
    private int basicLength;
    private boolean extended;

    ChunkHeaderReader(ChunkStreamMap<ChunkStreamState> streams) {
        this.streams = streams;
    }

    /**
     * Continues reading a header.
     *
     * @param in input; consumed up to the end of the header or of the input
     * @param consumed the decoder's byte count before {@code in}'s position, for offsets
     * @return whether a whole header is now available
     * @throws ChunkException on a type 1/2/3 header for a chunk stream id with no previous header
     */
    boolean read(ByteBuffer in, long consumed) {
        if (have == 0) {
            chunkStart = consumed;
        }
        if (!fill(in, 1)) {
            return false;
        }
        int low = h[0] & 0x3F;
        basicLength = low == 0 ? 2 : low == 1 ? 3 : 1;
        if (!fill(in, basicLength)) {
            return false;
        }
        fmt = (h[0] & 0xFF) >>> 6;
        if (low == 0) {
            chunkStreamId = (h[1] & 0xFF) + 64;
        } else if (low == 1) {
            chunkStreamId = (h[2] & 0xFF) * 256 + (h[1] & 0xFF) + 64;
        } else {
            chunkStreamId = low;
        }
        ChunkStreamState previous = null;
        if (fmt != 0) {
            previous = streams.get(chunkStreamId);
            if (previous == null) {
                throw new ChunkException(chunkStart, "no previous header for chunk stream id " + chunkStreamId
                        + " (chunk type " + fmt + " needs one; the first chunk must be type 0)");
            }
        }
        int length = basicLength + MESSAGE_HEADER_LENGTHS[fmt];
        if (!fill(in, length)) {
            return false;
        }
        extended = fmt < 3 ? u24(0) == 0xFFFFFF : previous.extended;
        if (extended && !fill(in, length + 4)) {
            return false;
        }
        return true;
    }

    /** Starts over for the next chunk. */
    void reset() {
        have = 0;
    }

    private boolean fill(ByteBuffer in, int needed) {
        while (have < needed) {
            if (!in.hasRemaining()) {
                return false;
            }
            h[have++] = in.get();
        }
        return true;
    }

    /** @return the chunk type (fmt, 0..3) */
    int fmt() {
        return fmt;
    }

    /** @return the chunk stream id (2..65599) */
    int chunkStreamId() {
        return chunkStreamId;
    }

    /** @return whether an extended timestamp follows the message header */
    boolean extended() {
        return extended;
    }

    /** @return decoder offset of the chunk's first byte */
    long chunkStart() {
        return chunkStart;
    }

    /** @return decoder offset of byte {@code index} of the message header */
    long fieldOffset(int index) {
        return chunkStart + basicLength + index;
    }

    /** @return the 24-bit timestamp or timestamp delta field (types 0, 1, 2) */
    int timestampField() {
        return u24(0);
    }

    /** @return the timestamp or delta in effect: the extended timestamp when present, else the 24-bit field */
    int timestampOrDelta() {
        return extended ? extendedTimestamp() : u24(0);
    }

    /** @return the 32-bit extended timestamp (only valid if {@link #extended()}) */
    int extendedTimestamp() {
        int i = basicLength + MESSAGE_HEADER_LENGTHS[fmt];
        return (h[i] & 0xFF) << 24 | (h[i + 1] & 0xFF) << 16 | (h[i + 2] & 0xFF) << 8 | (h[i + 3] & 0xFF);
    }

    /** @return the message length field (types 0, 1) */
    int messageLength() {
        return u24(3);
    }

    /** @return the message type id field (types 0, 1) */
    int typeId() {
        return h[basicLength + 6] & 0xFF;
    }

    /** @return the message stream id field (type 0), read little-endian (§5.3.1.2.5) */
    int streamId() {
        int i = basicLength + 7;
        return (h[i] & 0xFF) | (h[i + 1] & 0xFF) << 8 | (h[i + 2] & 0xFF) << 16 | (h[i + 3] & 0xFF) << 24;
    }

    private int u24(int index) {
        int i = basicLength + index;
        return (h[i] & 0xFF) << 16 | (h[i + 1] & 0xFF) << 8 | (h[i + 2] & 0xFF);
    }
}
