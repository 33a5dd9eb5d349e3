package org.rtmp4j.core.session;

import org.rtmp4j.core.internal.MediaClassifier;

/**
 * What one player asked not to receive: {@code pause} (RTMP 1.0 §7.2.2.8), {@code receiveAudio}
 * (§7.2.2.4) and {@code receiveVideo} (§7.2.2.5). Decides, before the back-pressure {@link
 * DropGate}, whether a media message reaches the player at all.
 *
 * <ul>
 *   <li>Sequence headers (audio and video) always pass: they are small, and a player that turns
 *       video back on (or unpauses) needs the decoder configuration for the next keyframe.
 *   <li>Other audio passes when audio is wanted and the stream is not paused.
 *   <li>Other video likewise; after video was skipped (paused or turned off) it resumes at the
 *       next keyframe, so the decoder never gets an inter frame without its reference.
 * </ul>
 *
 * <p>Thread-safety: the flags are set on the connection's thread and read from any thread
 * (volatile); {@link #passes} runs on the connection's thread.
 */
final class PlaybackFilter {
    private volatile boolean paused;
    private volatile boolean audio = true;
    private volatile boolean video = true;
    private boolean awaitingKeyframe;

    boolean paused() {
        return paused;
    }

    boolean audio() {
        return audio;
    }

    boolean video() {
        return video;
    }

    void paused(boolean value) {
        paused = value;
    }

    void audio(boolean value) {
        audio = value;
    }

    void video(boolean value) {
        video = value;
    }

    /**
     * @param traits the message's {@link MediaClassifier#traits}, classified once per relayed message
     * @return whether the message should go to the player (may still be dropped by back-pressure)
     */
    boolean passes(int traits) {
        if (!paused && audio && video && !awaitingKeyframe) {
            return true; // the usual case
        }
        if ((traits & MediaClassifier.SEQUENCE_HEADER) != 0) {
            return true; // small, and without it a later keyframe could not be decoded
        }
        if ((traits & MediaClassifier.AUDIO) != 0) {
            return audio && !paused;
        }
        if (!video || paused) {
            awaitingKeyframe = true;
            return false;
        }
        if (awaitingKeyframe) {
            if ((traits & MediaClassifier.KEYFRAME) == 0) {
                return false;
            }
            awaitingKeyframe = false;
        }
        return true;
    }
}
