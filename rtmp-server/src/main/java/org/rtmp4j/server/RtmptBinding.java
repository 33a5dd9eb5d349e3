package org.rtmp4j.server;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.rtmp4j.core.session.Transport;
import org.rtmp4j.server.internal.ClientEntry;
import org.rtmp4j.server.internal.ConnectionHandler;
import org.rtmp4j.server.internal.EventLoop;
import org.rtmp4j.server.internal.EventLoopGroup;
import org.rtmp4j.server.internal.ServerStats;
import org.rtmp4j.server.rtmpt.RtmptEngine;
import org.rtmp4j.server.rtmpt.RtmptHost;
import org.rtmp4j.server.rtmpt.RtmptLoop;

/**
 * What a server gives its RTMPT sessions (DESIGN-NOTES.md, "RTMPT"): its event loops, round robin; its
 * clock; and for each session an ordinary RTMP engine from {@link ServerConnections}, counted against the
 * connection limit, listed in {@link RtmpServer#clients()} (kind {@code rtmp}, {@code rtmp-publisher},
 * {@code rtmp-player}, protocol {@code rtmpt} or {@code rtmpts}; a kick ends the session) and in the metrics and the drain. Thread-safe.
 */
final class RtmptBinding implements RtmptHost {
    private final ServerConnections connections;
    private final ServerStats stats;
    private final int maxConnections;
    private final LongSupplier clock;
    private final BooleanSupplier accepting;
    private volatile EventLoopGroup group;

    /**
     * @param connections makes and registers the engines
     * @param stats the server's counters and client list
     * @param maxConnections the server's connection limit, which sessions count against
     * @param clock the deadlines' clock
     * @param accepting false while the server drains or stops: new sessions are refused
     */
    RtmptBinding(ServerConnections connections, ServerStats stats, int maxConnections, LongSupplier clock,
            BooleanSupplier accepting) {
        this.connections = connections;
        this.stats = stats;
        this.maxConnections = maxConnections;
        this.clock = clock;
        this.accepting = accepting;
    }

    /** @param loops the server's loops, once started */
    void start(EventLoopGroup loops) {
        this.group = loops;
    }

    @Override
    public RtmptLoop nextLoop() {
        EventLoopGroup g = group;
        if (g == null) {
            throw new IllegalStateException("server not started");
        }
        return new Loop(g.next());
    }

    @Override
    public long nanoTime() {
        return clock.getAsLong();
    }

    @Override
    public RtmptEngine open(Transport transport, SocketAddress remote, boolean overTls) {
        if (!accepting.getAsBoolean() || !stats.tryOpen(maxConnections)) {
            return null;
        }
        ClientEntry entry = stats.clients().open(overTls ? "rtmpts" : "rtmpt", stats);
        entry.tunnelledFrom(remote);
        return new Engine(connections.openTunnelled(transport, entry), entry);
    }

    /** One session's engine and client entry. */
    private record Engine(ConnectionHandler handler, ClientEntry entry) implements RtmptEngine {
        @Override
        public void onBytes(ByteBuffer in) {
            handler.onBytes(in);
        }

        @Override
        public void onTick(long nowNanos) {
            handler.onTick(nowNanos);
        }

        @Override
        public void countBytes(long in, long out) {
            entry.tunnelledBytes(in, out);
        }

        @Override
        public void closed(Throwable causeOrNull) {
            try {
                handler.onTransportClosed(causeOrNull);
            } finally {
                entry.closed(null); // leaves the list, gives the connection slot back
            }
        }
    }

    /** An event loop as an RTMPT session's loop; the executor key is the loop, as a TCP connection's. */
    private record Loop(EventLoop loop) implements RtmptLoop {
        @Override
        public void execute(Runnable task) {
            loop.execute(task);
        }

        @Override
        public void schedule(Runnable task, long delayNanos) {
            loop.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
        }

        @Override
        public boolean inLoop() {
            return loop.inLoop();
        }

        @Override
        public Object executorKey() {
            return loop;
        }
    }
}
