package org.rtmp4j.server.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * The connection limits per peer IP address, in two classes:
 *
 * <ul>
 *   <li><b>Pending</b>: connections that have not yet become a publisher or player (handshake,
 *       {@code connect}, idle). At most {@code maxPendingPerIp} per address; one more closes the
 *       <em>oldest</em> pending connection of that address rather than refusing the new one, so a
 *       flood of idle sockets cannot lock out a real client behind the same address (a carrier-grade
 *       NAT, an office, a load test).</li>
 *   <li><b>Established</b>: connections that publish or play (counted from the moment their first
 *       {@code publish} or {@code play} is let through, RTMP 1.0 §7.2.2.6 and §7.2.2.1, until they
 *       close; one whose request is rejected while nothing of it publishes or plays is pending
 *       again). At most {@code maxEstablishedPerIp} per address when it is positive ({@code 0}: no
 *       limit); one more publish or play is refused.</li>
 * </ul>
 *
 * <p>Connections whose peer address is unknown are not limited. Thread-safe (one lock; the acceptor
 * and the connections' loops call it).
 */
public final class PeerLimits {
    private final int maxPendingPerIp;
    private final int maxEstablishedPerIp;
    private final Map<InetAddress, Peer> peers = new HashMap<>();
    private long evicted;
    private long refused;

    /** The connections of one address. */
    private static final class Peer {
        final ArrayDeque<PeerSlot> pending = new ArrayDeque<>();
        int established;
    }

    /**
     * What {@link #admit} decided.
     *
     * @param slot the new connection's slot
     * @param evicted the oldest pending connection of the address, to be closed ({@link
     *     PeerSlot#evict}), or {@code null}
     */
    public record Admission(PeerSlot slot, PeerSlot evicted) {}

    /**
     * @param maxPendingPerIp most pending connections per address, at least 1
     * @param maxEstablishedPerIp most established connections per address, {@code 0} for no limit
     * @throws IllegalArgumentException if a limit is out of range
     */
    public PeerLimits(int maxPendingPerIp, int maxEstablishedPerIp) {
        if (maxPendingPerIp < 1 || maxEstablishedPerIp < 0) {
            throw new IllegalArgumentException("per-IP limits out of range: pending " + maxPendingPerIp
                    + " (>= 1), established " + maxEstablishedPerIp + " (>= 0)");
        }
        this.maxPendingPerIp = maxPendingPerIp;
        this.maxEstablishedPerIp = maxEstablishedPerIp;
    }

    /** @return limits that never evict or refuse */
    public static PeerLimits unlimited() {
        return new PeerLimits(Integer.MAX_VALUE, 0);
    }

    /** @return most pending connections per address */
    public int maxPendingPerIp() {
        return maxPendingPerIp;
    }

    /** @return most established connections per address, {@code 0} for no limit */
    public int maxEstablishedPerIp() {
        return maxEstablishedPerIp;
    }

    /**
     * Admits a new connection as pending; when its address already has {@code maxPendingPerIp}
     * pending connections, the oldest of them is released and returned for closing.
     *
     * @param remote the peer's address ({@code null} or not an {@link InetSocketAddress}: unlimited)
     * @param loop the loop that will serve the connection
     * @return the new slot and the connection to close, if any
     */
    public synchronized Admission admit(SocketAddress remote, EventLoop loop) {
        InetAddress ip = remote instanceof InetSocketAddress a ? a.getAddress() : null;
        PeerSlot slot = new PeerSlot(ip, loop);
        return new Admission(slot, ip == null ? null : enqueue(slot));
    }

    /** Adds {@code slot} to its address's pending connections; @return the oldest one it displaces, or null */
    private PeerSlot enqueue(PeerSlot slot) {
        Peer p = peers.computeIfAbsent(slot.ip(), k -> new Peer());
        slot.state = PeerSlot.State.PENDING;
        p.pending.addLast(slot);
        if (p.pending.size() <= maxPendingPerIp) {
            return null;
        }
        PeerSlot oldest = p.pending.pollFirst();
        oldest.state = PeerSlot.State.RELEASED;
        evicted++;
        return oldest;
    }

    /**
     * Makes a pending connection established, when its address has room.
     *
     * @param slot the connection's slot
     * @return {@code false} if {@code maxEstablishedPerIp} connections of its address are established
     *     (counted in {@link #refusedEstablished()}); {@code true} otherwise, also when already
     *     established or released
     */
    public synchronized boolean tryEstablish(PeerSlot slot) {
        if (slot.state != PeerSlot.State.PENDING || slot.ip() == null) {
            return true;
        }
        Peer p = peers.get(slot.ip());
        if (maxEstablishedPerIp > 0 && p.established >= maxEstablishedPerIp) {
            refused++;
            return false;
        }
        p.pending.remove(slot);
        p.established++;
        slot.state = PeerSlot.State.ESTABLISHED;
        return true;
    }

    /**
     * Makes an established connection pending again (its publish or play was rejected and it has
     * nothing else), as the newest of its address.
     *
     * @param slot the connection's slot
     * @return the oldest pending connection it displaces, to be closed, or {@code null}
     */
    public synchronized PeerSlot demote(PeerSlot slot) {
        if (slot.state != PeerSlot.State.ESTABLISHED || slot.ip() == null) {
            return null;
        }
        peers.get(slot.ip()).established--;
        return enqueue(slot);
    }

    /**
     * Forgets a connection (closed, or never started). Idempotent.
     *
     * @param slot the connection's slot
     */
    public synchronized void release(PeerSlot slot) {
        PeerSlot.State was = slot.state;
        slot.state = PeerSlot.State.RELEASED;
        if (was == PeerSlot.State.RELEASED || slot.ip() == null) {
            return;
        }
        Peer p = peers.get(slot.ip());
        if (was == PeerSlot.State.PENDING) {
            p.pending.remove(slot);
        } else {
            p.established--;
        }
        if (p.pending.isEmpty() && p.established == 0) {
            peers.remove(slot.ip());
        }
    }

    /**
     * @param ip a peer's IP address
     * @return its connections that do not publish or play yet
     */
    public synchronized int pendingFrom(InetAddress ip) {
        Peer p = peers.get(ip);
        return p == null ? 0 : p.pending.size();
    }

    /**
     * @param ip a peer's IP address
     * @return its connections that publish or play
     */
    public synchronized int establishedFrom(InetAddress ip) {
        Peer p = peers.get(ip);
        return p == null ? 0 : p.established;
    }

    /** @return pending connections closed to make room for a newer one of the same address */
    public synchronized long evictedPending() {
        return evicted;
    }

    /** @return publishes and plays refused because of {@code maxEstablishedPerIp} */
    public synchronized long refusedEstablished() {
        return refused;
    }
}
