package org.rtmp4j.server;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.RtmpControllerFactory;
import org.rtmp4j.core.session.ServerConnection;
import org.rtmp4j.core.session.SessionConfig;
import org.rtmp4j.server.internal.ClientEntry;
import org.rtmp4j.server.internal.ConnectionHandler;
import org.rtmp4j.server.internal.NioTransport;
import org.rtmp4j.server.internal.PeerLimitController;
import org.rtmp4j.server.internal.PeerLimits;
import org.rtmp4j.server.internal.PeerSlot;

/**
 * The RTMP protocol of a server's RTMP listener and the registry of its open RTMP connections: makes
 * one sans-I/O {@link ServerConnection} per accepted connection (RTMP 1.0 §5.2 handshake onwards)
 * with the application's controller, keeps it in the set while it is open, and tells the drain when
 * one leaves. Thread-safe: {@link #open} runs on loop threads, the rest on any thread.
 */
final class ServerConnections implements ListenerProtocol {
    private final Set<ServerConnection> open = ConcurrentHashMap.newKeySet();
    private final SessionConfig sessionConfig;
    private final RtmpControllerFactory controllers;
    private final PeerLimits peerLimits;
    private final LongSupplier nanoClock;
    private final boolean systemClock;
    private volatile Runnable onClosed = () -> {};

    /**
     * @param sessionConfig per-connection settings and limits
     * @param controllers makes each connection's controller
     * @param peerLimits the per-IP limits: a publisher or player leaves the pending class (and may be
     *     refused by the established cap) through a {@link PeerLimitController} around each controller
     * @param nanoClock the deadlines' clock
     * @param systemClock whether {@code nanoClock} is {@link System#nanoTime()} (then the loop's tick time is used)
     */
    ServerConnections(SessionConfig sessionConfig, RtmpControllerFactory controllers, PeerLimits peerLimits,
            LongSupplier nanoClock, boolean systemClock) {
        this.sessionConfig = sessionConfig;
        this.controllers = controllers;
        this.peerLimits = peerLimits;
        this.nanoClock = nanoClock;
        this.systemClock = systemClock;
    }

    @Override
    public String name() {
        return "RTMP";
    }

    @Override
    public ConnectionHandler open(NioTransport transport, PeerSlot slot) {
        RtmpControllerFactory perConnection =
                session -> new PeerLimitController(controllers.create(session), slot, peerLimits);
        ServerConnection connection = new ServerConnection(sessionConfig, perConnection, transport, nanoClock.getAsLong());
        connection.transportProtocol(transport.tls() != null ? "rtmps" : "rtmp");
        open.add(connection);
        ClientEntry entry = transport.listener() instanceof ClientEntry e ? e : null;
        if (entry != null) {
            entry.detail(new RtmpClientDetail(connection));
        }
        return new EngineHandler(connection, entry);
    }

    /**
     * Makes the engine of a connection that has no socket of its own (an RTMPT session): the same engine,
     * controller and registration as {@link #open}, without the per-IP slot (the HTTP connections that carry
     * it hold those).
     *
     * @param transport the session's transport
     * @param entry its place in the client list
     * @return the handler to feed it
     */
    ConnectionHandler openTunnelled(org.rtmp4j.core.session.Transport transport, ClientEntry entry) {
        ServerConnection connection = new ServerConnection(sessionConfig, controllers, transport, nanoClock.getAsLong());
        connection.transportProtocol(entry.protocol());
        open.add(connection);
        entry.detail(new RtmpClientDetail(connection));
        return new EngineHandler(connection, entry);
    }

    /** @param callback runs on a loop thread after each connection closed (the drain counts them) */
    void onConnectionClosed(Runnable callback) {
        this.onClosed = callback;
    }

    /** @return the live set of open engines (the drain reads and empties-watches it) */
    Set<ServerConnection> liveSet() {
        return open;
    }

    /** @return a snapshot of the open engines */
    Collection<ServerConnection> snapshot() {
        return List.copyOf(open);
    }

    /**
     * @param stats the transport counters (connections, bytes)
     * @return the server's metrics: transport counters plus the streams and drops of the open engines
     */
    ServerMetrics metrics(org.rtmp4j.server.internal.ServerStats stats) {
        int publishers = 0;
        int players = 0;
        long dropped = 0;
        for (ServerConnection c : open) {
            for (NetStream s : c.streams()) {
                if (s.state() == NetStream.State.PUBLISHING) {
                    publishers++;
                } else if (s.state() == NetStream.State.PLAYING) {
                    players++;
                }
            }
            dropped += c.stats().droppedMediaMessages();
        }
        return new ServerMetrics(stats.active(), stats.total(), stats.rejected(), stats.bytesIn(), stats.bytesOut(),
                publishers, players, dropped, peerLimits.evictedPending());
    }

    /** Adapts one engine to its transport's callbacks. */
    private final class EngineHandler implements ConnectionHandler {
        private final ServerConnection connection;
        private final ClientEntry entry;
        /** Whether the close cause was looked at (loop thread only). */
        private boolean errorCounted;

        EngineHandler(ServerConnection connection, ClientEntry entry) {
            this.connection = connection;
            this.entry = entry;
        }

        @Override
        public void onBytes(ByteBuffer in) {
            connection.onBytes(in);
            countError();
        }

        @Override
        public void onTick(long nowNanos) {
            connection.onTick(systemClock ? nowNanos : nanoClock.getAsLong());
            countError();
        }

        /**
         * Counts the protocol error that ended the engine, once, right after the call that ended it (so
         * before its FIN goes out) or at the latest when the transport closed.
         */
        private void countError() {
            if (errorCounted || !connection.isClosed()) {
                return;
            }
            errorCounted = true;
            String error = RtmpClientDetail.errorKind(connection.closeCause());
            if (error != null && entry != null) {
                entry.protocolError(error);
            }
        }

        @Override
        public void onTransportClosed(Throwable causeOrNull) {
            open.remove(connection);
            connection.onTransportClosed(causeOrNull);
            countError();
            onClosed.run();
        }
    }
}
