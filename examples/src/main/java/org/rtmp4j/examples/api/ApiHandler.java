package org.rtmp4j.examples.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.rtmp4j.http.HttpExchange;
import org.rtmp4j.http.HttpHandler;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.StreamDetails;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.relay.Relays;
import org.rtmp4j.server.ClientInfo;
import org.rtmp4j.server.RtmpServer;

/**
 * The JSON API under {@code /api/v1/} (issue 14 §1), mounted with {@code RtmpServer.Builder.httpRoute} for
 * GET, POST and DELETE on the server's own HTTP port:
 *
 * <ul>
 *   <li>{@code GET /api/v1/streams?page=&itemsPerPage=}: {@code {"streams":[...],"itemCount":N,"pageCount":M}},
 *       the live streams sorted by stream id ({@link Page}: pages from 0, default 100 per page, at most 1000,
 *       anything else 400);</li>
 *   <li>{@code GET /api/v1/streams/APP/KEY}: one stream (404 when not live);
 *       {@code DELETE} the same path closes its publisher (204; 404 when not live);</li>
 *   <li>{@code GET /api/v1/clients?page=&itemsPerPage=}: {@code {"clients":[...],"itemCount":N,"pageCount":M}}
 *       in accept order; {@code GET /api/v1/clients/ID} one; {@code DELETE} closes it (204; 404 when not open);</li>
 *   <li>{@code GET /api/v1/server}: the server's totals for the web console (connections, bytes in and out,
 *       streams, players, uptime) and whether the caller may write ({@code access.write}).</li>
 *   <li>{@code /api/v1/relays}: list, add ({@code POST}), show, log and remove push, pull and exec relays
 *       ({@code RelaysApi}); POST anywhere else is a 405.</li>
 * </ul>
 *
 * Access ({@link ApiAccess}): GET needs the read right, POST and DELETE the write right; refusals are 401 with
 * {@code WWW-Authenticate: Bearer} (or 403 for a read token asking to write, and for an untrusted peer
 * when no token is configured), logged once at INFO with the peer and the path by {@link AccessGate}.
 * Bad input (pagination, names with {@code ..}, percent-encoding or other characters, ids that are not
 * small numbers) is a 400 with {@code {"error": reason}}. Thread-safety: one instance serves every
 * connection; each request is answered on its connection's event loop without blocking.
 */
public final class ApiHandler implements HttpHandler {
    private final LiveBroadcastController relay;
    private final Supplier<RtmpServer> server;
    private final Supplier<Instant> startedAt;
    private final ApiAccess access;
    private final AccessGate gate;
    private final RelaysApi relays;

    /**
     * @param relay the hub whose streams to list
     * @param server the running server (its clients), or {@code null} before it started (then 503)
     * @param access who may call
     */
    public ApiHandler(LiveBroadcastController relay, Supplier<RtmpServer> server, ApiAccess access) {
        this(relay, server, () -> null, access, null);
    }

    /**
     * @param relay the hub whose streams to list
     * @param server the running server (its clients), or {@code null} before it started (then 503)
     * @param startedAt when the server started (for {@code uptime_seconds}), or {@code null} if unknown
     * @param access who may call
     * @param relays the server's push, pull and exec relays for {@code /api/v1/relays} ({@code RelaysApi}), or
     *     {@code null} for none (404 there)
     */
    public ApiHandler(LiveBroadcastController relay, Supplier<RtmpServer> server, Supplier<Instant> startedAt,
            ApiAccess access, Relays relays) {
        this.relay = relay;
        this.server = server;
        this.startedAt = startedAt;
        this.access = access;
        this.gate = new AccessGate(access);
        this.relays = new RelaysApi(relays);
    }

    @Override
    public void handle(HttpExchange exchange) {
        HttpMethod method = exchange.request().method();
        ApiAccess.Right right = method == HttpMethod.DELETE || method == HttpMethod.POST ? ApiAccess.Right.WRITE
                : ApiAccess.Right.READ;
        if (!gate.admit(exchange, right)) {
            return;
        }
        try {
            route(exchange, method, exchange.request().path(), query(exchange));
        } catch (ApiRequestException e) {
            Responses.json(exchange, e.status(), ApiViews.error(e.getMessage()));
        }
    }

    private void route(HttpExchange exchange, HttpMethod method, String path, String query) {
        if (RelaysApi.owns(path)) {
            relays.handle(exchange, method, path, query);
            return;
        }
        if (method == HttpMethod.POST) {
            throw new ApiRequestException(405, "POST is only for " + RelaysApi.RELAYS);
        }
        boolean delete = method == HttpMethod.DELETE;
        if (path.equals(Paths.STREAMS) && !delete) {
            List<StreamDetails> all = new ArrayList<>(relay.control().streams());
            all.removeIf(d -> !d.info().live()); // names only waited for are not streams
            all.sort(Comparator.comparing(d -> d.key().toString()));
            list(exchange, "streams", all, Page.parse(query), ApiViews::stream);
            return;
        }
        Optional<String> stream = Paths.below(path, Paths.STREAMS);
        if (stream.isPresent()) {
            noQuery(query);
            StreamKey key = Paths.streamKey(stream.get());
            if (delete) {
                if (!relay.control().closePublisher(key)) {
                    throw new ApiRequestException(404, key + " is not live");
                }
                Responses.noContent(exchange);
            } else {
                StreamDetails d = relay.control().stream(key).filter(x -> x.info().live())
                        .orElseThrow(() -> new ApiRequestException(404, key + " is not live"));
                Responses.json(exchange, 200, ApiViews.stream(d));
            }
            return;
        }
        RtmpServer s = server.get();
        if (s == null) {
            Responses.json(exchange, 503, ApiViews.error("server not started"));
            return;
        }
        if (path.equals(Paths.SERVER) && !delete) {
            noQuery(query);
            boolean write = access.decide(exchange, ApiAccess.Right.WRITE) == ApiAccess.Decision.ALLOWED;
            Responses.json(exchange, 200, ApiViews.server(s.metrics(), relay.control().streams(), startedAt.get(),
                    Instant.now(), write));
            return;
        }
        if (path.equals(Paths.CLIENTS) && !delete) {
            list(exchange, "clients", s.clients().list(), Page.parse(query), ApiViews::client);
            return;
        }
        Optional<String> client = Paths.below(path, Paths.CLIENTS);
        if (client.isPresent()) {
            noQuery(query);
            long id = Paths.clientId(client.get());
            if (delete) {
                if (!s.clients().close(id)) {
                    throw new ApiRequestException(404, "no open client " + id);
                }
                Responses.noContent(exchange);
            } else {
                ClientInfo c = s.clients().get(id).orElseThrow(() -> new ApiRequestException(404, "no open client " + id));
                Responses.json(exchange, 200, ApiViews.client(c));
            }
            return;
        }
        throw new ApiRequestException(404, "no such API path: " + Paths.printable(path));
    }

    static <T> void list(HttpExchange exchange, String name, List<T> all, Page page,
            Function<T, Map<String, Object>> view) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (T t : page.of(all)) {
            items.add(view.apply(t));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(name, items);
        m.put("itemCount", all.size());
        m.put("pageCount", page.pageCount(all.size()));
        Responses.json(exchange, 200, m);
    }

    private static void noQuery(String query) {
        if (!query.isEmpty()) {
            throw new ApiRequestException(400, "this path takes no query: '" + Paths.printable(query) + "'");
        }
    }

    private static String query(HttpExchange exchange) {
        String target = exchange.request().target();
        int q = target.indexOf('?');
        return q < 0 ? "" : target.substring(q + 1);
    }
}
