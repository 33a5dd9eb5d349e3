package org.rtmp4j.live;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.RtmpSession;

/**
 * One player of a {@link LiveStream}. While it joins, what the publisher sends is queued in
 * {@link #pending} (guarded by the stream's lock) so the joiner can send the cached prefix first;
 * then it becomes live and receives the fan-out directly.
 */
final class Subscriber {
    final RtmpSession session;
    final NetStream stream;
    final int streamId;
    private final Predicate<String> acceptsFourCc;

    /** Events queued while joining: MediaMessage, metadata Map or Status. Guarded by the stream's lock. */
    List<Object> pending = new ArrayList<>();
    /** Set when unsubscribed or evicted. Guarded by the stream's lock. */
    boolean removed;
    /**
     * Whether video inter frames are withheld until the next keyframe, so the decoder never gets a
     * frame whose references it missed: set when joining without a cached GOP and when a new
     * publisher starts; cleared by the first keyframe sent.
     */
    volatile boolean awaitingKeyFrame;

    Subscriber(RtmpSession session, NetStream stream, Predicate<String> acceptsFourCc) {
        this.session = session;
        this.stream = stream;
        this.streamId = stream.id();
        this.acceptsFourCc = acceptsFourCc;
    }

    /** @return whether media of {@code kind} may be sent now; a keyframe ends the wait */
    boolean admits(MediaKind kind) {
        if (awaitingKeyFrame) {
            if (kind == MediaKind.VIDEO_FRAME) {
                return false;
            }
            if (kind == MediaKind.VIDEO_KEY_FRAME) {
                awaitingKeyFrame = false;
            }
        }
        return true;
    }

    boolean accepts(String videoFourCc) {
        return videoFourCc == null || acceptsFourCc.test(videoFourCc);
    }

    @Override
    public String toString() {
        return session.id() + "/" + streamId;
    }
}
