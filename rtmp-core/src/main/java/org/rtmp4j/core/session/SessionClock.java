package org.rtmp4j.core.session;

/**
 * Deadlines and pings for one server session, driven by {@code onTick(nowNanos)} so tests can use
 * fake time. The handshake and connect deadlines are absolute from the start (trickling bytes
 * never extends them); the idle deadline restarts whenever bytes arrive. Not thread-safe except
 * {@link #lastRttMillis()}.
 */
final class SessionClock {
    private final long handshakeNanos;
    private final long connectNanos;
    private final long idleNanos;
    private final long pingNanos;
    private boolean started;
    private long start;
    private long now;
    private long lastReceived;
    private long lastPingSent;
    private int pendingPingMillis = -1;
    private volatile long lastRttMillis = -1;

    SessionClock(SessionConfig config) {
        this.handshakeNanos = config.handshakeTimeout().toNanos();
        this.connectNanos = config.connectTimeout().toNanos();
        this.idleNanos = config.idleTimeout().toNanos();
        this.pingNanos = config.pingInterval().toNanos();
    }

    void start(long nowNanos) {
        started = true;
        start = nowNanos;
        now = nowNanos;
        lastReceived = nowNanos;
        lastPingSent = nowNanos;
    }

    /** Bytes arrived: restarts the idle deadline (at the last known time). */
    void received() {
        lastReceived = now;
    }

    /**
     * Advances time.
     *
     * @return a description of the deadline that expired, or {@code null}
     */
    String tick(long nowNanos, boolean handshakeDone, boolean connected) {
        if (!started) {
            start(nowNanos);
            return null;
        }
        now = nowNanos;
        if (!handshakeDone && now - start >= handshakeNanos) {
            return "handshake not complete within " + handshakeNanos / 1_000_000 + " ms";
        }
        if (!connected && now - start >= connectNanos) {
            return "no accepted connect within " + connectNanos / 1_000_000 + " ms";
        }
        if (now - lastReceived >= idleNanos) {
            return "idle: nothing received for " + (now - lastReceived) / 1_000_000 + " ms";
        }
        return null;
    }

    /** @return whether nothing was received, and no ping sent, for a whole ping interval */
    boolean pingDue() {
        return pingNanos > 0 && now - lastPingSent >= pingNanos && now - lastReceived >= pingNanos;
    }

    /** @return the Ping Request timestamp in ms since the start */
    int startPing() {
        lastPingSent = now;
        pendingPingMillis = millis();
        return pendingPingMillis;
    }

    void pingResponse(int pingTimestamp) {
        if (pendingPingMillis >= 0 && pingTimestamp == pendingPingMillis) {
            lastRttMillis = Math.max(0, millis() - pingTimestamp);
            pendingPingMillis = -1;
        }
    }

    long lastRttMillis() {
        return lastRttMillis;
    }

    long now() {
        return now;
    }

    private int millis() {
        return (int) ((now - start) / 1_000_000L);
    }
}
