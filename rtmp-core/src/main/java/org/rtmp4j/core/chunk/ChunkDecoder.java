package org.rtmp4j.core.chunk;

import java.nio.ByteBuffer;
import java.util.Objects;
import java.util.function.Consumer;
import org.rtmp4j.core.Timestamps;

/**
 * Decodes the chunk stream (RTMP 1.0 §5.3) into whole {@link RawMessage}s. Not thread-safe: one
 * decoder per connection, driven by one thread at a time.
 *
 * <p>Consumes everything it can from {@code in}; partial chunk headers (at most 18 bytes) are kept
 * internally, so input may be split anywhere. Messages interleaved across chunk stream ids are
 * reassembled independently. Each message body is allocated once, exactly its declared length,
 * when its first chunk header arrives, after the length was checked against
 * {@link ChunkLimits#maxMessageSize()} and {@link ChunkLimits#maxPendingBytes()}; chunk payloads
 * are copied into it (the one copy) and it is emitted as a read-only buffer. Zero-length messages
 * are emitted as soon as their header is read.
 *
 * <p>Header formats (§5.3.1.2): type 0 carries an absolute timestamp, length, message type id and
 * message stream id (little-endian); type 1 a timestamp delta, length and type; type 2 a delta;
 * type 3 nothing. A type 1/2 header, or a type 3 starting a new message, adds its delta (for type
 * 3, the previous delta; after a type 0, that header's timestamp, as §5.3.1.2.4 says) to the
 * previous timestamp, modulo 2^32. The extended timestamp (§5.3.1.3) is read whenever the 24-bit
 * field is 0xFFFFFF, and on every type-3 chunk that follows such a header on the same chunk stream
 * id, as the spec, Flash and ffmpeg do; its value on a type-3 chunk is not used.
 *
 * <p>Timeline (RTMP 1.0 §5.3.1.2.1: timestamps wrap at 2^32 ms): besides the 32-bit wire
 * timestamp, each chunk stream id keeps a 64-bit unwrapped timestamp, emitted as
 * {@link RawMessage#unwrappedTimestamp()}. Deltas (types 1, 2, 3) add to it as unsigned 32-bit
 * values; an absolute type-0 timestamp is unwrapped ({@link Timestamps#unwrap}) against the chunk
 * stream id's previous unwrapped value, or, for its first type-0 header, against the largest
 * unwrapped timestamp decoded so far on any chunk stream id, so audio and video chunk stream ids
 * that start on either side of a wrap share one epoch (a timeline that would pass
 * {@code Long.MAX_VALUE} restarts at the unsigned wire value). Nothing else depends on it: the 32-bit
 * value is what is checked, relayed and re-encoded.
 *
 * <p>Set Chunk Size (message type id 1, §5.4.1) and Abort (type 2, §5.4.2) are applied as soon as
 * they are decoded, so the very next chunk, even in the same buffer, uses the new chunk size or no
 * longer continues the aborted message; they are still emitted.
 *
 * <p>Errors: a {@link ChunkException}, whose offset counts bytes consumed by this decoder before the
 * bad field, on a type 1/2/3 chunk for a chunk stream id without a previous header; a type 0/1/2
 * chunk on a chunk stream id whose message is partly received; a declared length above
 * {@code maxMessageSize}; more than {@code maxChunkStreams} chunk stream ids; partly received
 * messages exceeding {@code maxPendingBytes} in total; a Set Chunk Size outside 1..0x7FFFFFFF or
 * above {@code maxIncomingChunkSize}; a Set Chunk Size or Abort body shorter than 4 bytes. After an
 * exception the decoder's state is undefined and the connection must be closed.
 */
public final class ChunkDecoder {
    /** The chunk size in effect until the peer sends Set Chunk Size, in bytes (RTMP 1.0 §5.4.1). */
    public static final int DEFAULT_CHUNK_SIZE = 128;
    /** Message type id of Set Chunk Size (RTMP 1.0 §5.4.1). */
    static final int SET_CHUNK_SIZE = 1;
    /** Message type id of Abort (RTMP 1.0 §5.4.2). */
    static final int ABORT = 2;

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

    private final ChunkLimits limits;
    private final ChunkStreamMap<ChunkStreamState> streams = new ChunkStreamMap<>();
    private final ChunkHeaderReader header = new ChunkHeaderReader(streams);
    private int chunkSize = DEFAULT_CHUNK_SIZE;
    /** The largest unwrapped timestamp so far on any chunk stream id: a new one's first reference. */
    private long largestUnwrapped;
    private long consumed;
    private long pendingBytes;
    /** The chunk stream whose chunk payload is being read, or null while reading a header. */
    private ChunkStreamState current;
    /** Payload bytes of the current chunk still to read. */
    private int chunkRemaining;

    /**
     * Creates a decoder with peer chunk size 128 (RTMP 1.0 §5.4.1) enforcing {@code limits}.
     *
     * @param limits the bounds to enforce, e.g. {@link ChunkLimits#DEFAULT}
     */
    public ChunkDecoder(ChunkLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Decodes as much of {@code in} as possible, emitting each completed message to {@code out}.
     * Consumes all of {@code in} (its position ends at its limit) unless an exception is thrown.
     *
     * @param in received chunk stream bytes; only read, never retained
     * @param out receives completed messages in completion order, on the calling thread
     * @throws ChunkException if the input is malformed or crosses a limit (see class doc)
     */
    public void decode(ByteBuffer in, Consumer<RawMessage> out) {
        while (in.hasRemaining()) {
            if (current == null) {
                int before = in.position();
                boolean done = header.read(in, consumed);
                consumed += in.position() - before;
                if (done) {
                    onHeader(out);
                }
            } else {
                readPayload(in, out);
            }
        }
    }

    /** @return total bytes consumed so far */
    public long bytesConsumed() {
        return consumed;
    }

    /** @return the peer's current chunk size in bytes (128 until it sends Set Chunk Size) */
    public int chunkSize() {
        return chunkSize;
    }

    /** @return bytes currently held in partly received messages, over all chunk stream ids */
    public long pendingBytes() {
        return pendingBytes;
    }

    private void onHeader(Consumer<RawMessage> out) {
        int fmt = header.fmt();
        int csid = header.chunkStreamId();
        ChunkStreamState s = streams.get(csid);
        if (s == null) {
            if (streams.size() >= limits.maxChunkStreams()) {
                throw new ChunkException(header.chunkStart(), "chunk stream id " + csid + " would exceed the limit of "
                        + limits.maxChunkStreams() + " chunk streams");
            }
            s = new ChunkStreamState(csid);
            streams.put(csid, s);
        }
        boolean continuation = s.payload != null;
        if (continuation && fmt != 3) {
            throw new ChunkException(header.chunkStart(), "chunk type " + fmt + " on chunk stream id " + csid
                    + " while its message of " + s.messageLength + " bytes is partly received (" + s.received
                    + " bytes); expected a type 3 continuation chunk");
        }
        switch (fmt) {
            case 0:
                checkLength();
                s.timestamp = header.timestampOrDelta();
                s.unwrapped = Timestamps.unwrap(s.timelineStarted ? s.unwrapped : largestUnwrapped, s.timestamp);
                s.timelineStarted = true;
                s.delta = s.timestamp;
                s.messageLength = header.messageLength();
                s.typeId = header.typeId();
                s.streamId = header.streamId();
                s.extended = header.extended();
                break;
            case 1:
                checkLength();
                s.delta = header.timestampOrDelta();
                addDelta(s);
                s.messageLength = header.messageLength();
                s.typeId = header.typeId();
                s.extended = header.extended();
                break;
            case 2:
                s.delta = header.timestampOrDelta();
                addDelta(s);
                s.extended = header.extended();
                break;
            default:
                if (!continuation) {
                    addDelta(s);
                }
                break;
        }
        header.reset();
        largestUnwrapped = Math.max(largestUnwrapped, s.unwrapped);
        if (!continuation) {
            startMessage(s, out);
        }
        if (s.payload != null) {
            chunkRemaining = Math.min(chunkSize, s.messageLength - s.received);
            current = s;
        }
    }

    /** Type 1/2/3: the delta is unsigned 32-bit (§5.3.1.2.2); the wire value wraps, the timeline does not. */
    private static void addDelta(ChunkStreamState s) {
        s.timestamp += s.delta;
        s.unwrapped += Timestamps.toUnsigned(s.delta);
        if (s.unwrapped < 0) { // past Long.MAX_VALUE: only hostile input gets here; start over
            s.unwrapped = Timestamps.toUnsigned(s.timestamp);
        }
    }

    private void checkLength() {
        int length = header.messageLength();
        if (length > limits.maxMessageSize()) {
            throw new ChunkException(header.fieldOffset(3), "message length " + length + " on chunk stream id "
                    + header.chunkStreamId() + " exceeds the limit of " + limits.maxMessageSize() + " bytes");
        }
    }

    private void startMessage(ChunkStreamState s, Consumer<RawMessage> out) {
        s.payloadOffset = consumed;
        if (s.messageLength == 0) {
            complete(s, EMPTY, out);
            return;
        }
        if (pendingBytes + s.messageLength > limits.maxPendingBytes()) {
            throw new ChunkException(consumed, "message of " + s.messageLength + " bytes on chunk stream id "
                    + s.chunkStreamId + " would raise partly received bytes from " + pendingBytes
                    + " above the limit of " + limits.maxPendingBytes());
        }
        s.payload = new byte[s.messageLength];
        s.received = 0;
        pendingBytes += s.messageLength;
    }

    private void readPayload(ByteBuffer in, Consumer<RawMessage> out) {
        ChunkStreamState s = current;
        int n = Math.min(chunkRemaining, in.remaining());
        in.get(s.payload, s.received, n);
        s.received += n;
        chunkRemaining -= n;
        consumed += n;
        if (chunkRemaining > 0) {
            return;
        }
        current = null;
        if (s.received == s.messageLength) {
            byte[] body = s.payload;
            s.payload = null;
            s.received = 0;
            pendingBytes -= body.length;
            complete(s, ByteBuffer.wrap(body).asReadOnlyBuffer(), out);
        }
    }

    private void complete(ChunkStreamState s, ByteBuffer body, Consumer<RawMessage> out) {
        if (s.typeId == SET_CHUNK_SIZE) {
            applySetChunkSize(s, body);
        } else if (s.typeId == ABORT) {
            applyAbort(s, body);
        }
        out.accept(new RawMessage(s.typeId, s.timestamp, s.streamId, body, s.unwrapped));
    }

    private void applySetChunkSize(ChunkStreamState s, ByteBuffer body) {
        requireFourBytes(s, body, "Set Chunk Size");
        int size = body.getInt(body.position());
        if (size <= 0) {
            throw new ChunkException(s.payloadOffset, "Set Chunk Size " + Integer.toUnsignedString(size)
                    + " is invalid: it must be 1..2147483647 with the top bit zero");
        }
        if (size > limits.maxIncomingChunkSize()) {
            throw new ChunkException(s.payloadOffset, "Set Chunk Size " + size + " exceeds the limit of "
                    + limits.maxIncomingChunkSize() + " bytes");
        }
        chunkSize = size;
    }

    private void applyAbort(ChunkStreamState s, ByteBuffer body) {
        requireFourBytes(s, body, "Abort");
        ChunkStreamState target = streams.get(body.getInt(body.position()));
        if (target != null && target.payload != null) {
            pendingBytes -= target.payload.length;
            target.payload = null;
            target.received = 0;
        }
    }

    private static void requireFourBytes(ChunkStreamState s, ByteBuffer body, String what) {
        if (body.remaining() < 4) {
            throw new ChunkException(s.payloadOffset, what + " message has " + body.remaining()
                    + " bytes, expected 4");
        }
    }
}
