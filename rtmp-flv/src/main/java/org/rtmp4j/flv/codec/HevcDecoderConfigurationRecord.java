package org.rtmp4j.flv.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.rtmp4j.flv.FlvFormatException;

/**
 * HEVCDecoderConfigurationRecord (ISO/IEC 14496-15 §8.3.3.1), the body of an E-RTMP
 * {@code SequenceStart} for {@code hvc1} (or legacy CodecID 12 packet type 0).
 *
 * <p>Layout (23 bytes, then arrays): configurationVersion UI8, general_profile_space UB[2] |
 * general_tier_flag UB[1] | general_profile_idc UB[5], general_profile_compatibility_flags UI32,
 * general_constraint_indicator_flags UB[48], general_level_idc UI8, reserved UB[4] |
 * min_spatial_segmentation_idc UB[12], reserved UB[6] | parallelismType UB[2], reserved UB[6] |
 * chromaFormat UB[2], reserved UB[5] | bitDepthLumaMinus8 UB[3], reserved UB[5] |
 * bitDepthChromaMinus8 UB[3], avgFrameRate UI16 (frames per 256 s, 0 unspecified),
 * constantFrameRate UB[2] | numTemporalLayers UB[3] | temporalIdNested UB[1] |
 * lengthSizeMinusOne UB[2], numOfArrays UI8; each array: array_completeness UB[1] | reserved
 * UB[1] | NAL_unit_type UB[6], numNalus UI16, each NAL unit as UI16 length + bytes. Immutable.
 *
 * @param configurationVersion should be 1
 * @param generalProfileSpace general_profile_space
 * @param generalTierFlag general_tier_flag
 * @param generalProfileIdc general_profile_idc
 * @param generalLevelIdc general_level_idc
 * @param chromaFormat chroma format idc
 * @param bitDepthLuma luma bit depth
 * @param bitDepthChroma chroma bit depth
 * @param avgFrameRate avgFrameRate in frames per 256 seconds, 0 when unspecified
 * @param nalUnitLengthSize bytes of each NAL unit's length prefix in coded frames
 * @param vps the VPS NAL units (type 32)
 * @param sequenceParameterSets the SPS NAL units (type 33)
 * @param pps the PPS NAL units (type 34)
 * @param sps the first SPS parsed, or {@code null} when there is none
 */
public record HevcDecoderConfigurationRecord(int configurationVersion, int generalProfileSpace,
        boolean generalTierFlag, int generalProfileIdc, int generalLevelIdc, int chromaFormat,
        int bitDepthLuma, int bitDepthChroma, int avgFrameRate, int nalUnitLengthSize,
        List<ByteBuffer> vps, List<ByteBuffer> sequenceParameterSets, List<ByteBuffer> pps,
        HevcSps sps) {

    private static final int HEADER_SIZE = 23;

    /**
     * Copies the lists.
     *
     * @param configurationVersion version
     * @param generalProfileSpace profile space
     * @param generalTierFlag tier
     * @param generalProfileIdc profile
     * @param generalLevelIdc level
     * @param chromaFormat chroma format
     * @param bitDepthLuma luma depth
     * @param bitDepthChroma chroma depth
     * @param avgFrameRate frames per 256 s
     * @param nalUnitLengthSize length prefix size
     * @param vps VPS units
     * @param sequenceParameterSets SPS units
     * @param pps PPS units
     * @param sps parsed first SPS or null
     */
    public HevcDecoderConfigurationRecord {
        vps = List.copyOf(vps);
        sequenceParameterSets = List.copyOf(sequenceParameterSets);
        pps = List.copyOf(pps);
    }

    /**
     * Parses a record.
     *
     * @param record the record bytes; position kept
     * @return the record
     * @throws FlvFormatException if truncated, the version is 0, or the first SPS is malformed;
     *     the offset is 0-based within {@code record}
     */
    public static HevcDecoderConfigurationRecord parse(ByteBuffer record)
            throws FlvFormatException {
        ByteCursor c = new ByteCursor(record, "HEVCDecoderConfigurationRecord");
        c.require(HEADER_SIZE);
        int version = c.u8();
        if (version == 0) {
            throw c.error(0, "configurationVersion 0 (pre-standard draft layout)");
        }
        int b1 = c.u8();
        c.skip(4 + 6);
        int level = c.u8();
        c.skip(2 + 1);
        int chroma = c.u8() & 0x03;
        int depthLuma = 8 + (c.u8() & 0x07);
        int depthChroma = 8 + (c.u8() & 0x07);
        int avgFrameRate = c.u16();
        int lengthSize = (c.u8() & 0x03) + 1;
        int arrays = c.u8();
        List<ByteBuffer> vps = new ArrayList<>();
        List<ByteBuffer> sps = new ArrayList<>();
        List<ByteBuffer> pps = new ArrayList<>();
        HevcSps parsed = null;
        for (int a = 0; a < arrays; a++) {
            int type = c.u8() & 0x3F;
            int count = c.u16();
            for (int i = 0; i < count; i++) {
                int len = c.u16();
                int at = c.position();
                ByteBuffer nal = c.slice(len);
                if (type == 32) {
                    vps.add(nal);
                } else if (type == 33) {
                    sps.add(nal);
                    if (parsed == null) {
                        try {
                            parsed = HevcSps.parse(nal);
                        } catch (FlvFormatException e) {
                            throw new FlvFormatException(at + Math.max(0, e.offset()),
                                    "HEVCDecoderConfigurationRecord SPS: " + e.reason());
                        }
                    }
                } else if (type == 34) {
                    pps.add(nal);
                }
            }
        }
        return new HevcDecoderConfigurationRecord(version, b1 >> 6, (b1 & 0x20) != 0, b1 & 0x1F,
                level, chroma, depthLuma, depthChroma, avgFrameRate, lengthSize, vps, sps, pps,
                parsed);
    }

    /**
     * Returns avgFrameRate in frames per second.
     *
     * @return avgFrameRate / 256, or {@code NaN} when unspecified (0)
     */
    public double frameRate() {
        return avgFrameRate == 0 ? Double.NaN : avgFrameRate / 256.0;
    }
}
