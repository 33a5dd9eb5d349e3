package org.rtmp4j.flv;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Sans-I/O FLV demuxer: turns a byte stream into {@link FlvTag}s (FLV 10.1 §E.2–§E.4.1).
 *
 * <p>Feed it bytes in pieces of any size with {@link #feed}; the tags it emits are the same
 * whatever the split, even one byte at a time. It parses the header (DataOffset at least 9;
 * extra header bytes are skipped), the {@code PreviousTagSize0}, then repeatedly an 11-byte tag
 * header (TagType UI8, DataSize UI24, Timestamp UI24, TimestampExtended UI8, StreamID UI24), the
 * tag data and the 32-bit {@code PreviousTagSize}. A tag is emitted as soon as its data is
 * complete, before its {@code PreviousTagSize} arrives. Call {@link #finish()} at the end of the
 * input to detect truncation.
 *
 * <p>Limits and leniency: DataSize is checked against {@code maxTagSize} (default 16 MiB) before
 * anything is allocated; then exactly DataSize bytes are allocated for the body, once. In the
 * default lenient mode a {@code PreviousTagSize} that is not 11 + the previous DataSize (0 for
 * {@code PreviousTagSize0}) is ignored and counted in {@link #previousTagSizeMismatches()}, and a
 * non-zero StreamID is ignored; strict mode throws {@link FlvFormatException} for both. Tags with
 * the Filter bit (0x20, encryption, FLV 10.1 Annex F) and tag types other than 8, 9, 15 (AMF3
 * script data, E-RTMP) and 18 are rejected. After an exception the demuxer is failed and
 * rethrows the same exception on every further call.
 *
 * <p>Not thread-safe: use one instance per stream from one thread at a time.
 */
public final class FlvDemuxer {

    /** Default {@code maxTagSize}: 16 MiB. */
    public static final int DEFAULT_MAX_TAG_SIZE = 16 * 1024 * 1024;

    private enum State { HEADER, HEADER_EXTRA, PREVIOUS_TAG_SIZE, TAG_HEADER, TAG_BODY }

    private final int maxTagSize;
    private final boolean strict;

    private final byte[] scratch = new byte[FlvTag.HEADER_SIZE];
    private int scratchFill;
    private State state = State.HEADER;
    private long offset;
    private long fieldStart;
    private long headerExtraRemaining;
    private FlvHeader header;

    private long expectedPreviousTagSize;
    private boolean anyTag;
    private long mismatches;

    private FlvTagType tagType;
    private int tagTimestamp;
    private byte[] body;
    private int bodyFill;

    private FlvFormatException failure;

    /** Creates a lenient demuxer with {@code maxTagSize} 16 MiB. */
    public FlvDemuxer() {
        this(DEFAULT_MAX_TAG_SIZE, false);
    }

    /**
     * Creates a demuxer.
     *
     * @param maxTagSize the largest accepted DataSize in bytes (positive)
     * @param strict {@code true} to throw on a wrong {@code PreviousTagSize} or a non-zero
     *     StreamID, {@code false} to ignore (and count) them
     * @throws IllegalArgumentException if {@code maxTagSize} is not positive
     */
    public FlvDemuxer(int maxTagSize, boolean strict) {
        if (maxTagSize <= 0) {
            throw new IllegalArgumentException("maxTagSize must be positive: " + maxTagSize);
        }
        this.maxTagSize = maxTagSize;
        this.strict = strict;
    }

    /**
     * Consumes all remaining bytes of {@code in} and passes every completed tag to {@code out},
     * in stream order. Partial input is kept internally until more arrives.
     *
     * @param in the next bytes of the stream; its position is advanced to its limit
     * @param out receives each complete tag (body read-only, exclusively owned by the tag)
     * @throws FlvFormatException if the input is malformed; the offset counts bytes from the
     *     start of the stream
     */
    public void feed(ByteBuffer in, Consumer<FlvTag> out) throws FlvFormatException {
        if (failure != null) {
            throw failure;
        }
        try {
            while (in.hasRemaining()) {
                step(in, out);
            }
        } catch (FlvFormatException e) {
            failure = e;
            throw e;
        }
    }

    private void step(ByteBuffer in, Consumer<FlvTag> out) throws FlvFormatException {
        switch (state) {
            case HEADER:
                if (fill(in, FlvHeader.SIZE)) {
                    onHeader();
                }
                break;
            case HEADER_EXTRA:
                int skip = (int) Math.min(headerExtraRemaining, in.remaining());
                in.position(in.position() + skip);
                offset += skip;
                headerExtraRemaining -= skip;
                if (headerExtraRemaining == 0) {
                    enter(State.PREVIOUS_TAG_SIZE);
                }
                break;
            case PREVIOUS_TAG_SIZE:
                if (fill(in, 4)) {
                    onPreviousTagSize();
                }
                break;
            case TAG_HEADER:
                if (fill(in, FlvTag.HEADER_SIZE)) {
                    onTagHeader(out);
                }
                break;
            case TAG_BODY:
                int n = Math.min(body.length - bodyFill, in.remaining());
                in.get(body, bodyFill, n);
                bodyFill += n;
                offset += n;
                if (bodyFill == body.length) {
                    emit(out);
                }
                break;
            default:
                throw new IllegalStateException(state.name());
        }
    }

    /** Copies bytes into the scratch array; returns true once {@code size} bytes are there. */
    private boolean fill(ByteBuffer in, int size) {
        int n = Math.min(size - scratchFill, in.remaining());
        in.get(scratch, scratchFill, n);
        scratchFill += n;
        offset += n;
        return scratchFill == size;
    }

    private void enter(State next) {
        state = next;
        scratchFill = 0;
        fieldStart = offset;
    }

    private void onHeader() throws FlvFormatException {
        FlvHeader.check(scratch[0], scratch[1], scratch[2]);
        long dataOffset = readU32(5);
        if (dataOffset < FlvHeader.SIZE) {
            throw new FlvFormatException(5, "FLV header DataOffset " + dataOffset + " is below 9");
        }
        header = FlvHeader.fromFlags(scratch[4] & 0xFF);
        headerExtraRemaining = dataOffset - FlvHeader.SIZE;
        expectedPreviousTagSize = 0;
        enter(headerExtraRemaining > 0 ? State.HEADER_EXTRA : State.PREVIOUS_TAG_SIZE);
    }

    private void onPreviousTagSize() throws FlvFormatException {
        long value = readU32(0);
        if (value != expectedPreviousTagSize) {
            if (strict) {
                throw new FlvFormatException(fieldStart, "PreviousTagSize " + value
                        + " does not match the previous tag size " + expectedPreviousTagSize);
            }
            mismatches++;
        }
        enter(State.TAG_HEADER);
    }

    private void onTagHeader(Consumer<FlvTag> out) throws FlvFormatException {
        int first = scratch[0] & 0xFF;
        if ((first & 0x20) != 0) {
            throw new FlvFormatException(fieldStart,
                    "encrypted tags not supported (Filter bit set in tag type byte 0x"
                            + Integer.toHexString(first) + ")");
        }
        FlvTagType type = FlvTagType.find(first & 0x1F);
        if (type == null) {
            throw new FlvFormatException(fieldStart, "unknown FLV tag type " + (first & 0x1F));
        }
        int dataSize = readU24(1);
        if (dataSize > maxTagSize) {
            throw new FlvFormatException(fieldStart, "tag DataSize " + dataSize
                    + " exceeds maxTagSize " + maxTagSize);
        }
        int streamId = readU24(8);
        if (streamId != 0 && strict) {
            throw new FlvFormatException(fieldStart + 8, "StreamID " + streamId + " is not 0");
        }
        tagType = type;
        tagTimestamp = readU24(4) | ((scratch[7] & 0xFF) << 24);
        body = new byte[dataSize];
        bodyFill = 0;
        state = State.TAG_BODY;
        scratchFill = 0;
        if (dataSize == 0) {
            emit(out);
        }
    }

    private void emit(Consumer<FlvTag> out) {
        FlvTag tag = new FlvTag(tagType, tagTimestamp, ByteBuffer.wrap(body).asReadOnlyBuffer());
        expectedPreviousTagSize = FlvTag.HEADER_SIZE + (long) body.length;
        body = null;
        tagType = null;
        anyTag = true;
        state = State.PREVIOUS_TAG_SIZE;
        scratchFill = 0;
        // fieldStart of the PreviousTagSize; the tag started 11 + DataSize bytes earlier.
        fieldStart = offset;
        out.accept(tag);
    }

    /**
     * Signals the end of the input and checks that the stream did not stop inside the header, a
     * tag or a {@code PreviousTagSize}. The stream may end right after a complete tag with its
     * {@code PreviousTagSize}, or after the header and {@code PreviousTagSize0}. In lenient mode
     * it may also end right after the data of the last tag (a missing final back-pointer, common
     * in captures of live streams); strict mode rejects that.
     *
     * @throws FlvFormatException if the input ended early; the offset names where the truncated
     *     element starts: 0 for the header, the first byte of the tag for a tag cut in its header
     *     or data, the first byte of the {@code PreviousTagSize} for a cut back-pointer
     */
    public void finish() throws FlvFormatException {
        if (failure != null) {
            throw failure;
        }
        FlvFormatException e = null;
        switch (state) {
            case HEADER:
            case HEADER_EXTRA:
                e = new FlvFormatException(0, "truncated FLV header: stream ended after "
                        + offset + " bytes");
                break;
            case PREVIOUS_TAG_SIZE:
                if (scratchFill != 0) {
                    e = new FlvFormatException(fieldStart, "truncated PreviousTagSize: "
                            + scratchFill + " of 4 bytes");
                } else if (!anyTag) {
                    e = new FlvFormatException(fieldStart, "stream ended before PreviousTagSize0");
                } else if (strict) {
                    e = new FlvFormatException(fieldStart,
                            "stream ended before the PreviousTagSize of the last tag");
                }
                break;
            case TAG_HEADER:
                if (scratchFill != 0) {
                    e = new FlvFormatException(fieldStart, "truncated tag header: "
                            + scratchFill + " of 11 bytes");
                }
                break;
            case TAG_BODY:
                e = new FlvFormatException(offset - bodyFill - FlvTag.HEADER_SIZE,
                        "truncated tag: " + bodyFill + " of " + body.length + " data bytes");
                break;
            default:
                throw new IllegalStateException(state.name());
        }
        if (e != null) {
            failure = e;
            throw e;
        }
    }

    /**
     * Returns the FLV header once its 9 bytes have been fed.
     *
     * @return the header, or empty before it is complete
     */
    public Optional<FlvHeader> header() {
        return Optional.ofNullable(header);
    }

    /**
     * Returns how many bytes have been consumed so far.
     *
     * @return the stream offset in bytes of the next byte to be fed
     */
    public long offset() {
        return offset;
    }

    /**
     * Returns how many {@code PreviousTagSize} fields did not match (lenient mode only).
     *
     * @return the count of mismatches ignored so far
     */
    public long previousTagSizeMismatches() {
        return mismatches;
    }

    /**
     * Returns the configured limit.
     *
     * @return the largest accepted DataSize in bytes
     */
    public int maxTagSize() {
        return maxTagSize;
    }

    private long readU32(int at) {
        return ((scratch[at] & 0xFFL) << 24) | ((scratch[at + 1] & 0xFF) << 16)
                | ((scratch[at + 2] & 0xFF) << 8) | (scratch[at + 3] & 0xFF);
    }

    private int readU24(int at) {
        return ((scratch[at] & 0xFF) << 16) | ((scratch[at + 1] & 0xFF) << 8) | (scratch[at + 2] & 0xFF);
    }
}
