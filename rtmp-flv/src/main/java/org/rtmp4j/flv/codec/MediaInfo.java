package org.rtmp4j.flv.codec;

/**
 * A summary of one FLV/RTMP stream's media, as built by {@link MediaInfoCollector}: the video and
 * audio codec names and their main parameters. Values come from the codec configuration records
 * in the sequence headers when available, else from {@code onMetaData}. Immutable.
 *
 * @param videoCodec short codec name ("h264", "hevc", "av1", "vp9", "vp8", "vvc", "h263",
 *     "vp6", ...), or {@code null} when the stream has no video
 * @param width display width in pixels, 0 when unknown
 * @param height display height in pixels, 0 when unknown
 * @param frameRate frames per second, {@code NaN} when not signalled
 * @param audioCodec short codec name ("aac", "opus", "flac", "mp3", "ac3", "eac3", "pcm",
 *     "speex", ...), or {@code null} when the stream has no audio
 * @param sampleRate audio sample rate in Hz (decoder output rate; 48,000 for Opus), 0 when
 *     unknown
 * @param channels audio channel count, 0 when unknown
 */
public record MediaInfo(String videoCodec, int width, int height, double frameRate,
        String audioCodec, int sampleRate, int channels) {

    /** Nothing known. */
    public static final MediaInfo EMPTY = new MediaInfo(null, 0, 0, Double.NaN, null, 0, 0);

    /**
     * Tells whether the frame rate is known.
     *
     * @return true when {@link #frameRate()} is a number
     */
    public boolean hasFrameRate() {
        return !Double.isNaN(frameRate);
    }
}
