package org.rtmp4j.server.internal;

import java.net.InetAddress;
import java.util.concurrent.RejectedExecutionException;

/**
 * One accepted connection's place in its peer IP address's accounting ({@link PeerLimits}): pending
 * (not yet a publisher or player), established, or released. Created by the {@link Acceptor};
 * the state is guarded by the {@link PeerLimits} that made it, the transport by the connection's
 * loop thread.
 */
public final class PeerSlot {
    /** Where a connection stands in the per-IP accounting. */
    enum State { PENDING, ESTABLISHED, RELEASED }

    private final InetAddress ip;
    private final EventLoop loop;
    /** Guarded by the owning {@link PeerLimits}. */
    State state = State.PENDING;
    /** Loop thread only. */
    private NioTransport transport;
    /** Loop thread only. */
    private boolean evicted;

    PeerSlot(InetAddress ip, EventLoop loop) {
        this.ip = ip;
        this.loop = loop;
    }

    /** @return the peer's IP address, or {@code null} when unknown (no per-IP accounting) */
    public InetAddress ip() {
        return ip;
    }

    /**
     * Binds the connection's transport; loop thread only (the loop passed to the acceptor's callback).
     *
     * @param t the connection's transport
     * @return {@code false} if the slot was evicted before its connection started: close it
     */
    public boolean attach(NioTransport t) {
        transport = t;
        return !evicted;
    }

    /**
     * Closes the connection on its loop (the oldest pending connection of its address made room).
     * Any thread; nothing happens when the loop has terminated (its connections are closed).
     */
    void evict() {
        try {
            loop.execute(() -> {
                evicted = true;
                if (transport != null) {
                    transport.closeNow(null);
                }
            });
        } catch (RejectedExecutionException terminated) {
            // the server stopped: every connection of that loop is closed already
        }
    }

    @Override
    public String toString() {
        return "PeerSlot[" + ip + ", " + (transport != null ? transport.remoteAddress() : "starting") + "]";
    }
}
