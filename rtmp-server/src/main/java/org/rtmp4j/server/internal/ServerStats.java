package org.rtmp4j.server.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of one server, updated by its loops, and the connection slots (global and per
 * peer IP address). Thread-safe.
 */
public final class ServerStats implements NioTransport.Listener {
    private final AtomicInteger active = new AtomicInteger();
    private final LongAdder total = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final LongAdder rejectedPerIp = new LongAdder();
    private final ConcurrentHashMap<InetAddress, AtomicInteger> perIp = new ConcurrentHashMap<>();
    private final LongAdder in = new LongAdder();
    private final LongAdder out = new LongAdder();

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

    /**
     * Reserves a connection slot, globally and for the peer's IP address.
     *
     * @param max the connection limit
     * @param maxPerIp the limit per peer IP address
     * @param peer the peer's address ({@code null}: only the global limit applies)
     * @return {@code false} (and counts a rejection) if {@code max} connections are active, or
     *     {@code maxPerIp} from the peer's IP address
     */
    public boolean tryOpen(int max, int maxPerIp, SocketAddress peer) {
        InetAddress ip = ip(peer);
        if (ip != null) {
            boolean[] full = new boolean[1];
            perIp.compute(ip, (k, n) -> {
                AtomicInteger c = n != null ? n : new AtomicInteger();
                if (c.get() >= maxPerIp) {
                    full[0] = true;
                } else {
                    c.incrementAndGet();
                }
                return c.get() == 0 ? null : c;
            });
            if (full[0]) {
                rejected.increment();
                rejectedPerIp.increment();
                return false;
            }
        }
        if (!tryOpen(max)) {
            releaseIp(ip);
            return false;
        }
        return true;
    }

    /** Releases a slot reserved by {@link #tryOpen} for a connection that never started. */
    public void release() {
        active.decrementAndGet();
    }

    /**
     * Releases a slot reserved by {@link #tryOpen(int, int, SocketAddress)} for a connection that
     * never started.
     *
     * @param peer the address passed to {@code tryOpen}
     */
    public void release(SocketAddress peer) {
        active.decrementAndGet();
        releaseIp(ip(peer));
    }

    /**
     * @param peer a peer's address
     * @return connections open now from that peer's IP address
     */
    public int activeFrom(SocketAddress peer) {
        InetAddress ip = ip(peer);
        AtomicInteger n = ip == null ? null : perIp.get(ip);
        return n == null ? 0 : n.get();
    }

    /** @return connections refused because of the per-IP limit (also counted in {@link #rejected()}) */
    public long rejectedPerIp() {
        return rejectedPerIp.sum();
    }

    private void releaseIp(InetAddress ip) {
        if (ip == null) {
            return;
        }
        perIp.computeIfPresent(ip, (k, n) -> n.decrementAndGet() <= 0 ? null : n);
    }

    private static InetAddress ip(SocketAddress a) {
        return a instanceof InetSocketAddress i ? i.getAddress() : null;
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
        releaseIp(ip(transport.remoteAddress()));
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
