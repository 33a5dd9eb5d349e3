package org.rtmp4j.flv;

/**
 * The FLV tag type (FLV 10.1 §E.4.1, field {@code TagType}, UB[5]). The values equal the RTMP
 * message type ids of audio (8), video (9) and AMF0 data (18) messages.
 */
public enum FlvTagType {
    /** Audio tag, {@code AUDIODATA} (FLV 10.1 §E.4.2). */
    AUDIO(8),
    /** Video tag, {@code VIDEODATA} (FLV 10.1 §E.4.3). */
    VIDEO(9),
    /** Script data tag, {@code SCRIPTDATA} in AMF0 (FLV 10.1 §E.4.4). */
    SCRIPT(18);

    private final int id;

    FlvTagType(int id) {
        this.id = id;
    }

    /**
     * Returns the numeric tag type.
     *
     * @return 8, 9 or 18
     */
    public int id() {
        return id;
    }

    /**
     * Returns the tag type for a numeric id.
     *
     * @param id the 5-bit tag type
     * @return the tag type
     * @throws IllegalArgumentException if {@code id} is not 8, 9 or 18
     */
    public static FlvTagType of(int id) {
        FlvTagType type = find(id);
        if (type == null) {
            throw new IllegalArgumentException("unknown FLV tag type " + id);
        }
        return type;
    }

    /**
     * Returns the tag type for a numeric id, or {@code null} if unknown.
     *
     * @param id the tag type
     * @return the tag type, or {@code null}
     */
    static FlvTagType find(int id) {
        switch (id) {
            case 8:
                return AUDIO;
            case 9:
                return VIDEO;
            case 18:
                return SCRIPT;
            default:
                return null;
        }
    }
}
