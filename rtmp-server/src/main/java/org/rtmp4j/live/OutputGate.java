package org.rtmp4j.live;

import org.rtmp4j.core.session.OutboundLimits;

/**
 * The one rule "withhold video inter frames until a keyframe" and the slow-output policy, for every
 * kind of output (docs/ARCHITECTURE.md §7 "Back-pressure", §14). It waits for a keyframe for two
 * reasons, each with its own flag:
 *
 * <ul>
 *   <li><b>join</b>: an output that joined without a cached GOP from a keyframe, and every output
 *       when a new publisher starts. Decided on the publisher's thread by {@link #admits} before
 *       anything is encoded for the output (volatile flag, set under the stream's lock);</li>
 *   <li><b>congestion</b>: decided on the sink's thread by {@link #decide} against {@link
 *       MediaSink#queuedBytes()}: above {@code maxQueued} the output is closed (any policy);
 *       sequence headers are never dropped; above the high watermark video is dropped until a
 *       keyframe arrives with the queue below the low watermark, and audio from above the high
 *       until below the low watermark. {@link OutboundLimits.DropPolicy#NEVER} drops nothing.</li>
 * </ul>
 */
final class OutputGate {
    /** The outcome for one message on the sink's thread. */
    enum Decision { SEND, DROP, CLOSE }

    private volatile boolean joinWait;
    private boolean congestedWait;
    private boolean droppingAudio;

    /** Publisher's thread: @return whether {@code kind} passes the join wait; a keyframe ends it */
    boolean admits(MediaKind kind) {
        if (joinWait) {
            if (kind == MediaKind.VIDEO_FRAME) {
                return false;
            }
            if (kind == MediaKind.VIDEO_KEY_FRAME) {
                joinWait = false;
            }
        }
        return true;
    }

    /** Under the stream's lock: from now on video waits for the next keyframe (a join or a new publisher). */
    void awaitKeyframe(boolean value) {
        joinWait = value;
    }

    /** @return whether the join wait is on */
    boolean joinWait() {
        return joinWait;
    }

    /** @return whether congestion made it wait for a keyframe (sink thread) */
    boolean congestedWait() {
        return congestedWait;
    }

    /** Sink thread: the slow-output decision for a message of {@code kind} with {@code queued} bytes waiting. */
    Decision decide(MediaKind kind, long queued, OutboundLimits limits) {
        if (queued > limits.maxQueued()) {
            return Decision.CLOSE;
        }
        if (limits.dropPolicy() == OutboundLimits.DropPolicy.NEVER || kind.isSequenceHeader()) {
            return Decision.SEND;
        }
        if (!kind.isVideo()) {
            if (queued > limits.highWatermark()) {
                droppingAudio = true;
            } else if (queued < limits.lowWatermark()) {
                droppingAudio = false;
            }
            return droppingAudio ? Decision.DROP : Decision.SEND;
        }
        if (kind == MediaKind.VIDEO_KEY_FRAME) {
            if (!congestedWait) {
                return Decision.SEND;
            }
            if (queued < limits.lowWatermark()) {
                congestedWait = false;
                return Decision.SEND;
            }
            return Decision.DROP;
        }
        if (congestedWait) {
            return Decision.DROP;
        }
        if (queued > limits.highWatermark()) {
            congestedWait = true;
            return Decision.DROP;
        }
        return Decision.SEND;
    }
}
