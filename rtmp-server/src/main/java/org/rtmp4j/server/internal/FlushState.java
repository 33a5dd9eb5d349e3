package org.rtmp4j.server.internal;

/**
 * One connection's flush bookkeeping towards its {@link EventLoop}: <em>dirty</em> (output queued:
 * flush at the end of this iteration, or after the loop's merged-write delay), <em>urgent</em>
 * (flush at the end of this iteration even under merged writes: commands, control, handshakes) and
 * <em>held</em> (only holdable audio is queued: it waits for the connection's next unheld write or
 * its deadline, DESIGN-NOTES.md "Audio rides with video (issue 17)"). One instance per connection,
 * made with it: holding a message allocates nothing.
 *
 * <p>Thread-safety: loop thread only.
 */
final class FlushState {
    private final EventLoop loop;
    private final LoopChannel owner;
    private boolean dirty;
    private boolean urgent;
    /** Held output waits for {@link #deadline}; the connection is counted in the loop's {@link HeldWrites}. */
    boolean held;
    /** Whether this state is in the loop's held list (possibly no longer held: a stale entry). */
    boolean listed;
    /** {@code System.nanoTime()} by which held output is flushed; valid while {@link #held}. */
    long deadline;

    /**
     * @param loop the connection's loop
     * @param owner the connection, flushed by the loop
     */
    FlushState(EventLoop loop, LoopChannel owner) {
        this.loop = loop;
        this.owner = owner;
    }

    /** Output was queued that must not wait for a hold: flush with this iteration (or the merge delay), held output first. */
    void markDirty() {
        if (held) {
            held = false;
            loop.heldWrites().released();
        }
        promote();
    }

    /** The hold is over (the loop's {@link HeldWrites} already uncounted it): flush as any dirty connection. */
    void promote() {
        if (!dirty) {
            dirty = true;
            loop.markDirty(owner);
        }
    }

    /** After {@link #markDirty()}: flush at the end of this iteration even under merged writes. */
    void markUrgent() {
        if (!urgent) {
            urgent = true;
            loop.markUrgent(owner);
        }
    }

    /**
     * Holdable output was queued: unless a flush is already due (dirty) or an earlier hold runs,
     * waits at most {@code holdNanos}.
     *
     * @param holdNanos the longest wait, nanoseconds (&gt; 0)
     */
    void hold(long holdNanos) {
        if (dirty || held) {
            return; // leaves with the due flush, or by the earlier (shorter) deadline
        }
        held = true;
        deadline = System.nanoTime() + holdNanos;
        loop.heldWrites().add(this);
    }

    /** The connection flushed (its queue, held output included, went to the socket as far as it could). */
    void flushed() {
        dirty = false;
        urgent = false;
        if (held) {
            held = false;
            loop.heldWrites().released();
        }
    }

    /** The connection closed: nothing is held any more. */
    void closed() {
        if (held) {
            held = false;
            loop.heldWrites().released();
        }
    }

    /** @return whether a flush was asked for and not yet done */
    boolean dirty() {
        return dirty;
    }

    /** @return whether the connection's output waits for its hold deadline or its next write */
    boolean isHeld() {
        return held;
    }
}
