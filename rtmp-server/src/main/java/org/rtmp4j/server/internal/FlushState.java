package org.rtmp4j.server.internal;

/**
 * One connection's flush bookkeeping towards its {@link EventLoop}, the base class of {@link
 * NioTransport} so that these fields live in the transport object itself: the fan-out touches one
 * object per player per message for them, not two (the A/B against a separate state object stayed
 * within the benchmark's noise, DESIGN-NOTES.md "Fan-out measured with a warm JIT and a steady
 * column"). <em>Dirty</em> (output queued:
 * flush at the end of this iteration, or after the loop's merged-write delay), <em>urgent</em>
 * (flush at the end of this iteration even under merged writes: commands, control, handshakes) and
 * <em>held</em> (only holdable audio is queued: it waits for the connection's next unheld write or
 * its deadline, DESIGN-NOTES.md "Audio rides with video (issue 17)"). Holding a message allocates
 * nothing.
 *
 * <p>Thread-safety: loop thread only.
 */
abstract class FlushState implements LoopChannel {
    /** The loop the connection is confined to. */
    final EventLoop loop;
    private boolean dirty;
    private boolean urgent;
    /** Held output waits for {@link #deadline}; the connection is counted in the loop's {@link HeldWrites}. */
    boolean held;
    /** Whether this state is in the loop's held list (possibly no longer held: a stale entry). */
    boolean listed;
    /** {@code System.nanoTime()} by which held output is flushed; valid while {@link #held}. */
    long deadline;

    /** @param loop the connection's loop */
    FlushState(EventLoop loop) {
        this.loop = loop;
    }

    /** Output was queued that must not wait for a hold: flush with this iteration (or the merge delay), held output first. */
    final void flagDirty() {
        if (held) {
            held = false;
            loop.heldWrites().released();
        }
        promote();
    }

    /** The hold is over (the loop's {@link HeldWrites} already uncounted it): flush as any dirty connection. */
    final void promote() {
        if (!dirty) {
            dirty = true;
            loop.markDirty(this);
        }
    }

    /** After {@link #flagDirty()}: flush at the end of this iteration even under merged writes. */
    final void flagUrgent() {
        if (!urgent) {
            urgent = true;
            loop.markUrgent(this);
        }
    }

    /**
     * Holdable output was queued: unless a flush is already due (dirty) or an earlier hold runs,
     * waits at most {@code holdNanos}.
     *
     * @param holdNanos the longest wait, nanoseconds (&gt; 0)
     */
    final void hold(long holdNanos) {
        if (dirty || held) {
            return; // leaves with the due flush, or by the earlier (shorter) deadline
        }
        held = true;
        deadline = System.nanoTime() + holdNanos;
        loop.heldWrites().add(this);
    }

    /** The connection flushed (its queue, held output included, went to the socket as far as it could). */
    final void flushedState() {
        dirty = false;
        urgent = false;
        if (held) {
            held = false;
            loop.heldWrites().released();
        }
    }

    /** The connection closed: nothing is held any more. */
    final void closedState() {
        if (held) {
            held = false;
            loop.heldWrites().released();
        }
    }

    /** @return whether a flush was asked for and not yet done */
    final boolean dirtyFlag() {
        return dirty;
    }

    /** @return whether queued output waits for its hold deadline or this connection's next write. Loop thread. */
    public final boolean isHeld() {
        return held;
    }
}
