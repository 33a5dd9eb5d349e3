package org.rtmp4j.live;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of {@link LiveBroadcastController}. Immutable; derive variants with the {@code with*}
 * methods from {@link #DEFAULT}.
 *
 * @param gopCacheMaxBytes bound on the payload bytes of the GOP cache of one stream (default
 *     8 MiB); when exceeded the cache is cleared and restarts at the next video keyframe
 * @param gopCacheMaxDuration bound on the timestamp span (ms resolution) of the GOP cache (default
 *     10 s); same overflow rule
 * @param audioOnlyCacheDuration span of the audio ring kept for streams without video (default
 *     1 s), also bounded by {@code gopCacheMaxBytes}
 * @param waitForPublisher whether a play of a name that is not live is accepted and waits for a
 *     publisher (default {@code true}); otherwise it is refused with
 *     {@code NetStream.Play.StreamNotFound}
 * @param maxStreams how many names may be published at once across all apps (default 1024);
 *     {@code 0} means unlimited. A publish beyond it is refused with
 *     {@code NetStream.Publish.Rejected}
 * @param publisherPolicy what happens when a name that is live is published again (default
 *     {@link PublisherPolicy#REFUSE})
 * @param allowEnhancedToLegacyPlayers whether players whose connect {@code fourCcList} lacks the
 *     stream's E-RTMP video FourCC may still play it (default {@code false}: refused with
 *     {@code NetStream.Play.Failed}; E-RTMP v1, "Enhancing NetConnection connect Command")
 * @param audioHoldMax the longest an audio message (not a sequence header, of a stream with video)
 *     may wait for the player connection's next video message so that both leave in one socket
 *     write (default 50 ms, {@link #DEFAULT_AUDIO_HOLD_MAX}); the hold is this or the stream's
 *     measured video frame interval, whichever is shorter. {@link Duration#ZERO} turns it off.
 *     Applies to RTMP and HTTP-FLV/WebSocket-FLV players (DESIGN-NOTES.md, "Audio rides with video
 *     (issue 17)"); at most {@value #MAX_AUDIO_HOLD_MS} ms
 */
public record LiveOptions(
        long gopCacheMaxBytes,
        Duration gopCacheMaxDuration,
        Duration audioOnlyCacheDuration,
        boolean waitForPublisher,
        int maxStreams,
        PublisherPolicy publisherPolicy,
        boolean allowEnhancedToLegacyPlayers,
        Duration audioHoldMax) {

    /** Default {@link #maxStreams()}. */
    public static final int DEFAULT_MAX_STREAMS = 1024;

    /** Default {@link #audioHoldMax()} in ms: 50. */
    public static final int DEFAULT_AUDIO_HOLD_MS = 50;

    /** Default {@link #audioHoldMax()}: {@value #DEFAULT_AUDIO_HOLD_MS} ms. */
    public static final Duration DEFAULT_AUDIO_HOLD_MAX = Duration.ofMillis(DEFAULT_AUDIO_HOLD_MS);

    /** Upper bound of {@link #audioHoldMax()}, ms: a longer hold would be felt as audio latency. */
    public static final int MAX_AUDIO_HOLD_MS = 1000;

    /** The defaults listed above. */
    public static final LiveOptions DEFAULT = new LiveOptions(
            8L * 1024 * 1024,
            Duration.ofSeconds(10),
            Duration.ofSeconds(1),
            true,
            DEFAULT_MAX_STREAMS,
            PublisherPolicy.REFUSE,
            false,
            DEFAULT_AUDIO_HOLD_MAX);

    /**
     * Validates the settings.
     *
     * @param gopCacheMaxBytes see the class description
     * @param gopCacheMaxDuration see the class description
     * @param audioOnlyCacheDuration see the class description
     * @param waitForPublisher see the class description
     * @param maxStreams see the class description
     * @param publisherPolicy see the class description
     * @param allowEnhancedToLegacyPlayers see the class description
     * @param audioHoldMax see the class description
     * @throws IllegalArgumentException if a bound is negative or a duration is negative or longer
     *     than {@code Integer.MAX_VALUE} ms, or {@code audioHoldMax} is negative or above {@value
     *     #MAX_AUDIO_HOLD_MS} ms
     * @throws NullPointerException if a duration or the policy is null
     */
    public LiveOptions {
        Objects.requireNonNull(gopCacheMaxDuration, "gopCacheMaxDuration");
        Objects.requireNonNull(audioOnlyCacheDuration, "audioOnlyCacheDuration");
        Objects.requireNonNull(publisherPolicy, "publisherPolicy");
        Objects.requireNonNull(audioHoldMax, "audioHoldMax");
        if (audioHoldMax.isNegative() || audioHoldMax.compareTo(Duration.ofMillis(MAX_AUDIO_HOLD_MS)) > 0) {
            throw new IllegalArgumentException("audioHoldMax must be within 0.." + MAX_AUDIO_HOLD_MS + " ms: " + audioHoldMax);
        }
        if (gopCacheMaxBytes < 0) {
            throw new IllegalArgumentException("gopCacheMaxBytes must be >= 0: " + gopCacheMaxBytes);
        }
        if (maxStreams < 0) {
            throw new IllegalArgumentException("maxStreams must be >= 0 (0 = unlimited): " + maxStreams);
        }
        checkMillis("gopCacheMaxDuration", gopCacheMaxDuration);
        checkMillis("audioOnlyCacheDuration", audioOnlyCacheDuration);
    }

    private static void checkMillis(String what, Duration d) {
        if (d.isNegative() || d.compareTo(Duration.ofMillis(Integer.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(what + " must be within 0.." + Integer.MAX_VALUE + " ms: " + d);
        }
    }

    /**
     * @param bytes the new value
     * @return a copy with {@link #gopCacheMaxBytes()} set (bytes, ≥ 0)
     */
    public LiveOptions withGopCacheMaxBytes(long bytes) {
        return new LiveOptions(bytes, gopCacheMaxDuration, audioOnlyCacheDuration, waitForPublisher, maxStreams,
                publisherPolicy, allowEnhancedToLegacyPlayers, audioHoldMax);
    }

    /**
     * @param duration the new value
     * @return a copy with {@link #gopCacheMaxDuration()} set
     */
    public LiveOptions withGopCacheMaxDuration(Duration duration) {
        return new LiveOptions(gopCacheMaxBytes, duration, audioOnlyCacheDuration, waitForPublisher, maxStreams,
                publisherPolicy, allowEnhancedToLegacyPlayers, audioHoldMax);
    }

    /**
     * @param duration the new value
     * @return a copy with {@link #audioOnlyCacheDuration()} set
     */
    public LiveOptions withAudioOnlyCacheDuration(Duration duration) {
        return new LiveOptions(gopCacheMaxBytes, gopCacheMaxDuration, duration, waitForPublisher, maxStreams,
                publisherPolicy, allowEnhancedToLegacyPlayers, audioHoldMax);
    }

    /**
     * @param wait the new value
     * @return a copy with {@link #waitForPublisher()} set
     */
    public LiveOptions withWaitForPublisher(boolean wait) {
        return new LiveOptions(gopCacheMaxBytes, gopCacheMaxDuration, audioOnlyCacheDuration, wait, maxStreams,
                publisherPolicy, allowEnhancedToLegacyPlayers, audioHoldMax);
    }

    /**
     * @param max the new value
     * @return a copy with {@link #maxStreams()} set (≥ 0; 0 = unlimited)
     */
    public LiveOptions withMaxStreams(int max) {
        return new LiveOptions(gopCacheMaxBytes, gopCacheMaxDuration, audioOnlyCacheDuration, waitForPublisher, max,
                publisherPolicy, allowEnhancedToLegacyPlayers, audioHoldMax);
    }

    /**
     * @param policy the new value
     * @return a copy with {@link #publisherPolicy()} set
     */
    public LiveOptions withPublisherPolicy(PublisherPolicy policy) {
        return new LiveOptions(gopCacheMaxBytes, gopCacheMaxDuration, audioOnlyCacheDuration, waitForPublisher,
                maxStreams, policy, allowEnhancedToLegacyPlayers, audioHoldMax);
    }

    /**
     * @param allow the new value
     * @return a copy with {@link #allowEnhancedToLegacyPlayers()} set
     */
    public LiveOptions withAllowEnhancedToLegacyPlayers(boolean allow) {
        return new LiveOptions(gopCacheMaxBytes, gopCacheMaxDuration, audioOnlyCacheDuration, waitForPublisher,
                maxStreams, publisherPolicy, allow, audioHoldMax);
    }

    /**
     * @param max the new value
     * @return a copy with {@link #audioHoldMax()} set (0 to {@value #MAX_AUDIO_HOLD_MS} ms; zero = off)
     */
    public LiveOptions withAudioHoldMax(Duration max) {
        return new LiveOptions(gopCacheMaxBytes, gopCacheMaxDuration, audioOnlyCacheDuration, waitForPublisher,
                maxStreams, publisherPolicy, allowEnhancedToLegacyPlayers, max);
    }
}
