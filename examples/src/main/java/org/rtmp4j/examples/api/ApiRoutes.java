package org.rtmp4j.examples.api;

import java.time.Instant;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.relay.Relays;
import org.rtmp4j.server.RtmpServer;

/**
 * Mounts the operator's HTTP endpoints on a server's own HTTP listener (DESIGN-NOTES.md "HTTP API and
 * metrics"): {@code GET /health} (open to anyone: 200 {@code OK} while the server accepts connections,
 * 503 {@code draining} while it drains or stops), the JSON API under {@code /api/v1/} ({@link ApiHandler})
 * and {@code GET /metrics} ({@link MetricsHandler}). The handlers need the server for its clients and
 * state, which exists only after {@code build()}: call {@link #attach} once it started (until then the
 * client endpoints answer 503 and {@code /health} 503). Thread-safe.
 *
 * <pre>{@code
 * ApiRoutes api = new ApiRoutes(relay, ApiAccess.loopbackOnly(), false);
 * RtmpServer server = api.mount(RtmpServer.builder().http(8080).controller(relay)).build().start();
 * api.attach(server);
 * }</pre>
 */
public final class ApiRoutes {
    private final LiveBroadcastController relay;
    private final ApiAccess access;
    private final boolean metricsOpen;
    private final Relays relays;
    private volatile RtmpServer server;
    private volatile Instant startedAt;

    /**
     * @param relay the hub whose streams the API lists and controls
     * @param access who may call the API (and {@code /metrics} unless {@code metricsOpen})
     * @param metricsOpen whether anyone may scrape {@code /metrics}
     */
    public ApiRoutes(LiveBroadcastController relay, ApiAccess access, boolean metricsOpen) {
        this(relay, access, metricsOpen, null);
    }

    /**
     * @param relay the hub whose streams the API lists and controls
     * @param access who may call the API (and {@code /metrics} unless {@code metricsOpen})
     * @param metricsOpen whether anyone may scrape {@code /metrics}
     * @param relays the server's relays for {@code /api/v1/relays} and the relay metrics, or {@code null} for none
     */
    public ApiRoutes(LiveBroadcastController relay, ApiAccess access, boolean metricsOpen, Relays relays) {
        this.relay = relay;
        this.access = access;
        this.metricsOpen = metricsOpen;
        this.relays = relays;
    }

    /**
     * Adds the routes ({@code GET /health}, {@code GET /metrics}, {@code GET}, {@code POST} and {@code DELETE /api/...}).
     *
     * @param builder a server builder with HTTP on
     * @return {@code builder}
     */
    public RtmpServer.Builder mount(RtmpServer.Builder builder) {
        ApiHandler api = new ApiHandler(relay, () -> server, () -> startedAt, access, relays);
        MetricsHandler metrics = new MetricsHandler(relay, () -> server, metricsOpen ? null : access, relays);
        return builder.httpRoute(HttpMethod.GET, "/health"::equals, this::health)
                .httpRoute(HttpMethod.GET, "/metrics"::equals, metrics)
                .httpRoute(HttpMethod.GET, ApiRoutes::isApi, api)
                .httpRoute(HttpMethod.POST, ApiRoutes::isApi, api)
                .httpRoute(HttpMethod.DELETE, ApiRoutes::isApi, api);
    }

    /**
     * @param started the server built from the builder given to {@link #mount}, once started; {@code GET
     *     /api/v1/server} counts its uptime from this call
     */
    public void attach(RtmpServer started) {
        this.startedAt = Instant.now();
        this.server = started;
    }

    private static boolean isApi(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    /** flux-rtmpd's contract: {@code 200 OK} (text) while accepting connections, else 503. */
    private void health(org.rtmp4j.http.HttpExchange exchange) {
        RtmpServer s = server;
        if (s == null || s.isDraining() || s.terminationFuture().isDone()) {
            Responses.text(exchange, 503, "text/plain; charset=utf-8", s != null && s.isDraining() ? "draining" : "not accepting");
        } else {
            Responses.text(exchange, 200, "text/plain; charset=utf-8", "OK");
        }
    }
}
