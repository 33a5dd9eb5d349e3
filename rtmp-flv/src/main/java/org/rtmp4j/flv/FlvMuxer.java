package org.rtmp4j.flv;

import java.nio.ByteBuffer;

/**
 * Sans-I/O FLV muxer: turns {@link FlvTag}s into the bytes of an FLV stream (FLV 10.1 §E.2–§E.4.1).
 *
 * <p>The stream is {@link #header} once, then {@link #encode} for each tag. Tag bodies are never
 * copied: {@code encode} returns the 11-byte tag header, a duplicate of the body and the 4-byte
 * {@code PreviousTagSize}, ready for a gathering write. Stateless and thread-safe.
 */
public final class FlvMuxer {

    /** Size of the header plus {@code PreviousTagSize0} in bytes. */
    public static final int HEADER_AND_BACK_POINTER_SIZE = FlvHeader.SIZE + 4;

    /** Creates a muxer. */
    public FlvMuxer() {
        // stateless
    }

    /**
     * Encodes the FLV header followed by {@code PreviousTagSize0} (UI32 0).
     *
     * @param header the header flags
     * @return a new 13-byte buffer, position 0
     */
    public ByteBuffer header(FlvHeader header) {
        ByteBuffer b = ByteBuffer.allocate(HEADER_AND_BACK_POINTER_SIZE);
        b.put(header.encode()).putInt(0);
        return b.flip();
    }

    /**
     * Encodes one tag: {TagType UI8, DataSize UI24, Timestamp UI24 (lower 24 bits),
     * TimestampExtended UI8 (upper 8 bits), StreamID UI24 = 0}, the body, then
     * {@code PreviousTagSize} UI32 = 11 + DataSize.
     *
     * @param tag the tag; its body's position and limit are not changed
     * @return three buffers: the 11-byte tag header, a duplicate of the body (no copy) and the
     *     4-byte {@code PreviousTagSize}
     */
    public ByteBuffer[] encode(FlvTag tag) {
        int dataSize = tag.dataSize();
        int ts = tag.timestamp();
        byte[] framing = new byte[FlvTag.HEADER_SIZE + 4];
        framing[0] = (byte) tag.type().id();
        putU24(framing, 1, dataSize);
        putU24(framing, 4, ts & 0xFFFFFF);
        framing[7] = (byte) (ts >>> 24);
        // StreamID bytes 8..10 stay 0.
        int back = FlvTag.HEADER_SIZE + dataSize;
        framing[11] = (byte) (back >>> 24);
        framing[12] = (byte) (back >>> 16);
        framing[13] = (byte) (back >>> 8);
        framing[14] = (byte) back;
        return new ByteBuffer[] {
            ByteBuffer.wrap(framing, 0, FlvTag.HEADER_SIZE).slice(),
            tag.body().duplicate(),
            ByteBuffer.wrap(framing, FlvTag.HEADER_SIZE, 4).slice()
        };
    }

    private static void putU24(byte[] a, int at, int v) {
        a[at] = (byte) (v >>> 16);
        a[at + 1] = (byte) (v >>> 8);
        a[at + 2] = (byte) v;
    }
}
