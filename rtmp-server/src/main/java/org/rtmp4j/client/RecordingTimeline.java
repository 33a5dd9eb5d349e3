package org.rtmp4j.client;

import org.rtmp4j.core.Timeline;

/**
 * Maps the RTMP timestamps of one recorded stream to FLV tag timestamps (FLV 10.1 §E.4.1:
 * {@code Timestamp} UI24 plus {@code TimestampExtended} UI8, a 32-bit millisecond count).
 *
 * <p>Rules:
 * <ul>
 *   <li><b>Rebased to the first audio or video message.</b> The first message recorded is written at
 *       0 and every later one at its distance from it, like nginx-rtmp's {@code record}. A recording
 *       that starts at any RTMP timestamp, e.g. 2^32 − 10 s, therefore has monotonic timestamps from
 *       0, and a player joining a live stream records a file that starts at 0.</li>
 *   <li><b>Unwrapped.</b> The RTMP timestamps are put on a 64-bit {@link Timeline} first, so crossing
 *       2^24, 2^31 or the 2^32 wrap (RTMP 1.0 §5.3.1.2.1) is invisible in the file.</li>
 *   <li>A message whose timestamp lies before the first one (audio interleaved a few ms behind the
 *       first video frame) is written at 0, since FLV timestamps are unsigned.</li>
 *   <li><b>The FLV limit.</b> One recording can span 2^32 − 1 ms (about 49.7 days) of media time.
 *       Beyond that the FLV timestamps wrap modulo 2^32 (the file jumps back to 0); split longer
 *       recordings into several files.</li>
 * </ul>
 *
 * <p>Not thread-safe: one instance per recorded stream, fed in arrival order.
 */
public final class RecordingTimeline {
    private final Timeline timeline = new Timeline();
    private long first;

    /** Creates a timeline whose first message will be written at 0. */
    public RecordingTimeline() {}

    /**
     * The FLV tag timestamp for an audio or video message.
     *
     * @param rtmpTimestamp the message's RTMP timestamp, ms (unsigned 32-bit held in an int)
     * @return the FLV timestamp, ms (unsigned 32-bit held in an int): {@code max(0, unwrapped -
     *     unwrapped of the first message)}, modulo 2^32
     */
    public int flvTimestamp(int rtmpTimestamp) {
        boolean isFirst = !timeline.isStarted();
        long unwrapped = timeline.unwrap(rtmpTimestamp);
        if (isFirst) {
            first = unwrapped;
        }
        return (int) Math.max(0, unwrapped - first);
    }

    /**
     * @return the RTMP timestamp, unwrapped, of the first message (the one written at 0), or -1
     *     before the first message
     */
    public long firstUnwrapped() {
        return timeline.isStarted() ? first : -1;
    }
}
