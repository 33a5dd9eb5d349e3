package org.rtmp4j.flv.media;

/**
 * The E-RTMP multitrack type (E-RTMP v2, Multitrack, {@code enum AvMultitrackType}), shared by
 * audio and video: the upper 4 bits of the byte after a {@code Multitrack} packet type.
 */
public enum AvMultitrackType {
    /** One track; no per-track size field. */
    ONE_TRACK(0),
    /** Several tracks with one codec (one FourCC for all). */
    MANY_TRACKS(1),
    /** Several tracks, each with its own FourCC. */
    MANY_TRACKS_MANY_CODECS(2);

    private final int id;

    AvMultitrackType(int id) {
        this.id = id;
    }

    /**
     * Returns the numeric multitrack type.
     *
     * @return 0..2
     */
    public int id() {
        return id;
    }

    /**
     * Returns the multitrack type for a numeric value.
     *
     * @param id the 4-bit value
     * @return the type, or {@code null} if reserved (3..15)
     */
    public static AvMultitrackType of(int id) {
        return id >= 0 && id < 3 ? values()[id] : null;
    }
}
