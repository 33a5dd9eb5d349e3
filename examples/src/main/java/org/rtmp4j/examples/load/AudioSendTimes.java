package org.rtmp4j.examples.load;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where audio latency comes from: real AAC frames cannot carry their send time, so the synthetic publisher
 * records each audio frame's {@link System#nanoTime()} here, by frame number, and the players (same JVM) look
 * it up from the frame's RTMP timestamp ({@link SyntheticAudio#frameIndex}). This is the actual send time,
 * not {@code start + timestamp}: a publisher whose loop ran late is not credited with the delay.
 *
 * <p>A ring of {@value #SLOTS} frames (about 6 minutes of audio); each slot holds the frame number it
 * belongs to, so a frame whose slot was reused (more than 6 minutes late) or whose number was never sent by
 * this publisher (a restarted publisher starts again at frame 0 and overwrites slots as it goes) is reported
 * as unknown rather than mismeasured. Thread-safety: one writer (the publisher's loop), any number of
 * readers; each slot is written send time first, then frame number, both volatile, and read the other way
 * round with the frame number checked again.
 */
final class AudioSendTimes {
    /** Slots in the ring: 2^14 frames, 380 s at 43.07 frames/s. */
    static final int SLOTS = 1 << 14;

    private final AtomicLongArray index = new AtomicLongArray(SLOTS);
    private final AtomicLongArray nanos = new AtomicLongArray(SLOTS);

    /** Empty: every lookup is unknown until frames are recorded. */
    AudioSendTimes() {
        for (int i = 0; i < SLOTS; i++) {
            index.set(i, -1);
        }
    }

    /**
     * Publisher's loop: audio frame {@code frame} was handed to the connection at {@code sendNanos}.
     *
     * @param frame frame number from 0
     * @param sendNanos {@link System#nanoTime()} when it was sent
     */
    void sent(long frame, long sendNanos) {
        int slot = (int) (frame & (SLOTS - 1));
        index.set(slot, -1);
        nanos.set(slot, sendNanos);
        index.set(slot, frame);
    }

    /**
     * @param timestampMs a received audio frame's timestamp in the publisher's time base (ms)
     * @return its send time, or {@link Long#MIN_VALUE} if no frame with that timestamp is recorded
     */
    long sendNanos(long timestampMs) {
        long frame = SyntheticAudio.frameIndex(timestampMs);
        if (frame < 0) {
            return Long.MIN_VALUE;
        }
        int slot = (int) (frame & (SLOTS - 1));
        if (index.get(slot) != frame) {
            return Long.MIN_VALUE;
        }
        long n = nanos.get(slot);
        return index.get(slot) == frame ? n : Long.MIN_VALUE;
    }
}
