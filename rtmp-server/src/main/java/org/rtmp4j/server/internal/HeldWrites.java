package org.rtmp4j.server.internal;

import java.util.Arrays;

/**
 * The connections of one {@link EventLoop} whose queued output is held audio (DESIGN-NOTES.md,
 * "Audio rides with video (issue 17)"): each waits for its connection's next unheld write, which
 * flushes it (and uncounts it here), or its deadline, when the loop {@linkplain #promoteDue
 * promotes} it to dirty. The loop sleeps at most until the {@linkplain #nanosUntilDue earliest
 * deadline}.
 *
 * <p>Cost: a connection is listed once however often it is held and released; an entry that is no
 * longer held (it left with a video message) stays in the array until the next scan, which drops
 * it, or until no listed connection is held any more, when the list is emptied at once. So the
 * steady state (every player's audio held, then taken out by the next video frame) never scans,
 * never allocates and never wakes the loop for a deadline.
 *
 * <p>Thread-safety: loop thread only.
 */
final class HeldWrites {
    private FlushState[] entries = new FlushState[64];
    private int size;
    /** Listed states that are held. */
    private int held;
    /** The earliest deadline of the held states (may be earlier than any still held); valid while {@code held > 0}. */
    private long earliest;

    /** @param s a state that just became held; its deadline is set */
    void add(FlushState s) {
        if (held == 0 || s.deadline - earliest < 0) {
            earliest = s.deadline;
        }
        held++;
        if (!s.listed) {
            s.listed = true;
            if (size == entries.length) {
                entries = Arrays.copyOf(entries, size * 2);
            }
            entries[size++] = s;
        }
    }

    /** A held state was flushed or closed before its deadline. */
    void released() {
        if (--held == 0) {
            for (int i = 0; i < size; i++) {
                entries[i].listed = false;
                entries[i] = null;
            }
            size = 0;
        }
    }

    /**
     * @param now {@code System.nanoTime()}
     * @return nanoseconds until the earliest deadline (0 or less: due), {@code Long.MAX_VALUE} if nothing is held
     */
    long nanosUntilDue(long now) {
        return held == 0 ? Long.MAX_VALUE : earliest - now;
    }

    /** @return how many connections hold output now */
    int heldCount() {
        return held;
    }

    /**
     * Promotes every held state whose deadline passed to dirty and drops stale entries.
     *
     * @param now {@code System.nanoTime()}
     */
    void promoteDue(long now) {
        if (held == 0 || earliest - now > 0) {
            return;
        }
        int kept = 0;
        boolean any = false;
        long next = 0;
        for (int i = 0; i < size; i++) {
            FlushState s = entries[i];
            entries[i] = null;
            if (s.held && s.deadline - now > 0) {
                entries[kept++] = s;
                if (!any || s.deadline - next < 0) {
                    next = s.deadline;
                    any = true;
                }
                continue;
            }
            s.listed = false;
            if (s.held) {
                s.held = false;
                held--;
                s.promote();
            }
        }
        size = kept;
        earliest = next;
    }
}
