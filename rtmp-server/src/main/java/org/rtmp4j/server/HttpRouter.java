package org.rtmp4j.server;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.StringJoiner;
import org.rtmp4j.http.FlvStreamPath;
import org.rtmp4j.http.HttpExchange;
import org.rtmp4j.http.HttpHeaders;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.http.HttpRoute;
import org.rtmp4j.http.WebSocketListener;

/**
 * Chooses who answers a request: the application's {@link HttpRoute}s in order, then the built-in
 * answers. Built in: OPTIONS is a CORS preflight answer (204 with {@code Access-Control-Allow-Origin},
 * {@code -Allow-Methods}, {@code -Allow-Headers}; Fetch standard §3.2); {@code GET}/{@code HEAD}
 * {@code /APP/KEY.flv} ({@link FlvStreamPath}) is 404 "stream not live" until the live relay routes it,
 * or with {@code Upgrade: websocket} an accepted WebSocket (RFC 6455) that sends nothing; a path that
 * routes match only for other methods is 405 with {@code Allow}; anything else 404. Immutable.
 */
final class HttpRouter {
    private static final Set<HttpMethod> FLV_BUILT_IN = EnumSet.of(HttpMethod.GET, HttpMethod.HEAD);
    private static final String PREFLIGHT_MAX_AGE = "600";
    private static final String DEFAULT_ALLOW_HEADERS = "Range, Content-Type";

    private final List<HttpRoute> routes;

    /** @param routes the application's routes, first match wins; copied */
    HttpRouter(List<HttpRoute> routes) {
        this.routes = List.copyOf(routes);
    }

    /**
     * Hands the exchange to its handler; a handler's exception becomes a 500 and a close.
     *
     * @param exchange a request whose head just arrived
     * @param connection its connection, told when a handler fails
     */
    void dispatch(HttpExchangeImpl exchange, HttpConnection connection) {
        HttpMethod method = exchange.request().method();
        String path = exchange.request().path();
        try {
            for (HttpRoute r : routes) {
                if (r.method() == method && r.path().test(path)) {
                    r.handler().handle(exchange);
                    return;
                }
            }
            builtIn(exchange, method, path);
        } catch (Exception | LinkageError e) {
            connection.handlerFailed(e);
        }
    }

    private void builtIn(HttpExchange exchange, HttpMethod method, String path) {
        if (method == HttpMethod.OPTIONS) {
            preflight(exchange, path);
            return;
        }
        boolean flv = FlvStreamPath.matches(path);
        if (flv && method == HttpMethod.GET && exchange.isWebSocketUpgrade()) {
            exchange.acceptWebSocket(WebSocketListener.IGNORE);
            return;
        }
        if (flv && FLV_BUILT_IN.contains(method)) {
            notFound(exchange, "stream not live");
            return;
        }
        Set<HttpMethod> allowed = allowed(path);
        if (!allowed.isEmpty() && !allowed.contains(method)) {
            exchange.respond(405, HttpHeaders.of("Allow", join(allowed)), ByteBuffer.allocate(0));
            return;
        }
        notFound(exchange, "not found");
    }

    private void preflight(HttpExchange exchange, String path) {
        Set<HttpMethod> allowed = allowed(path);
        String methods = allowed.size() > 1 ? join(allowed) : HttpMethod.ALLOW;
        String headers = exchange.request().headers().first("Access-Control-Request-Headers")
                .orElse(DEFAULT_ALLOW_HEADERS);
        exchange.respond(204, HttpHeaders.of(
                "Allow", methods,
                "Access-Control-Allow-Methods", methods,
                "Access-Control-Allow-Headers", headers,
                "Access-Control-Max-Age", PREFLIGHT_MAX_AGE), ByteBuffer.allocate(0));
    }

    /** @return the methods that have an answer for {@code path} other than 404 (OPTIONS always) */
    private Set<HttpMethod> allowed(String path) {
        Set<HttpMethod> methods = EnumSet.noneOf(HttpMethod.class);
        for (HttpRoute r : routes) {
            if (r.path().test(path)) {
                methods.add(r.method());
            }
        }
        if (FlvStreamPath.matches(path)) {
            methods.addAll(FLV_BUILT_IN);
        }
        if (!methods.isEmpty()) {
            methods.add(HttpMethod.OPTIONS);
        }
        return methods;
    }

    private static String join(Set<HttpMethod> methods) {
        StringJoiner j = new StringJoiner(", ");
        for (HttpMethod m : methods) {
            j.add(m.name());
        }
        return j.toString();
    }

    private static void notFound(HttpExchange exchange, String why) {
        byte[] text = (why + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        exchange.respond(404, HttpHeaders.of("Content-Type", "text/plain; charset=us-ascii", "Cache-Control", "no-cache"),
                ByteBuffer.wrap(text));
    }
}
