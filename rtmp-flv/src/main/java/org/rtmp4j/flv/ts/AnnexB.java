package org.rtmp4j.flv.ts;

import java.nio.ByteBuffer;
import java.util.List;
import org.rtmp4j.flv.FlvFormatException;

/**
 * Turns one coded video frame of an FLV tag (NAL units each preceded by a big-endian length of
 * 1, 2 or 4 bytes, ISO/IEC 14496-15 §5.3.2 / §8.3.2) into an access unit in the byte stream
 * format of ITU-T H.264 Annex B / H.265 Annex B: an access unit delimiter first (H.264
 * §7.3.2.4, H.265 §7.3.2.5), then for a keyframe the parameter sets of the sequence header, then
 * the frame's NAL units, each after a 4-byte start code 00 00 00 01. Access unit delimiters
 * already in the frame are left out (the one written first replaces them); zero-length NAL units
 * are skipped. The NAL unit bytes are not copied here: the result is a list of read-only views.
 * Stateless and thread-safe.
 */
final class AnnexB {
    private static final ByteBuffer START_CODE =
            ByteBuffer.wrap(new byte[] {0, 0, 0, 1}).asReadOnlyBuffer();
    /** H.264 AUD: nal_unit_type 9, primary_pic_type 7 (any slice type), rbsp stop bit. */
    private static final ByteBuffer AUD_H264 =
            ByteBuffer.wrap(new byte[] {0x09, (byte) 0xF0}).asReadOnlyBuffer();
    /** H.265 AUD: nal_unit_type 35, nuh_temporal_id_plus1 1, pic_type 2 (I, P, B), stop bit. */
    private static final ByteBuffer AUD_HEVC =
            ByteBuffer.wrap(new byte[] {0x46, 0x01, 0x50}).asReadOnlyBuffer();
    private static final int H264_AUD_TYPE = 9;
    private static final int HEVC_AUD_TYPE = 35;

    private AnnexB() {}

    /**
     * Appends the access unit's pieces to {@code out}.
     *
     * @param frame the length-prefixed NAL units (remaining bytes; position kept)
     * @param lengthSize the NAL unit length size from the decoder configuration record (1..4)
     * @param hevc true for H.265, false for H.264
     * @param parameterSets NAL units to put after the delimiter (VPS, SPS, PPS for a keyframe),
     *     or an empty list
     * @param out receives read-only views: start codes, the delimiter, parameter sets, NAL units
     * @return the number of bytes appended
     * @throws FlvFormatException if a length prefix is truncated or runs past the frame's end, or
     *     the frame holds no NAL unit besides delimiters and empty ones; the offset is 0-based within {@code frame}; nothing is appended then
     */
    static int convert(ByteBuffer frame, int lengthSize, boolean hevc, List<ByteBuffer> parameterSets,
            List<ByteBuffer> out) throws FlvFormatException {
        int mark = out.size();
        int total = 0;
        try {
            total += add(out, START_CODE);
            total += add(out, hevc ? AUD_HEVC : AUD_H264);
            for (ByteBuffer ps : parameterSets) {
                if (ps.hasRemaining()) {
                    total += add(out, START_CODE);
                    total += add(out, ps);
                }
            }
            int nalUnits = 0;
            int base = frame.position();
            int end = frame.limit();
            int at = base;
            while (at < end) {
                if (end - at < lengthSize) {
                    throw new FlvFormatException(at - base, "NAL unit length prefix truncated: "
                            + lengthSize + " byte(s) needed, " + (end - at) + " left");
                }
                long size = 0;
                for (int i = 0; i < lengthSize; i++) {
                    size = size << 8 | (frame.get(at + i) & 0xFF);
                }
                int nalAt = at + lengthSize;
                if (size > end - nalAt) {
                    throw new FlvFormatException(at - base, "NAL unit of " + size
                            + " bytes runs past the frame's end (" + (end - nalAt) + " left)");
                }
                at = nalAt + (int) size;
                if (size == 0 || isDelimiter(frame.get(nalAt), hevc)) {
                    continue;
                }
                nalUnits++;
                total += add(out, START_CODE);
                total += add(out, frame.duplicate().limit(at).position(nalAt).slice());
            }
            if (nalUnits == 0) {
                throw new FlvFormatException(0, "frame holds no NAL unit besides delimiters");
            }
            return total;
        } catch (FlvFormatException e) {
            out.subList(mark, out.size()).clear();
            throw e;
        }
    }

    private static boolean isDelimiter(byte header, boolean hevc) {
        return hevc ? (header >> 1 & 0x3F) == HEVC_AUD_TYPE : (header & 0x1F) == H264_AUD_TYPE;
    }

    private static int add(List<ByteBuffer> out, ByteBuffer piece) {
        out.add(piece.duplicate());
        return piece.remaining();
    }
}
