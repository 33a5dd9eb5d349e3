package org.rtmp4j.live;

/**
 * How the relay treats one audio or video message (FLV 10.1 §E.4.2, §E.4.3; E-RTMP v2), decided once
 * per published message ({@link LiveMedia#kind()}) for every output.
 */
public enum MediaKind {
    /** AVC/HEVC decoder configuration or E-RTMP SequenceStart: kept as the video sequence header. */
    VIDEO_SEQUENCE_HEADER,
    /** A coded video keyframe: starts a new GOP. */
    VIDEO_KEY_FRAME,
    /** Any other well-formed video: inter frames, command frames, sequence end, metadata. */
    VIDEO_FRAME,
    /**
     * Video whose tag body is not well-formed ({@link org.rtmp4j.flv.media.VideoTagValidator}):
     * changes no codec state (E-RTMP gate, sequence headers, GOP, media info) and is not relayed.
     */
    VIDEO_MALFORMED,
    /** AAC AudioSpecificConfig or E-RTMP audio SequenceStart: kept as the audio sequence header. */
    AUDIO_SEQUENCE_HEADER,
    /** Any other audio. */
    AUDIO_FRAME;

    /** @return whether this is a video kind */
    public boolean isVideo() {
        return this == VIDEO_SEQUENCE_HEADER || this == VIDEO_KEY_FRAME || this == VIDEO_FRAME || this == VIDEO_MALFORMED;
    }

    /** @return whether this is a sequence header (audio or video): never dropped for a slow output */
    public boolean isSequenceHeader() {
        return this == VIDEO_SEQUENCE_HEADER || this == AUDIO_SEQUENCE_HEADER;
    }
}
