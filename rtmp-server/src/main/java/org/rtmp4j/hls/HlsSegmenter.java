package org.rtmp4j.hls;

/**
 * Decides where a stream's media segments and LL-HLS partial segments begin (RFC 8216bis §6.2.1:
 * segments cut "on packet and key frame boundaries", each at most the Target Duration when rounded;
 * §4.4.4.9: partial segments). Sans-I/O: times are the samples' decode timestamps, no clock is read.
 * Not thread-safe: one per stream, called from the stream's event loop.
 *
 * <p>Rules, for a sample with decode time {@code dts} (ms, 64-bit, already extended past the 32-bit
 * FLV wrap by the caller):
 * <ul>
 *   <li>Stream with video: only video samples cut. {@link Cut#SEGMENT} at a video keyframe once
 *       {@code dts - segmentStart >= segmentDuration}; else {@link Cut#PART} at any video sample once
 *       {@code dts - partStart >= partDuration} (only when {@link HlsOptions#lowLatency()}). Audio
 *       samples never cut, so a segment starts with a video keyframe.</li>
 *   <li>Audio-only stream: {@code SEGMENT} at the first sample once {@code segmentDuration} has passed,
 *       {@code PART} once {@code partDuration} has (every audio frame is a sync sample).</li>
 *   <li>The first sample starts the first segment and part and never cuts. A sample whose
 *       {@code dts} is before the current part's start (a timestamp jump back that the caller did not
 *       signal with {@link #reset()}) restarts both clocks at it without cutting.</li>
 * </ul>
 */
public final class HlsSegmenter {
    /** What to close before the sample is muxed. */
    public enum Cut {
        /** The sample goes into the current part. */
        NONE,
        /** Close the current partial segment; the sample starts the next part of the same segment. */
        PART,
        /** Close the current part and segment; the sample starts a new segment (and its part 0). */
        SEGMENT
    }

    private final long segmentMs;
    private final long partMs;
    private final boolean lowLatency;
    private final boolean hasVideo;
    private boolean started;
    private long segmentStartMs;
    private long partStartMs;

    /**
     * @param options segment and part durations, whether parts are cut at all ({@link HlsOptions#lowLatency()})
     * @param hasVideo whether the stream has a video track (then only video samples cut)
     */
    public HlsSegmenter(HlsOptions options, boolean hasVideo) {
        this.segmentMs = options.segmentDuration().toMillis();
        this.partMs = options.partDuration().toMillis();
        this.lowLatency = options.lowLatency();
        this.hasVideo = hasVideo;
    }

    /**
     * Called for each sample before it is muxed.
     *
     * @param video whether the sample is a video frame
     * @param dtsMs its decode timestamp in milliseconds, monotonic 64-bit
     * @param keyframe whether it is a sync sample (video keyframe; ignored for audio)
     * @return what to close before muxing this sample
     */
    public Cut onSample(boolean video, long dtsMs, boolean keyframe) {
        if (hasVideo && !video) {
            return Cut.NONE;
        }
        if (!started || dtsMs < partStartMs) {
            started = true;
            segmentStartMs = dtsMs;
            partStartMs = dtsMs;
            return Cut.NONE;
        }
        boolean sync = !hasVideo || keyframe;
        if (sync && dtsMs - segmentStartMs >= segmentMs) {
            segmentStartMs = dtsMs;
            partStartMs = dtsMs;
            return Cut.SEGMENT;
        }
        if (lowLatency && dtsMs - partStartMs >= partMs) {
            partStartMs = dtsMs;
            return Cut.PART;
        }
        return Cut.NONE;
    }

    /**
     * Forgets the timeline (publisher reconnect): the next sample starts a segment without a cut. The
     * caller closes what it has and marks a discontinuity ({@link MediaPlaylist#discontinuity()}).
     */
    public void reset() {
        started = false;
    }
}
