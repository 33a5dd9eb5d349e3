package org.rtmp4j.core.session;

import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;

/**
 * The live counters behind {@link SessionStats}. Written on the connection's thread only; read
 * from any thread (volatile fields, single writer).
 */
final class SessionCounters {
    private volatile long droppedVideo;
    private volatile long droppedAudio;
    private volatile long keyframeWaits;
    private volatile long queuedPeak;
    private volatile boolean overflow;

    /** Media was offered with {@code queued} bytes waiting. */
    void offered(long queued) {
        if (queued > queuedPeak) {
            queuedPeak = queued;
        }
    }

    /** {@code media} was dropped; {@code startedWaiting}: the gate began awaiting a keyframe. */
    void dropped(MediaMessage media, boolean startedWaiting) {
        if (media instanceof AudioMessage) {
            droppedAudio++;
        } else {
            droppedVideo++;
        }
        if (startedWaiting) {
            keyframeWaits++;
        }
    }

    void overflow() {
        overflow = true;
    }

    SessionStats snapshot(long bytesOut) {
        return new SessionStats(droppedVideo, droppedAudio, keyframeWaits, queuedPeak, bytesOut, overflow);
    }
}
