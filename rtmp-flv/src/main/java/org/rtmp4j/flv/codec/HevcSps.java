package org.rtmp4j.flv.codec;

import java.nio.ByteBuffer;
import org.rtmp4j.flv.FlvFormatException;

/**
 * The fields of an H.265 sequence parameter set that describe a stream (ITU-T H.265 §7.3.2.2.1,
 * profile_tier_level §7.3.3).
 *
 * <p>Width and height are pic_width/height_in_luma_samples minus the conformance window offsets
 * scaled by SubWidthC/SubHeightC (§7.4.3.2.1). Parsing stops after the bit depths, so the frame
 * rate (which sits in the VUI after the reference picture sets) is not read here; use the
 * configuration record's avgFrameRate or the metadata. Immutable.
 *
 * @param generalProfileSpace general_profile_space
 * @param generalTierFlag general_tier_flag (false Main tier, true High tier)
 * @param generalProfileIdc general_profile_idc (1 Main, 2 Main 10, 3 Main Still Picture, 4 RExt)
 * @param generalLevelIdc general_level_idc (30 × level, e.g. 93 for level 3.1)
 * @param chromaFormatIdc chroma_format_idc (0..3)
 * @param codedWidth pic_width_in_luma_samples
 * @param codedHeight pic_height_in_luma_samples
 * @param width width after the conformance window
 * @param height height after the conformance window
 * @param bitDepthLuma luma bit depth
 * @param bitDepthChroma chroma bit depth
 */
public record HevcSps(int generalProfileSpace, boolean generalTierFlag, int generalProfileIdc,
        int generalLevelIdc, int chromaFormatIdc, int codedWidth, int codedHeight, int width,
        int height, int bitDepthLuma, int bitDepthChroma) {

    private static final String WHAT = "HEVC SPS";

    /**
     * Parses an SPS NAL unit (starting with its 2-byte NAL header, type 33); emulation
     * prevention bytes are removed first.
     *
     * @param nal the NAL unit; position kept
     * @return the fields
     * @throws FlvFormatException if not an SPS, truncated, or out of range; the offset is within
     *     the unescaped NAL unit
     */
    public static HevcSps parse(ByteBuffer nal) throws FlvFormatException {
        BitReader r = new BitReader(BitReader.unescapeRbsp(nal), WHAT);
        r.skip(1);
        int type = r.u(6);
        if (type != 33) {
            throw new FlvFormatException(0, WHAT + ": NAL unit type " + type + ", expected 33");
        }
        r.skip(9); // nuh_layer_id, nuh_temporal_id_plus1
        r.skip(4); // sps_video_parameter_set_id
        int maxSubLayersMinus1 = r.u(3);
        if (maxSubLayersMinus1 > 6) {
            throw new FlvFormatException(r.byteOffset(), WHAT + ": sps_max_sub_layers_minus1 "
                    + maxSubLayersMinus1 + " exceeds 6");
        }
        r.skip(1); // sps_temporal_id_nesting_flag
        int profileSpace = r.u(2);
        boolean tier = r.flag();
        int profileIdc = r.u(5);
        r.skip(32); // general_profile_compatibility_flags
        r.skip(48); // progressive, interlaced, non_packed, frame_only + 43 + 1 bits
        int levelIdc = r.u(8);
        boolean[] profilePresent = new boolean[maxSubLayersMinus1];
        boolean[] levelPresent = new boolean[maxSubLayersMinus1];
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            profilePresent[i] = r.flag();
            levelPresent[i] = r.flag();
        }
        if (maxSubLayersMinus1 > 0) {
            r.skip(2L * (8 - maxSubLayersMinus1)); // reserved_zero_2bits
        }
        for (int i = 0; i < maxSubLayersMinus1; i++) {
            if (profilePresent[i]) {
                r.skip(88);
            }
            if (levelPresent[i]) {
                r.skip(8);
            }
        }
        H264Sps.check(r, r.ue(), 15, "sps_seq_parameter_set_id");
        int chroma = H264Sps.check(r, r.ue(), 3, "chroma_format_idc");
        boolean separate = chroma == 3 && r.flag();
        int codedWidth = H264Sps.check(r, r.ue(), 65535, "pic_width_in_luma_samples");
        int codedHeight = H264Sps.check(r, r.ue(), 65535, "pic_height_in_luma_samples");
        if (codedWidth == 0 || codedHeight == 0) {
            throw new FlvFormatException(r.byteOffset(), WHAT + ": zero picture size");
        }
        int width = codedWidth;
        int height = codedHeight;
        if (r.flag()) { // conformance_window_flag
            int chromaArrayType = separate ? 0 : chroma;
            int subWidth = chromaArrayType == 1 || chromaArrayType == 2 ? 2 : 1;
            int subHeight = chromaArrayType == 1 ? 2 : 1;
            long left = r.ue();
            long right = r.ue();
            long top = r.ue();
            long bottom = r.ue();
            long w = codedWidth - subWidth * (left + right);
            long h = codedHeight - subHeight * (top + bottom);
            if (w <= 0 || h <= 0) {
                throw new FlvFormatException(r.byteOffset(), WHAT + ": conformance window leaves "
                        + w + "x" + h);
            }
            width = (int) w;
            height = (int) h;
        }
        int depthLuma = 8 + H264Sps.check(r, r.ue(), 8, "bit_depth_luma_minus8");
        int depthChroma = 8 + H264Sps.check(r, r.ue(), 8, "bit_depth_chroma_minus8");
        return new HevcSps(profileSpace, tier, profileIdc, levelIdc, chroma, codedWidth,
                codedHeight, width, height, depthLuma, depthChroma);
    }
}
