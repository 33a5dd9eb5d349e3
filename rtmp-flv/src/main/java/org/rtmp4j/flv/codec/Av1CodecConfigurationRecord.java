package org.rtmp4j.flv.codec;

import java.nio.ByteBuffer;
import org.rtmp4j.flv.FlvFormatException;

/**
 * AV1CodecConfigurationRecord (AV1 Codec ISO Media File Format Binding §2.3.3, "av1C"), the body
 * of an E-RTMP {@code SequenceStart} for {@code av01}.
 *
 * <p>Layout: marker UB[1] (1) | version UB[7] (1); seq_profile UB[3] | seq_level_idx_0 UB[5];
 * seq_tier_0 UB[1] | high_bitdepth UB[1] | twelve_bit UB[1] | monochrome UB[1] |
 * chroma_subsampling_x UB[1] | chroma_subsampling_y UB[1] | chroma_sample_position UB[2];
 * reserved UB[3] | initial_presentation_delay_present UB[1] | delay_minus_one/reserved UB[4];
 * then configOBUs: zero or more OBUs, normally one sequence header OBU (AV1 §5.3: header byte
 * forbidden UB[1] | obu_type UB[4] | extension_flag UB[1] | has_size_field UB[1] | reserved
 * UB[1], an extension byte when flagged, leb128 size when has_size_field). Immutable.
 *
 * @param seqProfile seq_profile from the record
 * @param seqLevelIdx0 seq_level_idx_0 from the record
 * @param seqTier0 seq_tier_0
 * @param bitDepth 8, 10 or 12
 * @param monochrome monochrome flag
 * @param chromaSubsamplingX chroma_subsampling_x
 * @param chromaSubsamplingY chroma_subsampling_y
 * @param sequenceHeaderObuSize size in bytes of the sequence header OBU payload, or 0 if none
 * @param sequenceHeader the parsed sequence header, or {@code null} when configOBUs has none
 */
public record Av1CodecConfigurationRecord(int seqProfile, int seqLevelIdx0, int seqTier0,
        int bitDepth, boolean monochrome, int chromaSubsamplingX, int chromaSubsamplingY,
        int sequenceHeaderObuSize, Av1SequenceHeader sequenceHeader) {

    private static final String WHAT = "AV1CodecConfigurationRecord";
    private static final int OBU_SEQUENCE_HEADER = 1;

    /**
     * Parses a record and the first sequence header OBU in configOBUs.
     *
     * @param record the record bytes; position kept
     * @return the record
     * @throws FlvFormatException if truncated, the marker/version byte is not 0x81, an OBU size
     *     overruns the record, or the sequence header is truncated; offsets are within
     *     {@code record}
     */
    public static Av1CodecConfigurationRecord parse(ByteBuffer record) throws FlvFormatException {
        ByteCursor c = new ByteCursor(record, WHAT);
        int b0 = c.u8();
        if (b0 != 0x81) {
            throw c.error(0, String.format("marker/version byte 0x%02X, expected 0x81", b0));
        }
        int b1 = c.u8();
        int b2 = c.u8();
        c.u8();
        int bitDepth = (b2 & 0x40) == 0 ? 8 : ((b2 & 0x20) != 0 ? 12 : 10);
        byte[] obus = new byte[c.remaining()];
        c.rest().get(obus);
        BitReader r = new BitReader(obus, 0, obus.length, 4, WHAT + " configOBUs");
        int shSize = 0;
        Av1SequenceHeader sh = null;
        while (r.bitsLeft() > 0 && sh == null) {
            long obuAt = r.byteOffset();
            r.skip(1);
            int type = r.u(4);
            boolean extension = r.flag();
            boolean hasSize = r.flag();
            r.skip(1);
            if (extension) {
                r.skip(8);
            }
            long size = hasSize ? r.leb128() : r.bitsLeft() / 8;
            if (size * 8 > r.bitsLeft()) {
                throw new FlvFormatException(obuAt, WHAT + ": OBU of " + size + " bytes overruns"
                        + " the record (" + r.bitsLeft() / 8 + " left)");
            }
            if (type == OBU_SEQUENCE_HEADER) {
                int from = (int) (r.byteOffset() - 4);
                shSize = (int) size;
                sh = Av1SequenceHeader.parse(new BitReader(obus, from, from + shSize,
                        4 + from, "AV1 sequence header OBU"));
            } else {
                r.skip(size * 8);
            }
        }
        return new Av1CodecConfigurationRecord(b1 >> 5, b1 & 0x1F, b2 >> 7, bitDepth,
                (b2 & 0x10) != 0, (b2 >> 3) & 1, (b2 >> 2) & 1, shSize, sh);
    }
}
