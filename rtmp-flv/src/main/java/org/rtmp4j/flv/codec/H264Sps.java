package org.rtmp4j.flv.codec;

import java.nio.ByteBuffer;
import org.rtmp4j.flv.FlvFormatException;

/**
 * The fields of an H.264 sequence parameter set that describe a stream (ITU-T H.264 §7.3.2.1.1,
 * VUI §E.1.1).
 *
 * <p>Coded size: width = (pic_width_in_mbs_minus1 + 1) × 16, height = (2 − frame_mbs_only_flag)
 * × (pic_height_in_map_units_minus1 + 1) × 16. Cropped (display) size subtracts the frame
 * cropping offsets scaled by CropUnitX/CropUnitY (§7.4.2.1.1). Frame rate, when the VUI signals
 * timing, is time_scale / (2 × num_units_in_tick) frames per second. Immutable.
 *
 * @param profileIdc profile_idc (66 Baseline, 77 Main, 100 High, ...)
 * @param constraintFlags the constraint_set0..5 flags byte
 * @param levelIdc level_idc (e.g. 31 for level 3.1)
 * @param chromaFormatIdc chroma_format_idc (0 monochrome, 1 4:2:0, 2 4:2:2, 3 4:4:4)
 * @param bitDepthLuma luma bit depth (8 + bit_depth_luma_minus8)
 * @param bitDepthChroma chroma bit depth
 * @param codedWidth width in luma samples before cropping
 * @param codedHeight height in luma samples before cropping
 * @param width width after frame cropping
 * @param height height after frame cropping
 * @param frameRate frames per second from VUI timing, or {@code NaN} when not signalled
 * @param fixedFrameRate the VUI fixed_frame_rate_flag (false when not signalled)
 */
public record H264Sps(int profileIdc, int constraintFlags, int levelIdc, int chromaFormatIdc,
        int bitDepthLuma, int bitDepthChroma, int codedWidth, int codedHeight, int width,
        int height, double frameRate, boolean fixedFrameRate) {

    private static final String WHAT = "H.264 SPS";

    /**
     * Parses a sequence parameter set NAL unit (starting with its 1-byte NAL header, type 7);
     * emulation prevention bytes are removed first. Parsing stops after the VUI timing info.
     *
     * @param nal the NAL unit; its position is not moved
     * @return the parsed fields
     * @throws FlvFormatException if the NAL unit is not an SPS, is truncated, or has values
     *     outside the ranges H.264 allows; the offset is within the unescaped NAL unit
     */
    public static H264Sps parse(ByteBuffer nal) throws FlvFormatException {
        byte[] rbsp = BitReader.unescapeRbsp(nal);
        BitReader r = new BitReader(rbsp, WHAT);
        r.skip(1);
        r.skip(2);
        int type = r.u(5);
        if (type != 7) {
            throw new FlvFormatException(0, WHAT + ": NAL unit type " + type + ", expected 7");
        }
        int profile = r.u(8);
        int constraints = r.u(8);
        int level = r.u(8);
        check(r, r.ue(), 31, "seq_parameter_set_id");
        int chroma = 1;
        boolean separatePlanes = false;
        int depthLuma = 8;
        int depthChroma = 8;
        if (hasChromaInfo(profile)) {
            chroma = check(r, r.ue(), 3, "chroma_format_idc");
            if (chroma == 3) {
                separatePlanes = r.flag();
            }
            depthLuma = 8 + check(r, r.ue(), 6, "bit_depth_luma_minus8");
            depthChroma = 8 + check(r, r.ue(), 6, "bit_depth_chroma_minus8");
            r.skip(1); // qpprime_y_zero_transform_bypass_flag
            if (r.flag()) { // seq_scaling_matrix_present_flag
                int lists = chroma != 3 ? 8 : 12;
                for (int i = 0; i < lists; i++) {
                    if (r.flag()) {
                        skipScalingList(r, i < 6 ? 16 : 64);
                    }
                }
            }
        }
        check(r, r.ue(), 12, "log2_max_frame_num_minus4");
        int pocType = check(r, r.ue(), 2, "pic_order_cnt_type");
        if (pocType == 0) {
            check(r, r.ue(), 12, "log2_max_pic_order_cnt_lsb_minus4");
        } else if (pocType == 1) {
            r.skip(1);
            r.se();
            r.se();
            int cycle = check(r, r.ue(), 255, "num_ref_frames_in_pic_order_cnt_cycle");
            for (int i = 0; i < cycle; i++) {
                r.se();
            }
        }
        r.ue(); // max_num_ref_frames
        r.skip(1); // gaps_in_frame_num_value_allowed_flag
        int widthMbs = check(r, r.ue(), 8191, "pic_width_in_mbs_minus1") + 1;
        int heightMapUnits = check(r, r.ue(), 8191, "pic_height_in_map_units_minus1") + 1;
        boolean frameMbsOnly = r.flag();
        if (!frameMbsOnly) {
            r.skip(1); // mb_adaptive_frame_field_flag
        }
        r.skip(1); // direct_8x8_inference_flag
        int codedWidth = widthMbs * 16;
        int codedHeight = (frameMbsOnly ? 1 : 2) * heightMapUnits * 16;
        int width = codedWidth;
        int height = codedHeight;
        if (r.flag()) { // frame_cropping_flag
            int chromaArrayType = separatePlanes ? 0 : chroma;
            int cropUnitX = chromaArrayType == 0 ? 1 : (chromaArrayType == 3 ? 1 : 2);
            int cropUnitY = (chromaArrayType == 0 ? 1 : (chromaArrayType == 1 ? 2 : 1))
                    * (frameMbsOnly ? 1 : 2);
            long left = r.ue();
            long right = r.ue();
            long top = r.ue();
            long bottom = r.ue();
            long w = codedWidth - cropUnitX * (left + right);
            long h = codedHeight - cropUnitY * (top + bottom);
            if (w <= 0 || h <= 0) {
                throw new FlvFormatException(r.byteOffset(), WHAT + ": frame cropping leaves "
                        + w + "x" + h + " of " + codedWidth + "x" + codedHeight);
            }
            width = (int) w;
            height = (int) h;
        }
        double frameRate = Double.NaN;
        boolean fixed = false;
        if (r.flag()) { // vui_parameters_present_flag
            if (r.flag()) { // aspect_ratio_info_present_flag
                if (r.u(8) == 255) {
                    r.skip(32); // sar_width, sar_height
                }
            }
            if (r.flag()) { // overscan_info_present_flag
                r.skip(1);
            }
            if (r.flag()) { // video_signal_type_present_flag
                r.skip(4);
                if (r.flag()) { // colour_description_present_flag
                    r.skip(24);
                }
            }
            if (r.flag()) { // chroma_loc_info_present_flag
                r.ue();
                r.ue();
            }
            if (r.flag()) { // timing_info_present_flag
                long unitsInTick = r.bits(32);
                long timeScale = r.bits(32);
                fixed = r.flag();
                if (unitsInTick > 0 && timeScale > 0) {
                    frameRate = timeScale / (2.0 * unitsInTick);
                }
            }
        }
        return new H264Sps(profile, constraints, level, chroma, depthLuma, depthChroma,
                codedWidth, codedHeight, width, height, frameRate, fixed);
    }

    private static boolean hasChromaInfo(int profile) {
        switch (profile) {
            case 100: case 110: case 122: case 244: case 44: case 83: case 86: case 118:
            case 128: case 138: case 139: case 134: case 135:
                return true;
            default:
                return false;
        }
    }

    private static void skipScalingList(BitReader r, int size) throws FlvFormatException {
        int last = 8;
        int next = 8;
        for (int j = 0; j < size; j++) {
            if (next != 0) {
                int delta = r.se();
                next = ((last + delta) % 256 + 256) % 256;
            }
            last = next == 0 ? last : next;
        }
    }

    static int check(BitReader r, int value, int max, String field) throws FlvFormatException {
        if (value < 0 || value > max) {
            throw new FlvFormatException(r.byteOffset(), WHAT + ": " + field + " " + value
                    + " exceeds " + max);
        }
        return value;
    }

    /**
     * Returns the level as a decimal, e.g. 3.1 for level_idc 31.
     *
     * @return level_idc / 10
     */
    public double level() {
        return levelIdc / 10.0;
    }
}
