package org.rtmp4j.flv.media;

/**
 * The E-RTMP audio packet type (E-RTMP v2, Enhanced Audio, {@code enum AudioPacketType}): the
 * lower 4 bits of the first byte when SoundFormat is 9 (ExHeader). Legacy {@code AACPacketType}
 * 0 and 1 (FLV 10.1 §E.4.2.1) map to {@link #SEQUENCE_START} and {@link #CODED_FRAMES}.
 */
public enum AudioPacketType {
    /** Codec configuration (sequence header), e.g. AudioSpecificConfig or Opus ID header. */
    SEQUENCE_START(0),
    /** Coded audio frames. */
    CODED_FRAMES(1),
    /** End of sequence. */
    SEQUENCE_END(2),
    /** Channel order, channel count and channel mapping or flags. */
    MULTICHANNEL_CONFIG(4),
    /** Turns on multitrack mode; the real packet type follows. */
    MULTITRACK(5),
    /** Modifier/extension data precedes the real packet type. */
    MOD_EX(7);

    private final int id;

    AudioPacketType(int id) {
        this.id = id;
    }

    /**
     * Returns the numeric packet type.
     *
     * @return the 4-bit value
     */
    public int id() {
        return id;
    }

    /**
     * Returns the packet type for a numeric value.
     *
     * @param id the 4-bit value
     * @return the packet type, or {@code null} if reserved (3, 6, 8..15)
     */
    public static AudioPacketType of(int id) {
        for (AudioPacketType t : values()) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }
}
