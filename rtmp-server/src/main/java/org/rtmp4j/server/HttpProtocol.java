package org.rtmp4j.server;

import java.util.List;
import java.util.function.LongSupplier;
import org.rtmp4j.http.HttpOptions;
import org.rtmp4j.http.HttpRoute;
import org.rtmp4j.server.internal.ConnectionHandler;
import org.rtmp4j.server.internal.NioTransport;

/**
 * The HTTP/1.1 protocol of a server's HTTP listener: one {@link HttpConnection} per accepted
 * connection, sharing the options and the routes. Immutable; {@link #open} on loop threads.
 */
final class HttpProtocol implements ListenerProtocol {
    private final HttpOptions options;
    private final HttpRouter router;
    private final LongSupplier clock;

    /**
     * @param options limits, CORS origin, timeouts
     * @param routes the application's routes; copied
     * @param clock the deadlines' monotonic clock, in nanoseconds
     */
    HttpProtocol(HttpOptions options, List<HttpRoute> routes, LongSupplier clock) {
        this.options = options;
        this.router = new HttpRouter(routes);
        this.clock = clock;
    }

    @Override
    public String name() {
        return "HTTP";
    }

    @Override
    public ConnectionHandler open(NioTransport transport) {
        return new HttpConnection(transport, options, router, clock);
    }
}
