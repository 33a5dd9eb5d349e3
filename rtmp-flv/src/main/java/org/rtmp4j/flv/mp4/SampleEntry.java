package org.rtmp4j.flv.mp4;

/**
 * A track's sample description (ISO/IEC 14496-12 §8.5.2, the single entry of {@code stsd}):
 * what the init segment says about a codec. Immutable.
 */
sealed interface SampleEntry permits VideoSampleEntry, AudioSampleEntry {

    /**
     * Returns the sample entry type (ISO/IEC 14496-12 §8.5.2.2).
     *
     * @return avc1, hvc1, av01, vp09, mp4a or Opus
     */
    String fourCc();

    /**
     * Returns the handler type of the track (ISO/IEC 14496-12 §8.4.3).
     *
     * @return "vide" or "soun"
     */
    String handlerType();

    /**
     * Returns the media timescale of the track (ticks per second, {@code mdhd}).
     *
     * @return 90000 for video; the sample rate for audio
     */
    int timescale();

    /**
     * Writes the sample entry box, its codec configuration box included.
     *
     * @param w the writer
     */
    void write(BoxWriter w);
}
