package org.rtmp4j.flv.codec;

import org.rtmp4j.flv.FlvFormatException;

/**
 * The leading fields of an AV1 sequence header OBU (AV1 §5.5.1), up to the maximum frame size.
 *
 * <p>Frame rate comes from timing_info (§5.5.3) when present and equal_picture_interval is set:
 * time_scale / (num_units_in_display_tick × (num_ticks_per_picture_minus_1 + 1)); otherwise when
 * only timing_info is present, time_scale / num_units_in_display_tick. Immutable.
 *
 * @param seqProfile seq_profile (0 Main, 1 High, 2 Professional)
 * @param stillPicture still_picture
 * @param seqLevelIdx seq_level_idx of operating point 0
 * @param seqTier seq_tier of operating point 0
 * @param maxFrameWidth max_frame_width_minus_1 + 1
 * @param maxFrameHeight max_frame_height_minus_1 + 1
 * @param frameRate frames per second, or {@code NaN} when not signalled
 */
public record Av1SequenceHeader(int seqProfile, boolean stillPicture, int seqLevelIdx,
        int seqTier, int maxFrameWidth, int maxFrameHeight, double frameRate) {

    /**
     * Parses the payload of a sequence header OBU (after the OBU header and size).
     *
     * @param r a reader positioned at the payload
     * @return the fields
     * @throws FlvFormatException if truncated
     */
    static Av1SequenceHeader parse(BitReader r) throws FlvFormatException {
        int profile = r.u(3);
        boolean still = r.flag();
        boolean reduced = r.flag();
        int level;
        int tier = 0;
        double frameRate = Double.NaN;
        if (reduced) {
            level = r.u(5);
        } else {
            boolean decoderModelInfoPresent = false;
            int bufferDelayLength = 0;
            if (r.flag()) { // timing_info_present_flag
                long unitsInTick = r.bits(32);
                long timeScale = r.bits(32);
                long ticksPerPicture = 1;
                if (r.flag()) { // equal_picture_interval
                    ticksPerPicture = r.uvlc() + 1;
                }
                if (unitsInTick > 0 && timeScale > 0) {
                    frameRate = timeScale / ((double) unitsInTick * ticksPerPicture);
                }
                decoderModelInfoPresent = r.flag();
                if (decoderModelInfoPresent) {
                    bufferDelayLength = r.u(5) + 1;
                    r.skip(32 + 5 + 5);
                }
            }
            boolean initialDisplayDelayPresent = r.flag();
            int points = r.u(5) + 1;
            level = 0;
            for (int i = 0; i < points; i++) {
                r.skip(12); // operating_point_idc
                int lvl = r.u(5);
                int t = lvl > 7 ? r.bit() : 0;
                if (i == 0) {
                    level = lvl;
                    tier = t;
                }
                if (decoderModelInfoPresent && r.flag()) {
                    r.skip(2L * bufferDelayLength + 1);
                }
                if (initialDisplayDelayPresent && r.flag()) {
                    r.skip(4);
                }
            }
        }
        int widthBits = r.u(4) + 1;
        int heightBits = r.u(4) + 1;
        long width = r.bits(widthBits) + 1;
        long height = r.bits(heightBits) + 1;
        return new Av1SequenceHeader(profile, still, level, tier, (int) width, (int) height,
                frameRate);
    }
}
