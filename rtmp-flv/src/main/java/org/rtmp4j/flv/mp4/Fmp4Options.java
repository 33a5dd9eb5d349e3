package org.rtmp4j.flv.mp4;

/**
 * Limits and defaults of an {@link Fmp4Muxer}. Immutable.
 *
 * @param maxPendingSamples how many samples one track may buffer between fragments before
 *     {@link Fmp4Muxer#accept} refuses more (default {@value #DEFAULT_MAX_PENDING_SAMPLES}, about
 *     80 s of 60 fps video; a caller that never flushes hits it)
 * @param maxPendingBytes how many sample bytes both tracks together may buffer between fragments
 *     (default {@value #DEFAULT_MAX_PENDING_BYTES}, 64 MiB; at most 1 GiB)
 * @param defaultVideoSampleDurationMs the duration in ms given to a stream's last video sample by
 *     {@link Fmp4Muxer#finish()} when no earlier sample's duration is known (default
 *     {@value #DEFAULT_VIDEO_SAMPLE_DURATION_MS}, 30 fps); audio uses one codec frame (1024
 *     samples for AAC, 20 ms for Opus)
 * @param alignTrackStarts whether every track starts at the first video presentation time
 *     (default false; the HLS packager sets it): the video track's decode times are moved later by
 *     the first video sample's composition offset {@code c0} and its composition offsets earlier by
 *     the same amount ({@code trun} version 1 signed offsets, ISO/IEC 14496-12 §8.8.8.3), so every
 *     presentation time stays as the FLV says ({@code PTS = timestamp + CompositionTime}) and the
 *     first key frame has decode time = presentation time; audio frames that end at or before that
 *     time are dropped. The first {@code tfdt} of the video track is then the time its picture is
 *     presented from, and the audio starts no earlier than one frame before it, which is where a
 *     player that maps the smallest {@code tfdt} to the start of its buffer (hls.js) finds the
 *     media (DESIGN-NOTES.md, "HLS and LL-HLS"). Off, decode times are the FLV timestamps.
 */
public record Fmp4Options(int maxPendingSamples, long maxPendingBytes,
        int defaultVideoSampleDurationMs, boolean alignTrackStarts) {

    /** Default of {@link #maxPendingSamples()}. */
    public static final int DEFAULT_MAX_PENDING_SAMPLES = 5_000;
    /** Default of {@link #maxPendingBytes()}: 64 MiB. */
    public static final long DEFAULT_MAX_PENDING_BYTES = 64L << 20;
    /** Default of {@link #defaultVideoSampleDurationMs()}. */
    public static final int DEFAULT_VIDEO_SAMPLE_DURATION_MS = 33;

    /**
     * Checks the values.
     *
     * @param maxPendingSamples at least 2
     * @param maxPendingBytes 1 to 1 GiB
     * @param defaultVideoSampleDurationMs 1 to 10,000
     * @param alignTrackStarts whether tracks start at the first video presentation time
     * @throws IllegalArgumentException if a value is out of range
     */
    public Fmp4Options {
        if (maxPendingSamples < 2) {
            throw new IllegalArgumentException("maxPendingSamples < 2: " + maxPendingSamples);
        }
        if (maxPendingBytes < 1 || maxPendingBytes > 1L << 30) {
            throw new IllegalArgumentException("maxPendingBytes outside 1..2^30: " + maxPendingBytes);
        }
        if (defaultVideoSampleDurationMs < 1 || defaultVideoSampleDurationMs > 10_000) {
            throw new IllegalArgumentException("defaultVideoSampleDurationMs outside 1..10000: "
                    + defaultVideoSampleDurationMs);
        }
    }

    /**
     * Creates options with {@link #alignTrackStarts()} false.
     *
     * @param maxPendingSamples at least 2
     * @param maxPendingBytes 1 to 1 GiB
     * @param defaultVideoSampleDurationMs 1 to 10,000
     * @throws IllegalArgumentException if a value is out of range
     */
    public Fmp4Options(int maxPendingSamples, long maxPendingBytes, int defaultVideoSampleDurationMs) {
        this(maxPendingSamples, maxPendingBytes, defaultVideoSampleDurationMs, false);
    }

    /**
     * Returns the defaults.
     *
     * @return 5,000 samples, 64 MiB, 33 ms, track starts not aligned
     */
    public static Fmp4Options defaults() {
        return new Fmp4Options(DEFAULT_MAX_PENDING_SAMPLES, DEFAULT_MAX_PENDING_BYTES,
                DEFAULT_VIDEO_SAMPLE_DURATION_MS, false);
    }

    /**
     * Returns a copy with {@link #alignTrackStarts()} set.
     *
     * @param align whether tracks start at the first video presentation time
     * @return the new options
     */
    public Fmp4Options withAlignedTrackStarts(boolean align) {
        return new Fmp4Options(maxPendingSamples, maxPendingBytes, defaultVideoSampleDurationMs, align);
    }
}
