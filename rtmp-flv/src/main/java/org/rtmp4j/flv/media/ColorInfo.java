package org.rtmp4j.flv.media;

import java.util.Map;

/**
 * The {@code colorInfo} object of an E-RTMP video {@code Metadata} packet (E-RTMP v2, Metadata
 * Frame): colour configuration (ISO/IEC 23091-4 code points), content light level and mastering
 * display colour volume (SMPTE ST 2086). Each part is {@code null} when absent; numbers absent
 * inside a part are {@code NaN}. Immutable.
 *
 * @param colorConfig {@code colorConfig}, or null
 * @param hdrCll {@code hdrCll}, or null
 * @param hdrMdcv {@code hdrMdcv}, or null
 */
public record ColorInfo(ColorConfig colorConfig, HdrCll hdrCll, HdrMdcv hdrMdcv) {

    /** A reset: no colour information. */
    public static final ColorInfo EMPTY = new ColorInfo(null, null, null);

    /**
     * {@code colorConfig}.
     *
     * @param bitDepth bits per colour channel (8, 10, 12)
     * @param colorPrimaries colour primaries code point 0..255
     * @param transferCharacteristics transfer characteristics code point (16 PQ, 18 HLG)
     * @param matrixCoefficients matrix coefficients code point
     */
    public record ColorConfig(double bitDepth, double colorPrimaries,
            double transferCharacteristics, double matrixCoefficients) {}

    /**
     * {@code hdrCll}, in cd/m².
     *
     * @param maxFall maximum frame-average light level
     * @param maxCll maximum content light level
     */
    public record HdrCll(double maxFall, double maxCll) {}

    /**
     * {@code hdrMdcv}: CIE 1931 xy chromaticities and luminance in cd/m².
     *
     * @param redX red x
     * @param redY red y
     * @param greenX green x
     * @param greenY green y
     * @param blueX blue x
     * @param blueY blue y
     * @param whitePointX white point x
     * @param whitePointY white point y
     * @param maxLuminance maximum display mastering luminance
     * @param minLuminance minimum display mastering luminance
     */
    public record HdrMdcv(double redX, double redY, double greenX, double greenY, double blueX,
            double blueY, double whitePointX, double whitePointY, double maxLuminance,
            double minLuminance) {}

    /**
     * Builds a value from a decoded AMF object; non-numeric properties read as {@code NaN}.
     *
     * @param m the decoded {@code colorInfo} object
     * @return the typed value
     */
    public static ColorInfo of(Map<?, ?> m) {
        Map<?, ?> cc = map(m.get("colorConfig"));
        Map<?, ?> cll = map(m.get("hdrCll"));
        Map<?, ?> md = map(m.get("hdrMdcv"));
        return new ColorInfo(
                cc == null ? null : new ColorConfig(n(cc, "bitDepth"), n(cc, "colorPrimaries"),
                        n(cc, "transferCharacteristics"), n(cc, "matrixCoefficients")),
                cll == null ? null : new HdrCll(n(cll, "maxFall"), n(cll, "maxCLL")),
                md == null ? null : new HdrMdcv(n(md, "redX"), n(md, "redY"), n(md, "greenX"),
                        n(md, "greenY"), n(md, "blueX"), n(md, "blueY"), n(md, "whitePointX"),
                        n(md, "whitePointY"), n(md, "maxLuminance"), n(md, "minLuminance")));
    }

    private static Map<?, ?> map(Object o) {
        return o instanceof Map ? (Map<?, ?>) o : null;
    }

    private static double n(Map<?, ?> m, String key) {
        Object v = m.get(key);
        return v instanceof Number ? ((Number) v).doubleValue() : Double.NaN;
    }
}
