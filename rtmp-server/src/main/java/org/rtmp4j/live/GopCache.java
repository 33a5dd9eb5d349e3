package org.rtmp4j.live;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.rtmp4j.core.message.MediaMessage;

/**
 * The media a late-joining player needs before the live edge: every audio and video message since
 * the last video keyframe, including the audio interleaved with it (docs/ARCHITECTURE.md §6). Sequence headers
 * are not kept here (see {@link LiveStream}).
 *
 * <p>Rules, applied per added message:
 * <ul>
 *   <li>A video keyframe clears the cache and starts a new GOP with itself.</li>
 *   <li>A video sequence header clears the cache and waits for the next keyframe: frames coded
 *       against the previous decoder configuration are useless to a new player.</li>
 *   <li>Other audio and video are appended while a GOP is open; while waiting for a keyframe they
 *       are not kept.</li>
 *   <li>E-RTMP v2 Multitrack: only the keyframes and sequence headers of the primary track (the
 *       lowest video track id seen) start or reset the GOP; other tracks' keyframes are appended like
 *       inter frames, so renditions with aligned GOPs all reach a late joiner from their keyframes
 *       (their sequence headers are kept per track by {@link LiveStream}). A multi-track message
 *       counts as its first track's.</li>
 *   <li>Bounds: when the payload bytes exceed {@code maxBytes} or the timestamp span (last minus
 *       first, ms, by serial-number arithmetic: the signed 32-bit difference, so spans across 2^24,
 *       2^31 and the 2^32 wrap measure right) exceeds {@code maxDuration}, the cache is cleared and waits for the
 *       next keyframe (counted in {@link #overflows()}). A keyframe larger than {@code maxBytes} is
 *       therefore never cached.</li>
 *   <li>Malformed video ({@link MediaKind#VIDEO_MALFORMED}) is ignored: it neither opens, resets
 *       nor joins a GOP.</li>
 *   <li>Streams without video (until the first video message) keep a ring of the most recent
 *       audio instead: the oldest messages are evicted while the span exceeds
 *       {@code audioOnlyDuration} or the bytes exceed {@code maxBytes}.</li>
 * </ul>
 *
 * <p>Payloads are kept by reference, never copied. Not thread-safe: {@link LiveStream} guards it
 * with its lock.
 */
public final class GopCache {
    private static final LiveMedia[] EMPTY = new LiveMedia[0];

    private final long maxBytes;
    private final int maxDurationMs;
    private final int audioOnlyDurationMs;
    private final ArrayDeque<LiveMedia> messages = new ArrayDeque<>();
    private long bytes;
    private boolean hasVideo;
    /** The lowest video track id seen since {@link #clear()} (0 unless E-RTMP Multitrack). */
    private int primaryTrack;
    private boolean awaitingKeyFrame = true;
    private long overflows;

    /**
     * @param maxBytes bound on the cached payload bytes (≥ 0)
     * @param maxDuration bound on the cached timestamp span (0..{@code Integer.MAX_VALUE} ms)
     * @param audioOnlyDuration span of the audio ring of streams without video
     * @throws IllegalArgumentException if a bound is out of range
     */
    public GopCache(long maxBytes, Duration maxDuration, Duration audioOnlyDuration) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be >= 0: " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.maxDurationMs = millis("maxDuration", maxDuration);
        this.audioOnlyDurationMs = millis("audioOnlyDuration", audioOnlyDuration);
    }

    /**
     * @param options supplies the bounds
     * @return a cache bounded by {@code options}' GOP settings
     */
    public static GopCache of(LiveOptions options) {
        return new GopCache(options.gopCacheMaxBytes(), options.gopCacheMaxDuration(), options.audioOnlyCacheDuration());
    }

    private static int millis(String what, Duration d) {
        if (d.isNegative() || d.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(what + " must be within 0.." + Integer.MAX_VALUE + " ms: " + d);
        }
        return (int) d.toMillis();
    }

    /**
     * Adds one audio or video message, classifying it by its FLV tag header; sequence headers only
     * affect the state (see the class rules).
     *
     * @param media the message; its payload is kept by reference
     */
    public void add(MediaMessage media) {
        add(MediaClassifier.liveMedia(media));
    }

    /**
     * Adds one message the hub classified; sequence headers only affect the state.
     *
     * @param media the classified message; kept by reference
     */
    void add(LiveMedia media) {
        switch (media.kind()) {
            case VIDEO_SEQUENCE_HEADER:
                if (isPrimaryTrack(media)) {
                    reset(true);
                }
                return;
            case AUDIO_SEQUENCE_HEADER:
            case VIDEO_MALFORMED:
                return;
            case VIDEO_KEY_FRAME:
                if (isPrimaryTrack(media)) {
                    reset(false);
                    append(media);
                    checkBounds();
                } else {
                    appendInGop(media);
                }
                return;
            case VIDEO_FRAME:
                if (!hasVideo) {
                    hasVideo = true;
                    primaryTrack = media.trackId();
                    reset(true);
                }
                appendInGop(media);
                return;
            case AUDIO_FRAME:
            default:
                if (hasVideo) {
                    appendInGop(media);
                } else {
                    appendToAudioRing(media);
                }
        }
    }

    /**
     * Whether a keyframe or sequence header belongs to the primary track; the first video, or a
     * lower track id than seen so far, becomes the primary track.
     */
    private boolean isPrimaryTrack(LiveMedia media) {
        int track = media.trackId();
        if (!hasVideo || track < primaryTrack) {
            hasVideo = true;
            primaryTrack = track;
        }
        return track == primaryTrack;
    }

    private void appendInGop(LiveMedia media) {
        if (!awaitingKeyFrame) {
            append(media);
            checkBounds();
        }
    }

    private void appendToAudioRing(LiveMedia media) {
        append(media);
        while (!messages.isEmpty()
                && (bytes > maxBytes || span(messages.peekFirst(), media) > audioOnlyDurationMs)) {
            bytes -= messages.removeFirst().size();
        }
    }

    private void append(LiveMedia media) {
        messages.addLast(media);
        bytes += media.size();
    }

    private void checkBounds() {
        if (bytes > maxBytes || span(messages.peekFirst(), messages.peekLast()) > maxDurationMs) {
            overflows++;
            reset(true);
        }
    }

    /**
     * @return {@code last - first} in ms as a signed 32-bit difference (serial-number arithmetic,
     *     RTMP 1.0 §5.3.1.2.1: correct across the wrap for spans under 2^31 ms), or 0 when negative
     *     (out-of-order interleaving)
     */
    private static long span(LiveMedia first, LiveMedia last) {
        return Math.max(0, last.timestamp() - first.timestamp());
    }

    private void reset(boolean awaitKeyFrame) {
        messages.clear();
        bytes = 0;
        awaitingKeyFrame = awaitKeyFrame;
    }

    /** Forgets everything, including whether the stream has video (a new publisher starts). */
    public void clear() {
        reset(true);
        hasVideo = false;
        primaryTrack = 0;
    }

    /** @return the cached messages as the hub classified them, oldest first */
    LiveMedia[] entries() {
        return messages.isEmpty() ? EMPTY : messages.toArray(EMPTY);
    }

    MediaMessage[] toArray() {
        LiveMedia[] e = entries();
        MediaMessage[] out = new MediaMessage[e.length];
        for (int i = 0; i < e.length; i++) {
            out[i] = e[i].message();
        }
        return out;
    }

    /** @return the cached messages, oldest first (an unmodifiable snapshot) */
    public List<MediaMessage> snapshot() {
        return Collections.unmodifiableList(Arrays.asList(toArray()));
    }

    /** @return the number of cached messages */
    public int size() {
        return messages.size();
    }

    /** @return the cached payload bytes */
    public long bytes() {
        return bytes;
    }

    /** @return whether video was seen and the next keyframe will start the cache */
    public boolean isAwaitingKeyFrame() {
        return hasVideo && awaitingKeyFrame;
    }

    /** @return how many times a bound was exceeded and the cache dropped */
    public long overflows() {
        return overflows;
    }
}
