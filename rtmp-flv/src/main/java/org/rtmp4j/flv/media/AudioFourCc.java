package org.rtmp4j.flv.media;

/**
 * E-RTMP audio FourCC values (E-RTMP v2, Enhanced Audio, {@code enum AudioFourCc}), kept as
 * 4-character strings so that unknown codecs still pass through.
 */
public final class AudioFourCc {
    /** AC-3. */
    public static final String AC3 = "ac-3";
    /** E-AC-3. */
    public static final String EAC3 = "ec-3";
    /** Opus. */
    public static final String OPUS = "Opus";
    /** MP3. */
    public static final String MP3 = ".mp3";
    /** FLAC. */
    public static final String FLAC = "fLaC";
    /** AAC. */
    public static final String AAC = "mp4a";

    private AudioFourCc() {}

    /**
     * Returns a short codec name.
     *
     * @param fourCc the FourCC
     * @return "ac3", "eac3", "opus", "mp3", "flac", "aac", or the FourCC itself if unknown
     */
    public static String codecName(String fourCc) {
        switch (fourCc) {
            case AC3: return "ac3";
            case EAC3: return "eac3";
            case OPUS: return "opus";
            case MP3: return "mp3";
            case FLAC: return "flac";
            case AAC: return "aac";
            default: return fourCc;
        }
    }
}
