package org.rtmp4j.flv.ts;

/**
 * Encodes the header of a PES packet (ISO/IEC 13818-1 §2.4.3.6–7): packet_start_code_prefix,
 * stream_id, PES_packet_length, the flags ('10', data_alignment_indicator 1, PTS_DTS_flags) and
 * the PTS, plus the DTS when it differs from the PTS. Stateless and thread-safe.
 */
final class PesHeader {
    /** stream_id of the first MPEG video stream (§2.4.3.7, Table 2-22: 1110 xxxx). */
    static final int STREAM_ID_VIDEO = 0xE0;
    /** stream_id of the first MPEG audio stream (Table 2-22: 110x xxxx). */
    static final int STREAM_ID_AUDIO = 0xC0;
    /** Largest header written: 9 fixed bytes, a 5-byte PTS and a 5-byte DTS. */
    static final int MAX_SIZE = 19;
    /** Mask of a 33-bit PTS, DTS or PCR base. */
    static final long MASK_33 = 0x1FFFFFFFFL;

    private PesHeader() {}

    /**
     * Encodes a PES header.
     *
     * @param streamId the stream_id
     * @param payloadLength the PES payload bytes that follow the header
     * @param pts the presentation time stamp in 90 kHz units (taken modulo 2^33)
     * @param dts the decoding time stamp in 90 kHz units (taken modulo 2^33); written only when
     *     it differs from {@code pts}
     * @return the header bytes; PES_packet_length is 0 (unbounded, allowed for video only) when
     *     the packet would exceed 65,535 bytes
     */
    static byte[] encode(int streamId, int payloadLength, long pts, long dts) {
        boolean withDts = (pts & MASK_33) != (dts & MASK_33);
        int dataLength = withDts ? 10 : 5;
        byte[] h = new byte[9 + dataLength];
        h[2] = 1;                                       // packet_start_code_prefix 00 00 01
        h[3] = (byte) streamId;
        int packetLength = 3 + dataLength + payloadLength;   // bytes after PES_packet_length
        if (packetLength <= 0xFFFF) {
            h[4] = (byte) (packetLength >> 8);
            h[5] = (byte) packetLength;
        }
        h[6] = (byte) 0x84;                             // '10', data_alignment_indicator 1
        h[7] = (byte) (withDts ? 0xC0 : 0x80);          // PTS_DTS_flags '11' or '10'
        h[8] = (byte) dataLength;                       // PES_header_data_length
        timestamp(h, 9, withDts ? 0b0011 : 0b0010, pts);
        if (withDts) {
            timestamp(h, 14, 0b0001, dts);
        }
        return h;
    }

    /**
     * Writes a 5-byte time stamp: 4-bit prefix, bits 32..30, marker, bits 29..15, marker,
     * bits 14..0, marker.
     */
    private static void timestamp(byte[] h, int at, int prefix, long value) {
        long v = value & MASK_33;
        h[at] = (byte) (prefix << 4 | (int) (v >>> 29) & 0x0E | 1);
        h[at + 1] = (byte) (v >>> 22);
        h[at + 2] = (byte) ((v >>> 14) & 0xFE | 1);
        h[at + 3] = (byte) (v >>> 7);
        h[at + 4] = (byte) ((v << 1) & 0xFE | 1);
    }
}
