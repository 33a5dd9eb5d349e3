package org.rtmp4j.server.rtmpt;

/**
 * The first byte of every RTMPT reply but {@code /open}: how long the client may wait before its next
 * poll, as librtmp and Red5 read it, 0x01 to 0x21. It grows while the session is idle (1, 2, 3, 5, 9, 17,
 * 33: the wait doubles) and drops back to 1 as soon as bytes flow either way, so an idle player polls less
 * and a busy one at once. Clients may ignore it (ffmpeg waits 50 ms between empty polls whatever it says).
 * Not thread-safe: one per session, on its loop.
 */
final class PollingDelay {
    /** Sent while data flows. */
    static final int MIN = 0x01;
    /** The longest delay, after about six idle replies. */
    static final int MAX = 0x21;

    private int idleSteps;

    /**
     * @param dataFlowed whether the request carried RTMP bytes or the reply does
     * @return the byte to send first, {@link #MIN} to {@link #MAX}
     */
    int next(boolean dataFlowed) {
        if (dataFlowed) {
            idleSteps = 0;
            return MIN;
        }
        int delay = idleSteps == 0 ? MIN : Math.min(MAX, (1 << (idleSteps - 1)) + 1);
        if (delay < MAX) {
            idleSteps++;
        }
        return delay;
    }
}
