package org.rtmp4j.flv.media;

/**
 * E-RTMP video FourCC values (E-RTMP v2, Enhanced Video, {@code enum VideoFourCc}), kept as
 * 4-character strings so that unknown codecs still pass through.
 */
public final class VideoFourCc {
    /** VP8. */
    public static final String VP8 = "vp08";
    /** VP9. */
    public static final String VP9 = "vp09";
    /** AV1. */
    public static final String AV1 = "av01";
    /** H.264 / AVC. */
    public static final String AVC = "avc1";
    /** H.265 / HEVC. */
    public static final String HEVC = "hvc1";
    /** H.266 / VVC. */
    public static final String VVC = "vvc1";

    private VideoFourCc() {}

    /**
     * Returns a short codec name.
     *
     * @param fourCc the FourCC
     * @return "vp8", "vp9", "av1", "h264", "hevc", "vvc", or the FourCC itself if unknown
     */
    public static String codecName(String fourCc) {
        switch (fourCc) {
            case VP8: return "vp8";
            case VP9: return "vp9";
            case AV1: return "av1";
            case AVC: return "h264";
            case HEVC: return "hevc";
            case VVC: return "vvc";
            default: return fourCc;
        }
    }

    /**
     * Tells whether {@code CodedFrames} of this codec carry an SI24 composition time offset.
     *
     * @param fourCc the FourCC
     * @return true for avc1, hvc1 and vvc1
     */
    public static boolean hasCompositionTime(String fourCc) {
        return AVC.equals(fourCc) || HEVC.equals(fourCc) || VVC.equals(fourCc);
    }
}
