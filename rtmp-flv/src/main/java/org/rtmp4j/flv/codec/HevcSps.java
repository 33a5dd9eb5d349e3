package org.rtmp4j.flv.codec;

import java.nio.ByteBuffer;
import org.rtmp4j.flv.FlvFormatException;

/**
 * The fields of an H.265 sequence parameter set that describe a stream (ITU-T H.265 §7.3.2.2.1,
 * profile_tier_level §7.3.3).
 *
 * <p>Width and height are pic_width/height_in_luma_samples minus the conformance window offsets
 * scaled by SubWidthC/SubHeightC (§7.4.3.2.1). The frame rate is vui_time_scale /
 * vui_num_units_in_tick when the VUI signals timing (§E.2.1); reaching the VUI means walking the
 * coding block sizes, scaling lists, PCM and short-term reference picture sets (§7.3.7). That
 * optional tail is read leniently: if it is truncated or out of range the frame rate is
 * {@code NaN} and the fields before it are still returned. Immutable.
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
 * @param frameRate frames per second from the VUI timing info, or {@code NaN}
 */
public record HevcSps(int generalProfileSpace, boolean generalTierFlag, int generalProfileIdc,
        int generalLevelIdc, int chromaFormatIdc, int codedWidth, int codedHeight, int width,
        int height, int bitDepthLuma, int bitDepthChroma, double frameRate) {

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
        double frameRate;
        try {
            frameRate = vuiFrameRate(r, maxSubLayersMinus1);
        } catch (FlvFormatException e) {
            frameRate = Double.NaN;
        }
        return new HevcSps(profileSpace, tier, profileIdc, levelIdc, chroma, codedWidth,
                codedHeight, width, height, depthLuma, depthChroma, frameRate);
    }

    /** Walks from log2_max_pic_order_cnt_lsb_minus4 to the VUI timing info. */
    private static double vuiFrameRate(BitReader r, int maxSubLayersMinus1)
            throws FlvFormatException {
        int log2MaxPocLsb = H264Sps.check(r, r.ue(), 12, "log2_max_pic_order_cnt_lsb_minus4") + 4;
        boolean subLayerOrdering = r.flag();
        for (int i = subLayerOrdering ? 0 : maxSubLayersMinus1; i <= maxSubLayersMinus1; i++) {
            r.ue();
            r.ue();
            r.ue();
        }
        for (int i = 0; i < 6; i++) {
            r.ue(); // block sizes and transform hierarchy depths
        }
        if (r.flag() && r.flag()) { // scaling_list_enabled_flag, sps_scaling_list_data_present
            skipScalingListData(r);
        }
        r.skip(2); // amp_enabled_flag, sample_adaptive_offset_enabled_flag
        if (r.flag()) { // pcm_enabled_flag
            r.skip(8);
            r.ue();
            r.ue();
            r.skip(1);
        }
        int sets = H264Sps.check(r, r.ue(), 64, "num_short_term_ref_pic_sets");
        int[] numDeltaPocs = new int[sets];
        for (int i = 0; i < sets; i++) {
            if (i != 0 && r.flag()) { // inter_ref_pic_set_prediction_flag
                r.skip(1);
                r.ue();
                int count = 0;
                for (int j = 0; j <= numDeltaPocs[i - 1]; j++) {
                    boolean used = r.flag();
                    if (used || r.flag()) {
                        count++;
                    }
                }
                numDeltaPocs[i] = count;
            } else {
                int negative = H264Sps.check(r, r.ue(), 16, "num_negative_pics");
                int positive = H264Sps.check(r, r.ue(), 16, "num_positive_pics");
                for (int j = 0; j < negative + positive; j++) {
                    r.ue();
                    r.skip(1);
                }
                numDeltaPocs[i] = negative + positive;
            }
        }
        if (r.flag()) { // long_term_ref_pics_present_flag
            int lt = H264Sps.check(r, r.ue(), 32, "num_long_term_ref_pics_sps");
            r.skip((long) lt * (log2MaxPocLsb + 1));
        }
        r.skip(2); // sps_temporal_mvp_enabled_flag, strong_intra_smoothing_enabled_flag
        if (!r.flag()) { // vui_parameters_present_flag
            return Double.NaN;
        }
        if (r.flag() && r.u(8) == 255) { // aspect_ratio_info_present_flag, aspect_ratio_idc
            r.skip(32);
        }
        if (r.flag()) { // overscan_info_present_flag
            r.skip(1);
        }
        if (r.flag()) { // video_signal_type_present_flag
            r.skip(4);
            if (r.flag()) {
                r.skip(24);
            }
        }
        if (r.flag()) { // chroma_loc_info_present_flag
            r.ue();
            r.ue();
        }
        r.skip(3); // neutral_chroma_indication, field_seq, frame_field_info_present
        if (r.flag()) { // default_display_window_flag
            for (int i = 0; i < 4; i++) {
                r.ue();
            }
        }
        if (!r.flag()) { // vui_timing_info_present_flag
            return Double.NaN;
        }
        long unitsInTick = r.bits(32);
        long timeScale = r.bits(32);
        return unitsInTick > 0 && timeScale > 0 ? (double) timeScale / unitsInTick : Double.NaN;
    }

    private static void skipScalingListData(BitReader r) throws FlvFormatException {
        for (int sizeId = 0; sizeId < 4; sizeId++) {
            for (int matrixId = 0; matrixId < 6; matrixId += sizeId == 3 ? 3 : 1) {
                if (!r.flag()) { // scaling_list_pred_mode_flag
                    r.ue();
                } else {
                    int coefNum = Math.min(64, 1 << (4 + (sizeId << 1)));
                    if (sizeId > 1) {
                        r.se();
                    }
                    for (int i = 0; i < coefNum; i++) {
                        r.se();
                    }
                }
            }
        }
    }
}
