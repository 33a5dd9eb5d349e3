package org.rtmp4j.core.session;

import org.rtmp4j.core.internal.MediaClassifier;

/**
 * The slow-player drop decision for one message stream (docs/ARCHITECTURE.md §7 "Back-pressure"), made on
 * messages before they are chunk-encoded. Not thread-safe: used on the connection's thread.
 *
 * <ul>
 *   <li>Above {@code maxQueued}: close the session (any policy).
 *   <li>Sequence headers are never dropped.
 *   <li>Video: while queued &gt; high watermark an inter frame is dropped and the gate starts
 *       awaiting a keyframe; from then on video is dropped until a keyframe arrives with queued &lt;
 *       low watermark. A keyframe while not awaiting is sent.
 *   <li>Audio: dropped from above the high watermark until queued is below the low watermark.
 * </ul>
 */
final class DropGate {
    /** The outcome for one message. */
    enum Decision {
        SEND,
        DROP,
        CLOSE
    }

    private boolean awaitingKeyframe;
    private boolean droppingAudio;

    /** Decides for a message with these {@link MediaClassifier#traits}, classified once per relayed message. */
    Decision decide(int traits, long queuedBytes, OutboundLimits limits) {
        if (queuedBytes > limits.maxQueued()) {
            return Decision.CLOSE;
        }
        if (limits.dropPolicy() == OutboundLimits.DropPolicy.NEVER || (traits & MediaClassifier.SEQUENCE_HEADER) != 0) {
            return Decision.SEND;
        }
        if ((traits & MediaClassifier.AUDIO) != 0) {
            if (queuedBytes > limits.highWatermark()) {
                droppingAudio = true;
            } else if (queuedBytes < limits.lowWatermark()) {
                droppingAudio = false;
            }
            return droppingAudio ? Decision.DROP : Decision.SEND;
        }
        if ((traits & MediaClassifier.KEYFRAME) != 0) {
            if (!awaitingKeyframe) {
                return Decision.SEND;
            }
            if (queuedBytes < limits.lowWatermark()) {
                awaitingKeyframe = false;
                return Decision.SEND;
            }
            return Decision.DROP;
        }
        if (awaitingKeyframe) {
            return Decision.DROP;
        }
        if (queuedBytes > limits.highWatermark()) {
            awaitingKeyframe = true;
            return Decision.DROP;
        }
        return Decision.SEND;
    }

    boolean awaitingKeyframe() {
        return awaitingKeyframe;
    }
}
