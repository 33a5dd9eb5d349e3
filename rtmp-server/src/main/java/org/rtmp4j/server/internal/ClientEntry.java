package org.rtmp4j.server.internal;

import java.net.SocketAddress;
import java.time.Instant;
import org.rtmp4j.server.ClientInfo;

/**
 * One open connection in a {@link ClientRegistry}: its id, accept time, own byte counters, and the
 * {@link ClientDetail} its protocol sets. As the transport's {@link NioTransport.Listener} it counts
 * the connection's bytes and forwards every event to the server's {@link ServerStats}; on close it
 * leaves the registry.
 *
 * <p>Thread-safety: the byte counters have one writer, the connection's loop thread, and are read
 * racily from any thread; {@link #detail} is volatile.
 */
public final class ClientEntry implements NioTransport.Listener {
    private final long id;
    private final String protocol;
    private final Instant since;
    private final ServerStats stats;
    private final ClientRegistry registry;
    private volatile NioTransport transport;
    private volatile SocketAddress tunnelledFrom;
    private volatile ClientDetail detail;
    private volatile long in;
    private volatile long out;

    ClientEntry(long id, String protocol, Instant since, ServerStats stats, ClientRegistry registry) {
        this.id = id;
        this.protocol = protocol;
        this.since = since;
        this.stats = stats;
        this.registry = registry;
    }

    /** @return the id, unique in the server */
    public long id() {
        return id;
    }

    /**
     * @return what carries the connection: {@code rtmp}, {@code rtmps}, {@code rtmpt}, {@code rtmpts}, {@code http}
     *     or {@code https}
     */
    public String protocol() {
        return protocol;
    }

    /** @param t the transport counted by this entry, set once right after it is made */
    public void bind(NioTransport t) {
        this.transport = t;
    }

    /**
     * For a connection without a socket of its own (an RTMPT session, whose bytes travel in HTTP requests
     * that their own connections count): the peer it is listed with.
     *
     * @param remote the address of the HTTP peer that opened it
     */
    public void tunnelledFrom(SocketAddress remote) {
        this.tunnelledFrom = remote;
    }

    /**
     * Counts a tunnelled connection's bytes for this client only; the server's totals already count them
     * as the carrying HTTP connections' bytes.
     *
     * @param n bytes received
     * @param m bytes sent
     */
    public void tunnelledBytes(long n, long m) {
        in += n;
        out += m;
    }

    /** @param d what the protocol says about the connection; replaces the previous one */
    public void detail(ClientDetail d) {
        this.detail = d;
    }

    /** @return the detail set last, or {@code null} */
    public ClientDetail detail() {
        return detail;
    }

    @Override
    public void bytesIn(long n) { // one writer, the loop thread: a volatile read-add-write is enough
        in += n;
        stats.bytesIn(n);
    }

    @Override
    public void bytesOut(long n) {
        out += n;
        stats.bytesOut(n);
    }

    @Override
    public void closed(NioTransport t) {
        registry.remove(this);
        stats.closed(t);
    }

    /** @param kind the kind of a protocol error that closes this connection; counted by the registry */
    public void protocolError(String kind) {
        registry.protocolError(kind);
    }

    /** Ends the connection: through its protocol if it can, else the transport closes at once. Any thread. */
    void close() {
        ClientDetail d = detail;
        if (d != null && d.close()) {
            return;
        }
        NioTransport t = transport;
        if (t != null) {
            t.execute(() -> t.closeNow(null));
        }
    }

    /** @return the snapshot */
    ClientInfo info() {
        NioTransport t = transport;
        SocketAddress remote = t == null ? tunnelledFrom : t.remoteAddress();
        ClientDetail d = detail;
        String kind = d == null ? protocol : d.kind();
        long rtt = d == null ? -1 : d.rttMillis();
        return new ClientInfo(id, kind, remote, d == null ? null : d.stream(), in, out, since,
                rtt < 0 ? null : rtt, d == null ? 0 : d.droppedMessages(), protocol);
    }
}
