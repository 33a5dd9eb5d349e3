package org.rtmp4j.flv;

import java.nio.ByteBuffer;

/**
 * The FLV file header (FLV 10.1 §E.2).
 *
 * <p>Layout, 9 bytes, big-endian: {@code 'F' 'L' 'V'}, version UI8 (1), flags UI8 (bit 2 = audio
 * tags present, bit 0 = video tags present, other bits reserved), DataOffset UI32 (the header
 * length, 9 for version 1). Immutable and thread-safe.
 *
 * @param hasAudio the {@code TypeFlagsAudio} bit: audio tags are present
 * @param hasVideo the {@code TypeFlagsVideo} bit: video tags are present
 */
public record FlvHeader(boolean hasAudio, boolean hasVideo) {

    /** Length of the version 1 header in bytes. */
    public static final int SIZE = 9;

    /** Flag bit for {@code TypeFlagsAudio}. */
    public static final int FLAG_AUDIO = 0x04;

    /** Flag bit for {@code TypeFlagsVideo}. */
    public static final int FLAG_VIDEO = 0x01;

    /**
     * Encodes the 9-byte header with version 1 and DataOffset 9.
     *
     * @return a new buffer, position 0, limit 9
     */
    public ByteBuffer encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE);
        b.put((byte) 'F').put((byte) 'L').put((byte) 'V').put((byte) 1);
        b.put((byte) ((hasAudio ? FLAG_AUDIO : 0) | (hasVideo ? FLAG_VIDEO : 0)));
        b.putInt(SIZE);
        return b.flip();
    }

    /**
     * Parses the 9-byte header at the buffer's position and advances the position by 9. Extra
     * header bytes announced by a DataOffset above 9 are not consumed (use {@link FlvDemuxer}
     * to skip them). The version byte and the reserved flag bits are not checked.
     *
     * @param in the buffer; its position is at the signature
     * @return the header
     * @throws FlvFormatException if fewer than 9 bytes remain, the signature is not "FLV" or the
     *     DataOffset is below 9; offsets are relative to the buffer's position on entry
     */
    public static FlvHeader parse(ByteBuffer in) throws FlvFormatException {
        if (in.remaining() < SIZE) {
            throw new FlvFormatException(0, "truncated FLV header: " + in.remaining() + " of 9 bytes");
        }
        int p = in.position();
        check(in.get(p), in.get(p + 1), in.get(p + 2));
        int flags = in.get(p + 4) & 0xFF;
        long dataOffset = in.getInt(p + 5) & 0xFFFFFFFFL;
        if (dataOffset < SIZE) {
            throw new FlvFormatException(5, "FLV header DataOffset " + dataOffset + " is below 9");
        }
        in.position(p + SIZE);
        return fromFlags(flags);
    }

    static void check(byte f, byte l, byte v) throws FlvFormatException {
        if (f != 'F' || l != 'L' || v != 'V') {
            throw new FlvFormatException(0, String.format(
                    "not an FLV stream: signature %02x %02x %02x is not \"FLV\"", f, l, v));
        }
    }

    static FlvHeader fromFlags(int flags) {
        return new FlvHeader((flags & FLAG_AUDIO) != 0, (flags & FLAG_VIDEO) != 0);
    }
}
