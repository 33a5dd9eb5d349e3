package org.rtmp4j.relay;

/**
 * When an on-demand pull has been without players long enough to close (issue 15 §2): fed the
 * stream's player count at each check, it answers {@code true} once the count has been 0 at every
 * check for at least the idle delay. A player who comes back restarts the count.
 *
 * <p>Thread-safety: not thread-safe; one {@link OnDemandEdge} check at a time calls it.
 */
final class EdgeIdle {
    private final long idleNanos;
    private long idleSince;
    private boolean idle;

    /** @param idleNanos the idle delay in ns, not negative */
    EdgeIdle(long idleNanos) {
        if (idleNanos < 0) {
            throw new IllegalArgumentException("idle delay must not be negative: " + idleNanos);
        }
        this.idleNanos = idleNanos;
    }

    /**
     * @param nowNanos a monotonic time ({@link System#nanoTime()})
     * @param players the stream's players now, of every kind
     * @return whether the pull should close now
     */
    boolean observe(long nowNanos, int players) {
        if (players > 0) {
            idle = false;
            return false;
        }
        if (!idle) {
            idle = true;
            idleSince = nowNanos;
        }
        return nowNanos - idleSince >= idleNanos;
    }
}
