package org.rtmp4j.server;

import java.util.List;
import java.util.function.LongSupplier;
import org.rtmp4j.http.HttpOptions;
import org.rtmp4j.http.HttpRoute;
import org.rtmp4j.server.internal.ConnectionHandler;
import org.rtmp4j.server.internal.NioTransport;
import org.rtmp4j.server.internal.PeerLimits;
import org.rtmp4j.server.internal.PeerSlot;

/**
 * The HTTP/1.1 protocol of a server's HTTP listener: one {@link HttpConnection} per accepted
 * connection, sharing the options and the routes. Immutable; {@link #open} on loop threads.
 */
final class HttpProtocol implements ListenerProtocol {
    private final HttpOptions options;
    private final HttpRouter router;
    private final PeerLimits peerLimits;
    private final LongSupplier clock;

    /**
     * @param options limits, CORS origin, timeouts
     * @param routes the application's routes; copied
     * @param peerLimits the per-IP limits: a connection that gets a streaming response or a WebSocket
     *     (a player) leaves the pending class when its address has room for one more established
     * @param clock the deadlines' monotonic clock, in nanoseconds
     */
    HttpProtocol(HttpOptions options, List<HttpRoute> routes, PeerLimits peerLimits, LongSupplier clock) {
        this.options = options;
        this.peerLimits = peerLimits;
        this.router = new HttpRouter(routes);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "HTTP";
    }

    @Override
    public ConnectionHandler open(NioTransport transport, PeerSlot slot) {
        return new HttpConnection(transport, options, router, clock, () -> peerLimits.tryEstablish(slot));
    }
}
