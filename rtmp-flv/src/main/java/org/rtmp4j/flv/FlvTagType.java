package org.rtmp4j.flv;

/**
 * The FLV tag type (FLV 10.1 §E.4.1, field {@code TagType}, UB[5]). The values equal the RTMP
 * message type ids of audio (8), video (9), AMF3 data (15) and AMF0 data (18) messages; type 15
 * is the AMF3 script data tag that E-RTMP adds to FLV (E-RTMP v2, "Enabling AMF3 in FLV").
 */
public enum FlvTagType {
    /** Audio tag, {@code AUDIODATA} (FLV 10.1 §E.4.2). */
    AUDIO(8),
    /** Video tag, {@code VIDEODATA} (FLV 10.1 §E.4.3). */
    VIDEO(9),
    /**
     * Script data tag in AMF3 (E-RTMP v2, "Enabling AMF3 in FLV"): the body is laid out like an
     * RTMP AMF3 data message (RTMP 1.0 §7.1.2), a 0x00 format byte followed by AMF0 values, each
     * of which may be an AVM+ switch (0x11) to one AMF3 value (AMF0 §3.1). See
     * {@link org.rtmp4j.flv.media.Amf3ScriptData}.
     */
    SCRIPT_AMF3(15),
    /** Script data tag, {@code SCRIPTDATA} in AMF0 (FLV 10.1 §E.4.4). */
    SCRIPT(18);

    private final int id;

    FlvTagType(int id) {
        this.id = id;
    }

    /**
     * Returns the numeric tag type.
     *
     * @return 8, 9, 15 or 18
     */
    public int id() {
        return id;
    }

    /**
     * Tells whether this is a script data tag, AMF0 ({@link #SCRIPT}) or AMF3
     * ({@link #SCRIPT_AMF3}).
     *
     * @return true for types 15 and 18
     */
    public boolean isScript() {
        return this == SCRIPT || this == SCRIPT_AMF3;
    }

    /**
     * Returns the tag type for a numeric id.
     *
     * @param id the 5-bit tag type
     * @return the tag type
     * @throws IllegalArgumentException if {@code id} is not 8, 9, 15 or 18
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
            case 15:
                return SCRIPT_AMF3;
            case 18:
                return SCRIPT;
            default:
                return null;
        }
    }
}
