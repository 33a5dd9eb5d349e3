package org.rtmp4j.server.internal;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of one server, updated by its loops, and the global connection slots (the per-IP
 * ones are in {@link PeerLimits}). Thread-safe.
 */
public final class ServerStats implements NioTransport.Listener {
    private final AtomicInteger active = new AtomicInteger();
    private final LongAdder total = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder in = new LongAdder();
    private final LongAdder out = new LongAdder();
    private final ClientRegistry clients = new ClientRegistry();

    /** @return the open connections by id and the protocol errors by kind */
    public ClientRegistry clients() {
        return clients;
    }

    /**
     * Reserves a connection slot.
     *
     * @param max the connection limit
     * @return {@code false} (and counts a rejection) if {@code max} connections are active
     */
    public boolean tryOpen(int max) {
        while (true) {
            int a = active.get();
            if (a >= max) {
                rejected.increment();
                return false;
            }
            if (active.compareAndSet(a, a + 1)) {
                total.increment();
                return true;
            }
        }
    }

    /** Releases a slot reserved by {@link #tryOpen} for a connection that never started. */
    public void release() {
        active.decrementAndGet();
    }

    @Override
    public void bytesIn(long n) {
        in.add(n);
    }

    @Override
    public void bytesOut(long n) {
        out.add(n);
    }

    @Override
    public void closed(NioTransport transport) {
        active.decrementAndGet();
    }

    /** @return connections open now */
    public int active() {
        return active.get();
    }

    /** @return connections accepted since start */
    public long total() {
        return total.sum();
    }

    /** @return connections refused because of the connection limit */
    public long rejected() {
        return rejected.sum();
    }

    /** @return bytes read */
    public long bytesIn() {
        return in.sum();
    }

    /** @return bytes written */
    public long bytesOut() {
        return out.sum();
    }
}
