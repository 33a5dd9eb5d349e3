package org.rtmp4j.live;

import java.time.Duration;

/**
 * Which audio messages of one stream may wait for the next video message of the same connection,
 * and how long (DESIGN-NOTES.md, "Audio rides with video (issue 17)"): decided once per message on
 * the publisher's thread, under the stream's lock, and carried by {@link LiveMedia#holdNanos()}.
 *
 * <p>Holdable: audio that is not a sequence header, while the stream has video (a video frame
 * within {@value #MAX_GAP_MS} ms of the audio's timestamp). Never: video, sequence headers,
 * metadata, commands, audio-only streams. The hold is {@code min(audioHoldMax, video frame
 * interval)}, the interval measured from the stream's video timestamps (DTS in RTMP and FLV, so
 * B-frames do not disturb it) as an exponentially smoothed mean of the deltas (weight 1/8), deltas
 * of 0 or above {@value #MAX_GAP_MS} ms ignored; 0 until a delta was measured.
 *
 * <p>Thread-safety: none; the caller holds the stream's lock.
 */
final class AudioHold {
    /** Deltas above this (a pause, a timestamp jump) are not frame intervals; ms. */
    static final int MAX_GAP_MS = 1000;

    private final long maxNanos;
    private boolean videoSeen;
    private int lastVideoTimestamp;
    /** Smoothed video frame interval, ms; 0 until measured. */
    private double intervalMs;

    /** @param audioHoldMax the cap ({@link LiveOptions#audioHoldMax()}); zero turns holding off */
    AudioHold(Duration audioHoldMax) {
        this.maxNanos = audioHoldMax.toNanos();
    }

    /**
     * Measures video and decides for audio.
     *
     * @param live a message of this stream, in publish order
     * @return how long {@code live} may be held, nanoseconds; 0 = not holdable
     */
    long onMedia(LiveMedia live) {
        MediaKind kind = live.kind();
        int ts = live.timestamp();
        if (kind == MediaKind.VIDEO_KEY_FRAME || kind == MediaKind.VIDEO_FRAME) {
            if (videoSeen) {
                int delta = ts - lastVideoTimestamp; // 32-bit serial arithmetic
                if (delta > 0 && delta <= MAX_GAP_MS) {
                    intervalMs = intervalMs == 0 ? delta : intervalMs + (delta - intervalMs) / 8;
                }
            }
            videoSeen = true;
            lastVideoTimestamp = ts;
            return 0;
        }
        if (kind != MediaKind.AUDIO_FRAME || maxNanos == 0 || intervalMs == 0) {
            return 0;
        }
        int sinceVideo = ts - lastVideoTimestamp;
        if (sinceVideo > MAX_GAP_MS || sinceVideo < -MAX_GAP_MS) {
            return 0; // the video stopped (or jumped): audio alone is not held
        }
        return Math.min(maxNanos, (long) (intervalMs * 1_000_000));
    }

    /** @return the smoothed video frame interval in ms, 0 until measured */
    double intervalMs() {
        return intervalMs;
    }

    /** A new publisher: nothing measured. */
    void reset() {
        videoSeen = false;
        lastVideoTimestamp = 0;
        intervalMs = 0;
    }
}
