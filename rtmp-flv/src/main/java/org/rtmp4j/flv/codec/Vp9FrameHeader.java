package org.rtmp4j.flv.codec;

import java.nio.ByteBuffer;
import org.rtmp4j.flv.FlvFormatException;

/**
 * The start of a VP9 frame's uncompressed header (VP9 Bitstream Specification v0.6 §6.2,
 * {@code uncompressed_header()}), as far as a key frame's picture size: the payload of an E-RTMP
 * {@code vp09} {@code CodedFrames} packet. VP9's configuration record ({@link
 * Vp9CodecConfiguration}) carries no picture size; the first key frame does.
 *
 * <p>Layout (bits, MSB first): frame_marker f(2) = 2, profile_low_bit f(1), profile_high_bit
 * f(1), reserved_zero f(1) when profile 3, show_existing_frame f(1) (then frame_to_show_map_idx
 * f(3) and nothing else), frame_type f(1) (0 = key frame), show_frame f(1), error_resilient_mode
 * f(1); for key frames frame_sync_code 0x49 0x83 0x42, color_config() (ten_or_twelve_bit f(1)
 * when profile ≥ 2, color_space f(3), then unless sRGB color_range f(1) and, for profiles 1 and 3,
 * subsampling_x f(1), subsampling_y f(1), reserved_zero f(1); for sRGB in profiles 1 and 3
 * reserved_zero f(1)), frame_width_minus_1 f(16), frame_height_minus_1 f(16). A superframe starts
 * with its first frame, so the same parse applies. Immutable.
 *
 * @param profile 0..3
 * @param showExistingFrame whether the frame only repeats a decoded one (no further header)
 * @param keyFrame whether frame_type is KEY_FRAME
 * @param width picture width in pixels for key frames, else 0
 * @param height picture height in pixels for key frames, else 0
 */
public record Vp9FrameHeader(int profile, boolean showExistingFrame, boolean keyFrame, int width,
        int height) {

    private static final String WHAT = "VP9 uncompressed header";
    /** Enough bytes for the longest header prefix parsed here (73 bits). */
    private static final int MAX_PREFIX = 10;
    private static final int CS_RGB = 7;

    /**
     * Parses the header prefix of one VP9 frame.
     *
     * @param frame the frame bytes; position kept; at most the first {@value #MAX_PREFIX} bytes are read
     * @return the header fields
     * @throws FlvFormatException if the frame marker or the key frame sync code is wrong or the
     *     frame is truncated; offsets are within {@code frame}
     */
    public static Vp9FrameHeader parse(ByteBuffer frame) throws FlvFormatException {
        byte[] prefix = new byte[Math.min(MAX_PREFIX, frame.remaining())];
        frame.duplicate().get(prefix);
        BitReader r = new BitReader(prefix, WHAT);
        int marker = r.u(2);
        if (marker != 2) {
            throw new FlvFormatException(0, WHAT + ": frame_marker " + marker + ", expected 2");
        }
        int low = r.bit();
        int profile = (r.bit() << 1) | low;
        if (profile == 3) {
            r.skip(1);
        }
        if (r.flag()) {
            return new Vp9FrameHeader(profile, true, false, 0, 0);
        }
        boolean keyFrame = r.bit() == 0;
        r.skip(2); // show_frame, error_resilient_mode
        if (!keyFrame) {
            return new Vp9FrameHeader(profile, false, false, 0, 0);
        }
        int syncAt = (int) r.byteOffset();
        if (r.u(24) != 0x498342) {
            throw new FlvFormatException(syncAt, WHAT + ": bad frame_sync_code");
        }
        if (profile >= 2) {
            r.skip(1); // ten_or_twelve_bit
        }
        int colorSpace = r.u(3);
        boolean subsampling = profile == 1 || profile == 3;
        if (colorSpace != CS_RGB) {
            r.skip(subsampling ? 4 : 1); // color_range, subsampling_x, subsampling_y, reserved_zero
        } else if (subsampling) {
            r.skip(1); // reserved_zero
        }
        int width = r.u(16) + 1;
        int height = r.u(16) + 1;
        return new Vp9FrameHeader(profile, false, true, width, height);
    }
}
