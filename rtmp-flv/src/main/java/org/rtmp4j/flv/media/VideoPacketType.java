package org.rtmp4j.flv.media;

/**
 * The E-RTMP video packet type (E-RTMP v2, Enhanced Video, {@code enum VideoPacketType}): the
 * lower 4 bits of the first byte when the ExHeader bit is set. Legacy AVC/HEVC
 * {@code AVCPacketType} values 0, 1 and 2 (FLV 10.1 §E.4.3.1) map to {@link #SEQUENCE_START},
 * {@link #CODED_FRAMES} and {@link #SEQUENCE_END}.
 */
public enum VideoPacketType {
    /** Decoder configuration record (sequence header). */
    SEQUENCE_START(0),
    /** Coded frames, with an SI24 composition time for avc1, hvc1 and vvc1. */
    CODED_FRAMES(1),
    /** End of sequence. */
    SEQUENCE_END(2),
    /** Coded frames with an implicit composition time of 0. */
    CODED_FRAMES_X(3),
    /** AMF-encoded metadata such as {@code colorInfo}; the frame type is ignored. */
    METADATA(4),
    /** MPEG-2 TS sequence start (AV1 video descriptor). */
    MPEG2TS_SEQUENCE_START(5),
    /** Turns on multitrack mode; the real packet type follows. */
    MULTITRACK(6),
    /** Modifier/extension data precedes the real packet type. */
    MOD_EX(7);

    private static final VideoPacketType[] BY_ID = values();

    private final int id;

    VideoPacketType(int id) {
        this.id = id;
    }

    /**
     * Returns the numeric packet type.
     *
     * @return 0..7
     */
    public int id() {
        return id;
    }

    /**
     * Returns the packet type for a numeric value.
     *
     * @param id the 4-bit value
     * @return the packet type, or {@code null} if reserved (8..15)
     */
    public static VideoPacketType of(int id) {
        return id >= 0 && id < BY_ID.length ? BY_ID[id] : null;
    }
}
