package org.rtmp4j.core.chunk;

import java.nio.ByteBuffer;
import java.util.List;
import org.rtmp4j.core.Timestamps;

/**
 * Splits messages into chunks (RTMP 1.0 §5.3), compressing headers per chunk stream id against
 * the previous message on it. Not thread-safe: one encoder per connection, driven by one thread
 * at a time. The payload is never copied: output is header buffers interleaved with read-only
 * slices of it (the caller must not modify the payload until the buffers are written, which
 * {@link RawMessage} forbids anyway).
 *
 * <p>The first chunk's header type (§5.3.1.2) is chosen against the previous message on the same
 * chunk stream id: type 0 (11 bytes, absolute timestamp) on first use, when forced, when the
 * message stream id differs or when the timestamp went backwards (serial-number arithmetic, see
 * {@link Timestamps#isAfter}); type 1 (7 bytes: delta, length, type) when the length or message
 * type id differs; type 2 (3 bytes: delta) when only the delta differs from the previous one; type
 * 3 (no message header) when everything including the delta matches. After a type-0 header the
 * next message gets at least a type-2 header, since decoders disagree on the delta a type 3 would
 * imply there. Continuation chunks are type 3. A timestamp or delta of 0xFFFFFF or more goes into
 * the 4-byte extended timestamp (§5.3.1.3), which is repeated on every type-3 chunk that follows
 * such a header. Basic headers are 1, 2 or 3 bytes for chunk stream ids 2..63, 64..319 and
 * 320..65599.
 */
public final class ChunkEncoder {
    /** The chunk size in effect until changed, in bytes (RTMP 1.0 §5.4.1). */
    public static final int DEFAULT_CHUNK_SIZE = 128;

    /** Per chunk stream id: the previous message's header fields. */
    private static final class OutboundStream {
        int timestamp;
        int delta;
        boolean deltaKnown;
        int length;
        int typeId;
        int streamId;
        boolean extended;
        int extendedValue;
    }

    private final ChunkStreamMap<OutboundStream> streams = new ChunkStreamMap<>();
    private int chunkSize = DEFAULT_CHUNK_SIZE;

    /** Creates an encoder with chunk size 128. */
    public ChunkEncoder() {}

    /**
     * Appends the chunks of {@code message} on {@code chunkStreamId} to {@code out}, with the most
     * compact first header (see class doc).
     *
     * @param message the message; its payload's position..limit is sent
     * @param chunkStreamId 2..65599
     * @param out receives header buffers and payload slices, in write order
     * @throws IllegalArgumentException on a chunk stream id outside 2..65599, a message type id
     *     outside 0..255 or a payload longer than 16777215 bytes
     */
    public void encode(RawMessage message, int chunkStreamId, List<ByteBuffer> out) {
        encode(message, chunkStreamId, false, out);
    }

    /**
     * Appends the chunks of {@code message} with a type-0 first header (absolute timestamp), e.g.
     * for the first message to a newly joined player; later messages compress against it.
     *
     * @param message the message; its payload's position..limit is sent
     * @param chunkStreamId 2..65599
     * @param out receives header buffers and payload slices, in write order
     * @throws IllegalArgumentException as {@link #encode(RawMessage, int, List)}
     */
    public void encodeType0(RawMessage message, int chunkStreamId, List<ByteBuffer> out) {
        encode(message, chunkStreamId, true, out);
    }

    /**
     * Appends the chunks of {@code message} on {@code chunkStreamId} to {@code out}.
     *
     * @param message the message; its payload's position..limit is sent
     * @param chunkStreamId 2..65599
     * @param forceType0 whether the first header must be type 0
     * @param out receives header buffers and payload slices, in write order
     * @throws IllegalArgumentException as {@link #encode(RawMessage, int, List)}
     */
    public void encode(RawMessage message, int chunkStreamId, boolean forceType0, List<ByteBuffer> out) {
        ChunkHeaderWriter.checkChunkStreamId(chunkStreamId);
        ChunkHeaderWriter.checkMessage(message);
        OutboundStream s = streams.get(chunkStreamId);
        int ts = message.timestamp();
        int length = message.length();
        int fmt;
        int field;
        if (s == null || forceType0 || s.streamId != message.streamId() || Timestamps.isAfter(s.timestamp, ts)) {
            fmt = 0;
            field = ts;
        } else {
            field = ts - s.timestamp;
            if (length != s.length || message.typeId() != s.typeId) {
                fmt = 1;
            } else if (!s.deltaKnown || field != s.delta) {
                fmt = 2;
            } else {
                fmt = 3;
            }
        }
        if (s == null) {
            s = new OutboundStream();
            streams.put(chunkStreamId, s);
        }
        if (fmt == 3) {
            field = s.extendedValue;
        } else {
            s.extended = ChunkHeaderWriter.needsExtended(field);
            s.extendedValue = field;
            s.deltaKnown = fmt != 0;
            s.delta = field;
        }
        s.timestamp = ts;
        s.length = length;
        s.typeId = message.typeId();
        s.streamId = message.streamId();
        appendChunks(message, chunkStreamId, fmt, field, s.extended, out);
    }

    /**
     * Records that {@code message} was sent on {@code chunkStreamId} with a type-0 first header by
     * other means, e.g. as bytes from {@link #encodeStandalone}, so that the next message on that
     * chunk stream id compresses against it.
     *
     * @param message the message that was sent
     * @param chunkStreamId the chunk stream id it was sent on, 2..65599
     * @throws IllegalArgumentException as {@link #encode(RawMessage, int, List)}
     */
    public void recordType0(RawMessage message, int chunkStreamId) {
        ChunkHeaderWriter.checkChunkStreamId(chunkStreamId);
        ChunkHeaderWriter.checkMessage(message);
        OutboundStream s = streams.get(chunkStreamId);
        if (s == null) {
            s = new OutboundStream();
            streams.put(chunkStreamId, s);
        }
        s.timestamp = message.timestamp();
        s.extended = ChunkHeaderWriter.needsExtended(s.timestamp);
        s.extendedValue = s.timestamp;
        s.delta = s.timestamp;
        s.deltaKnown = false;
        s.length = message.length();
        s.typeId = message.typeId();
        s.streamId = message.streamId();
    }

    private void appendChunks(RawMessage message, int csid, int fmt, int field, boolean extended, List<ByteBuffer> out) {
        int length = message.length();
        int firstLength = ChunkHeaderWriter.headerLength(fmt, csid, extended);
        int continuationLength = length > chunkSize ? ChunkHeaderWriter.headerLength(3, csid, extended) : 0;
        byte[] headers = new byte[firstLength + continuationLength];
        ChunkHeaderWriter.write(headers, 0, fmt, csid, field, extended, message);
        if (continuationLength > 0) {
            ChunkHeaderWriter.write(headers, firstLength, 3, csid, field, extended, message);
        }
        out.add(ByteBuffer.wrap(headers, 0, firstLength));
        ByteBuffer payload = message.payload();
        if (!payload.isReadOnly()) {
            payload = payload.asReadOnlyBuffer();
        }
        int base = payload.position();
        for (int offset = 0; offset < length; offset += chunkSize) {
            if (offset > 0) {
                out.add(ByteBuffer.wrap(headers, firstLength, continuationLength));
            }
            out.add(payload.slice(base + offset, Math.min(chunkSize, length - offset)));
        }
    }

    /**
     * Encodes {@code message} into one new heap buffer, independent of any encoder's state: a
     * type-0 first chunk, then type-3 continuation chunks (with the extended timestamp repeated when
     * the timestamp is 0xFFFFFF or more, RTMP 1.0 §5.3.1.3). This copies the payload once, so the
     * result can be written to many connections that use {@code chunkSize}; call {@link
     * #recordType0} on each one's encoder afterwards. See {@link #encodeStandalone(RawMessage, int,
     * int, ByteBuffer)} to encode into a direct buffer.
     *
     * @param message the message; its payload's position..limit is encoded
     * @param chunkStreamId 2..65599
     * @param chunkSize the receiving connection's outgoing chunk size, 1..2147483647 bytes
     * @return a read-only buffer, position 0, limit the encoded length
     * @throws IllegalArgumentException as {@link #encode(RawMessage, int, List)}, or on a chunk
     *     size below 1
     */
    public static ByteBuffer encodeStandalone(RawMessage message, int chunkStreamId, int chunkSize) {
        ByteBuffer dst = ByteBuffer.allocate(standaloneLength(message, chunkStreamId, chunkSize));
        encodeStandalone(message, chunkStreamId, chunkSize, dst);
        return dst.flip().asReadOnlyBuffer();
    }

    /**
     * The exact number of bytes {@link #encodeStandalone(RawMessage, int, int, ByteBuffer)} writes:
     * the type-0 header (1..3 byte basic header, 11 bytes, plus 4 when extended), one type-3 header
     * (1..3 bytes, plus 4 when extended) per further chunk, and the payload.
     *
     * @param message the message; its payload's position..limit counts
     * @param chunkStreamId 2..65599
     * @param chunkSize 1..2147483647 bytes
     * @return the encoded length in bytes
     * @throws IllegalArgumentException as {@link #encodeStandalone(RawMessage, int, int)}, or when
     *     the result would exceed 2147483647 bytes
     */
    public static int standaloneLength(RawMessage message, int chunkStreamId, int chunkSize) {
        ChunkHeaderWriter.checkChunkStreamId(chunkStreamId);
        ChunkHeaderWriter.checkMessage(message);
        ChunkHeaderWriter.checkChunkSize(chunkSize);
        boolean extended = ChunkHeaderWriter.needsExtended(message.timestamp());
        int length = message.length();
        long chunks = length == 0 ? 1 : (length + (long) chunkSize - 1) / chunkSize;
        long total = ChunkHeaderWriter.headerLength(0, chunkStreamId, extended)
                + (chunks - 1) * ChunkHeaderWriter.headerLength(3, chunkStreamId, extended) + length;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("encoded message of " + length + " bytes at chunk size " + chunkSize
                    + " exceeds 2147483647 bytes");
        }
        return (int) total;
    }

    /**
     * Encodes {@code message} as {@link #encodeStandalone(RawMessage, int, int)} does, into {@code
     * dst} (heap or direct) from its position, which advances by {@link #standaloneLength}. Copies
     * the payload once; allocates only two small header arrays.
     *
     * @param message the message; its payload's position..limit is encoded (its position does not
     *     move)
     * @param chunkStreamId 2..65599
     * @param chunkSize the receiving connection's outgoing chunk size, 1..2147483647 bytes
     * @param dst receives the chunks
     * @throws IllegalArgumentException as {@link #standaloneLength}, or when {@code dst} has fewer
     *     bytes remaining than needed (nothing is written then)
     * @throws java.nio.ReadOnlyBufferException if {@code dst} is read-only
     */
    public static void encodeStandalone(RawMessage message, int chunkStreamId, int chunkSize, ByteBuffer dst) {
        int needed = standaloneLength(message, chunkStreamId, chunkSize);
        if (dst.remaining() < needed) {
            throw new IllegalArgumentException(
                    "destination has " + dst.remaining() + " bytes remaining, " + needed + " needed");
        }
        int ts = message.timestamp();
        boolean extended = ChunkHeaderWriter.needsExtended(ts);
        int length = message.length();
        byte[] first = new byte[ChunkHeaderWriter.headerLength(0, chunkStreamId, extended)];
        ChunkHeaderWriter.write(first, 0, 0, chunkStreamId, ts, extended, message);
        byte[] continuation = null;
        if (length > chunkSize) {
            continuation = new byte[ChunkHeaderWriter.headerLength(3, chunkStreamId, extended)];
            ChunkHeaderWriter.write(continuation, 0, 3, chunkStreamId, ts, extended, message);
        }
        int p = dst.position();
        dst.put(p, first);
        p += first.length;
        ByteBuffer payload = message.payload();
        int base = payload.position();
        for (int offset = 0; offset < length; offset += chunkSize) {
            if (offset > 0) {
                dst.put(p, continuation);
                p += continuation.length;
            }
            int n = Math.min(chunkSize, length - offset);
            dst.put(p, payload, base + offset, n);
            p += n;
        }
        dst.position(p);
    }

    /**
     * Sets the outgoing chunk size for messages encoded from now on. The caller must send Set Chunk
     * Size with this value (encoded before this call) first (RTMP 1.0 §5.4.1).
     *
     * @param chunkSize 1..2147483647 bytes
     * @throws IllegalArgumentException if {@code chunkSize} is below 1
     */
    public void setChunkSize(int chunkSize) {
        ChunkHeaderWriter.checkChunkSize(chunkSize);
        this.chunkSize = chunkSize;
    }

    /** @return the outgoing chunk size in bytes */
    public int chunkSize() {
        return chunkSize;
    }
}
