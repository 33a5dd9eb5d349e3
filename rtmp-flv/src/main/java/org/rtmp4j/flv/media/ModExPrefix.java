package org.rtmp4j.flv.media;

import java.nio.ByteBuffer;
import org.rtmp4j.flv.FlvFormatException;

/**
 * The {@code ModEx} prefixes of an E-RTMP audio or video tag body (E-RTMP v2, "ModEx"), shared by {@link
 * AudioTagHeader} and {@link VideoTagHeader}: while the packet type is {@code ModEx} (7), a data size (UI8 + 1, or
 * UI16 + 1 after 255), the data, then a byte whose high nibble is the ModEx type and low nibble the next packet
 * type. Type 0 is {@code TimestampOffsetNano}: its first 3 bytes (UI24) are the nanosecond offset; other types are
 * skipped.
 *
 * @param packetType the packet type after the prefixes (the one given when there were none)
 * @param timestampOffsetNano the last {@code TimestampOffsetNano}, 0 without one
 * @param present whether any prefix was read
 */
record ModExPrefix(int packetType, int timestampOffsetNano, boolean present) {
    /** The numeric {@code ModEx} packet type, the same for audio and video. */
    static final int MOD_EX = 7;

    /**
     * Reads the prefixes at the cursor.
     *
     * @param c positioned after the byte that held {@code packetType}
     * @param body the tag body {@code c} reads (for the offset's bytes)
     * @param packetType the packet type read so far
     * @return the prefixes; the cursor is after them
     * @throws FlvFormatException for a body that ends inside a prefix (with the offset)
     */
    static ModExPrefix read(TagBodyCursor c, ByteBuffer body, int packetType) throws FlvFormatException {
        int pt = packetType;
        int nano = 0;
        boolean modEx = false;
        while (pt == MOD_EX) {
            modEx = true;
            int size = c.u8() + 1;
            if (size == 256) {
                size = c.u16() + 1;
            }
            int dataAt = c.position();
            c.skip(size);
            int next = c.u8();
            if ((next >> 4) == 0 && size >= 3) {
                nano = ((body.get(body.position() + dataAt) & 0xFF) << 16)
                        | ((body.get(body.position() + dataAt + 1) & 0xFF) << 8)
                        | (body.get(body.position() + dataAt + 2) & 0xFF);
            }
            pt = next & 0x0F;
        }
        return new ModExPrefix(pt, nano, modEx);
    }
}
