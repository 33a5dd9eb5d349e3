package org.rtmp4j.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.rtmp4j.server.internal.EventLoopGroup;
import org.rtmp4j.server.internal.PeerLimits;
import org.rtmp4j.server.internal.ServerStats;
import org.rtmp4j.server.rtmpt.RtmptHandler;
import org.rtmp4j.server.rtmpt.RtmptOptions;
import org.slf4j.Logger;

/**
 * The listening side of an {@link RtmpServer} (DESIGN-NOTES.md, "Listeners and the HTTP runtime"): its RTMP, HTTP,
 * RTMPS and HTTPS {@link Listener}s, each a socket, an acceptor and a protocol on the server's loops, and the RTMPT
 * sessions its HTTP listeners carry. Binds them all at start, stops accepting for a drain, closes the sockets at
 * stop, and answers the bound addresses. The server keeps the lifecycle; this class only knows the sockets.
 *
 * <p>Thread-safety: the listeners are fixed at construction; the methods are safe from any thread.
 */
final class ServerListeners {
    private final Listener rtmp;
    private final Listener http;
    private final Listener rtmps;
    private final Listener https;
    private final RtmptBinding rtmpt;
    private final RtmptHandler rtmptHandler;
    private final List<Listener> all;

    /**
     * @param b the server's settings (addresses, TLS, HTTP routes, RTMPT)
     * @param connections the RTMP protocol of the RTMP and RTMPS listeners and of RTMPT sessions
     * @param peerLimits the per-IP limits of the HTTP protocol
     * @param stats the server's counters, which RTMPT sessions count in
     * @param maxConnections the server's connection limit, which RTMPT sessions count against
     * @param accepting false while the server drains or stops: new RTMPT sessions are refused
     */
    ServerListeners(ServerSettings<?> b, ServerConnections connections, PeerLimits peerLimits, ServerStats stats,
            int maxConnections, BooleanSupplier accepting) {
        this.rtmps = b.rtmpsListener(connections, b.bind);
        this.rtmp = b.plainRtmp ? new Listener(b.bind, connections) : rtmps;
        RtmptOptions rtmptOptions = b.rtmptOptions();
        this.rtmpt = rtmptOptions == null ? null
                : new RtmptBinding(connections, stats, maxConnections, b.nanoClock, accepting);
        this.rtmptHandler = rtmpt == null ? null : new RtmptHandler(rtmpt, rtmptOptions);
        this.http = b.httpListener(peerLimits, rtmptHandler);
        this.https = b.httpsListener(b.httpProtocol(peerLimits, rtmptHandler), b.bind);
        List<Listener> listeners = new ArrayList<>();
        for (Listener l : new Listener[] {rtmp, http, rtmps, https}) {
            if (l != null && !listeners.contains(l)) {
                listeners.add(l);
            }
        }
        this.all = List.copyOf(listeners);
    }

    /**
     * Binds every listener (RTMP, then HTTP, RTMPS, HTTPS) on {@code loops}; on failure the caller closes the
     * sockets ({@link #closeSockets()}).
     *
     * @throws IOException when an address cannot be bound
     */
    void bind(EventLoopGroup loops, ServerStats stats, int maxConnections, PeerLimits peerLimits,
            BooleanSupplier accepting) throws IOException {
        if (rtmpt != null) {
            rtmpt.start(loops);
        }
        for (Listener l : all) {
            l.bind(loops, stats, maxConnections, peerLimits, accepting);
        }
    }

    /** Logs the bound addresses at INFO, the RTMP one with the number of loops. */
    void logListening(Logger log, int eventLoops) {
        log.info("RTMP server listening on {} ({} event loops)", rtmp.localAddress(), eventLoops);
        for (Listener l : all) {
            if (l != rtmp) {
                log.info("{} listening on {} (same event loops)", l.protocolName(), l.localAddress());
            }
        }
    }

    /** Stops accepting on every listener (a drain): the sockets close, accepted connections stay. */
    void stopAccepting() {
        for (Listener l : all) {
            l.stop();
        }
    }

    /** Ends every RTMPT session (their engines close before the loops stop, as TCP connections' do). */
    void closeRtmptSessions() {
        if (rtmptHandler != null) {
            rtmptHandler.closeAll();
        }
    }

    /** Closes every listening socket. */
    void closeSockets() {
        for (Listener l : all) {
            l.closeSocket();
        }
    }

    /** @return the RTMP listener (the RTMPS one with {@code noPlainRtmp}) */
    Listener rtmp() {
        return rtmp;
    }

    /** @return whether there is an HTTP listener */
    boolean hasHttp() {
        return http != null;
    }

    /** @return the bound RTMP address */
    InetSocketAddress rtmpAddress() {
        return bound(rtmp);
    }

    /** @return the bound HTTP address */
    InetSocketAddress httpAddress() {
        return bound(required(http, "HTTP", "http"));
    }

    /** @return the bound RTMPS address */
    InetSocketAddress rtmpsAddress() {
        return bound(required(rtmps, "RTMPS", "rtmps"));
    }

    /** @return the bound HTTPS address */
    InetSocketAddress httpsAddress() {
        return bound(required(https, "HTTPS", "https"));
    }

    private static Listener required(Listener l, String name, String setter) {
        if (l == null) {
            throw new IllegalStateException("RtmpServer has no " + name + " listener (see RtmpServer.Builder." + setter
                    + ")");
        }
        return l;
    }

    private static InetSocketAddress bound(Listener l) {
        InetSocketAddress a = l.localAddress();
        if (a == null) {
            throw new IllegalStateException("RtmpServer not started");
        }
        return a;
    }
}
