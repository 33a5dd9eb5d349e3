package org.rtmp4j.flv.media;

import org.rtmp4j.flv.FlvFormatException;

/**
 * The start of an E-RTMP multitrack audio or video tag body after its {@code Multitrack} packet type
 * (E-RTMP v2, Multitrack): {@code AvMultitrackType (UB[4]) | inner packet type (UB[4])}, the FourCC (the
 * shared one, or the first track's when every track has its own codec), the first track's id (UI8) and,
 * unless {@code ONE_TRACK}, the first track's size (UI24, read and skipped).
 *
 * @param type       the multitrack type
 * @param packetType the packet type of the tracks' data
 * @param fourCc     the shared FourCC, or the first track's
 * @param trackId    the first track's id
 * @param <T>        {@link AudioPacketType} or {@link VideoPacketType}
 */
record MultitrackPrefix<T>(AvMultitrackType type, T packetType, String fourCc, int trackId) {
    /** Maps a 4-bit packet type to its enum, or throws for a reserved value (at the byte just read). */
    @FunctionalInterface
    interface PacketTypeReader<T> {
        T read(TagBodyCursor c, int packetType) throws FlvFormatException;
    }

    /**
     * Reads the prefix at the cursor.
     *
     * @param c            positioned at the AvMultitrackType byte
     * @param multitrackId the numeric {@code Multitrack} packet type, which may not nest
     * @param packetTypes  the audio or video packet-type mapping
     * @return the prefix; the cursor is after it
     * @throws FlvFormatException (offset of the AvMultitrackType byte) for a reserved multitrack type or a nested
     *                            {@code Multitrack}, from {@code packetTypes} for a reserved packet type, or for a
     *                            body that ends inside the prefix
     */
    static <T> MultitrackPrefix<T> read(TagBodyCursor c, int multitrackId, PacketTypeReader<T> packetTypes)
            throws FlvFormatException {
        int at = c.position();
        int b = c.u8();
        AvMultitrackType type = AvMultitrackType.of(b >> 4);
        if (type == null) {
            throw c.error(at, "reserved AvMultitrackType " + (b >> 4));
        }
        if ((b & 0x0F) == multitrackId) {
            throw c.error(at, "nested Multitrack packet type");
        }
        T packetType = packetTypes.read(c, b & 0x0F);
        String fourCc = c.fourCc();
        int trackId = c.u8();
        if (type != AvMultitrackType.ONE_TRACK) {
            c.u24(); // the first track's size
        }
        return new MultitrackPrefix<>(type, packetType, fourCc, trackId);
    }
}
