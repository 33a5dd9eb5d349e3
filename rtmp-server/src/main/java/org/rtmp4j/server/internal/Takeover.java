package org.rtmp4j.server.internal;

import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;

/**
 * Where a connection that takes a stream over from its predecessor without a break (E-RTMP v2,
 * Reconnect Request: the client plays the same stream from the new server while the old one still
 * sends) stands against what was already delivered: it takes over at its first message that is not
 * behind, and its messages the predecessor already delivered are skipped, per type (audio, video).
 *
 * <p>Both connections carry the same stream, so they send the same messages, each at its own pace; the
 * successor often replays the origin's GOP first. A message of the successor is <b>the same</b> as the
 * last delivered one of its type when its timestamp (RTMP 1.0 §5.3.1.2.1, 32-bit ms, read unsigned) and
 * payload size in bytes are equal: once it sends that, it has caught up, and the switch happens there
 * even when the predecessor keeps winning the race for every later message. Taking over only at a
 * strictly newer message would wait forever for a successor that arrives a few microseconds after its
 * predecessor each time.
 *
 * <p>After the switch, each type skips messages older than the last delivered one of that type, and one
 * at the same timestamp with the same size, until its first message past that point (a sequence header
 * and a key frame can share a timestamp; sizes tell them apart).
 *
 * <p>Thread-safety: not thread-safe; callers use it under their lock.
 */
public final class Takeover {
    private static final int AUDIO = 0;
    private static final int VIDEO = 1;

    private final long[] lastTimestamp = {Long.MIN_VALUE, Long.MIN_VALUE};
    private final int[] lastSize = {-1, -1};
    private final boolean[] behind = new boolean[2];

    /** Makes one with nothing delivered. */
    public Takeover() {
    }

    /**
     * Records a message as delivered (on the timeline the successor's messages are compared on).
     *
     * @param media the message as its connection sent it
     */
    public void delivered(MediaMessage media) {
        int type = type(media);
        lastTimestamp[type] = unsigned(media);
        lastSize[type] = media.size();
    }

    /** Forgets what was delivered: after a break, the next connection is not compared with the last. */
    public void forget() {
        for (int type = AUDIO; type <= VIDEO; type++) {
            lastTimestamp[type] = Long.MIN_VALUE;
            lastSize[type] = -1;
            behind[type] = false;
        }
    }

    /**
     * @param media a message of the successor, before the switch
     * @return whether it has caught up: the message is newer than the last delivered one of its type,
     *     or the same one; then switch and call {@link #switched()}
     */
    public boolean caughtUp(MediaMessage media) {
        int type = type(media);
        long ts = unsigned(media);
        return ts > lastTimestamp[type] || ts == lastTimestamp[type] && media.size() == lastSize[type];
    }

    /** The successor delivers from now on: both types are filtered by {@link #isNew} until past the last delivered. */
    public void switched() {
        behind[AUDIO] = true;
        behind[VIDEO] = true;
    }

    /**
     * @param media a message of the connection delivering now
     * @return whether to deliver it: always, unless it took over and this type is not yet past what its
     *     predecessor delivered
     */
    public boolean isNew(MediaMessage media) {
        int type = type(media);
        if (!behind[type]) {
            return true;
        }
        long ts = unsigned(media);
        if (ts < lastTimestamp[type]) {
            return false;
        }
        behind[type] = false;
        return ts > lastTimestamp[type] || media.size() != lastSize[type];
    }

    private static int type(MediaMessage media) {
        return media instanceof AudioMessage ? AUDIO : VIDEO;
    }

    private static long unsigned(MediaMessage media) {
        return media.timestamp() & 0xFFFFFFFFL;
    }
}
