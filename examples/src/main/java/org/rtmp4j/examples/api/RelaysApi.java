package org.rtmp4j.examples.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rtmp4j.examples.Json;
import org.rtmp4j.http.HttpBodyListener;
import org.rtmp4j.http.HttpExchange;
import org.rtmp4j.http.HttpHeaders;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.relay.Relay;
import org.rtmp4j.relay.RelayInfo;
import org.rtmp4j.relay.RelayKind;
import org.rtmp4j.relay.RelayRequest;
import org.rtmp4j.relay.Relays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relays part of the API (issue 15 §4), below {@code /api/v1/relays}:
 *
 * <ul>
 *   <li>{@code GET /api/v1/relays?page=&itemsPerPage=}: {@code {"relays":[...],"itemCount":N,"pageCount":M}} in
 *       the order they were added ({@link Page}); {@code GET /api/v1/relays/ID} one ({@link #view}), 404 unknown;
 *       {@code GET /api/v1/relays/ID/log}: its log tail as {@code text/plain}, one line each, oldest first;</li>
 *   <li>{@code POST /api/v1/relays} with {@code {"kind":"push|pull|exec","source":...,"destination":...}}
 *       (at most {@value #MAX_BODY} bytes, {@code application/json}): 201 with the relay and {@code Location};
 *       400 with the reason when malformed; 413 too large; 415 not JSON; 501 when the server has that kind
 *       off; 503 when the registry is full (or closing);</li>
 *   <li>{@code DELETE /api/v1/relays/ID} stops and removes it: 204; 404 unknown.</li>
 * </ul>
 *
 * Other methods are 405 with {@code Allow}. Access as {@link ApiHandler}: reads need the read right, POST and
 * DELETE the write right (checked by the caller). Thread-safe; answers on the connection's thread.
 */
final class RelaysApi {
    /** The longest request body accepted, bytes. */
    static final int MAX_BODY = 16 * 1024;
    static final String RELAYS = Paths.API + "relays";
    private static final Logger LOG = LoggerFactory.getLogger("rtmp4j.api");
    private static final int MAX_ID = 40;

    private final Relays relays;

    /** @param relays the server's relays, or {@code null} when it has none (then every path is 404) */
    RelaysApi(Relays relays) {
        this.relays = relays;
    }

    /** @return whether {@code path} is this part's */
    static boolean owns(String path) {
        return path.equals(RELAYS) || path.startsWith(RELAYS + "/");
    }

    void handle(HttpExchange exchange, HttpMethod method, String path, String query) {
        if (relays == null) {
            throw new ApiRequestException(404, "this server has no relays");
        }
        if (path.equals(RELAYS)) {
            if (method == HttpMethod.GET) {
                ApiHandler.list(exchange, "relays", relays.list(), Page.parse(query), RelaysApi::view);
            } else if (method == HttpMethod.POST) {
                noQuery(query);
                create(exchange);
            } else {
                notAllowed(exchange, "GET, POST");
            }
            return;
        }
        noQuery(query);
        String rest = path.substring(RELAYS.length() + 1);
        boolean log = rest.endsWith("/log");
        String id = checkId(log ? rest.substring(0, rest.length() - 4) : rest);
        if (log) {
            if (method != HttpMethod.GET) {
                notAllowed(exchange, "GET");
                return;
            }
            Relay relay = relays.get(id).orElseThrow(() -> unknown(id));
            StringBuilder b = new StringBuilder();
            for (String line : relay.logTail()) {
                b.append(line).append('\n');
            }
            Responses.text(exchange, 200, "text/plain; charset=utf-8", b.toString());
        } else if (method == HttpMethod.GET) {
            Responses.json(exchange, 200, view(relays.get(id).orElseThrow(() -> unknown(id)).info()));
        } else if (method == HttpMethod.DELETE) {
            relays.remove(id).orElseThrow(() -> unknown(id));
            LOG.info("API removed relay {}", id);
            Responses.noContent(exchange);
        } else {
            notAllowed(exchange, "GET, DELETE");
        }
    }

    private void create(HttpExchange exchange) {
        HttpHeaders headers = exchange.request().headers();
        Optional<String> type = headers.first("Content-Type");
        if (type.isPresent() && !type.get().strip().toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            throw new ApiRequestException(415, "the body must be application/json, not " + Paths.printable(type.get()));
        }
        Optional<String> length = headers.first("Content-Length");
        if (length.isPresent() && length.get().strip().length() > 9
                || length.isPresent() && length.get().strip().chars().allMatch(Character::isDigit)
                        && Long.parseLong(length.get().strip()) > MAX_BODY) {
            throw new ApiRequestException(413, "the body may hold at most " + MAX_BODY + " bytes");
        }
        exchange.onBody(new HttpBodyListener() {
            private final ByteArrayOutputStream body = new ByteArrayOutputStream();
            private boolean tooLarge;

            @Override
            public void onBody(ByteBuffer data) {
                if (body.size() + data.remaining() > MAX_BODY) {
                    tooLarge = true;
                    return; // read and dropped; answered at the end
                }
                byte[] b = new byte[data.remaining()];
                data.get(b);
                body.writeBytes(b);
            }

            @Override
            public void onEnd() {
                try {
                    if (tooLarge) {
                        throw new ApiRequestException(413, "the body may hold at most " + MAX_BODY + " bytes");
                    }
                    created(exchange, parse(body.toByteArray()));
                } catch (ApiRequestException e) {
                    Responses.json(exchange, e.status(), ApiViews.error(e.getMessage()));
                }
            }
        });
    }

    private void created(HttpExchange exchange, RelayRequest request) {
        Relay relay;
        try {
            relay = relays.create(request);
        } catch (UnsupportedOperationException e) {
            throw new ApiRequestException(501, e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ApiRequestException(400, e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiRequestException(503, e.getMessage());
        }
        LOG.info("API added relay {}: {} {} -> {}", relay.id(), request.kind().label(), request.source(),
                request.destination());
        byte[] json = (Json.write(view(relay.info())) + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.respond(201, HttpHeaders.of("Content-Type", "application/json", "Cache-Control", "no-store",
                "Location", RELAYS + "/" + relay.id()), ByteBuffer.wrap(json));
    }

    /**
     * @param body the request body
     * @return the request it describes
     * @throws ApiRequestException 400 naming what is wrong
     */
    static RelayRequest parse(byte[] body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ApiRequestException(400, "the body is not JSON: " + Paths.printable(e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at offset " + e.getLocation().getCharOffset())));
        } catch (IOException e) {
            throw new ApiRequestException(400, "the body is not JSON: " + Paths.printable(String.valueOf(e.getMessage())));
        }
        if (root == null || !root.isObject()) {
            throw new ApiRequestException(400, "the body must be a JSON object {\"kind\",\"source\",\"destination\"}");
        }
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!List.of("kind", "source", "destination").contains(name)) {
                throw new ApiRequestException(400, "unknown field '" + Paths.printable(name) + "'");
            }
        }
        String kind = text(root, "kind");
        RelayKind k;
        try {
            k = RelayKind.fromLabel(kind);
        } catch (IllegalArgumentException e) {
            throw new ApiRequestException(400, Paths.printable(e.getMessage()));
        }
        return new RelayRequest(k, text(root, "source"), text(root, "destination"));
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            throw new ApiRequestException(400, "'" + field + "' must be a non-empty string");
        }
        return n.asText();
    }

    /**
     * @param info a relay's snapshot
     * @return {@code id}, {@code kind}, {@code source}, {@code destination}, {@code state}, {@code retries},
     *     {@code bytes}, {@code last_error} (or null), {@code start_time} (ISO-8601 UTC)
     */
    static Map<String, Object> view(RelayInfo info) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", info.id());
        m.put("kind", info.kind().label());
        m.put("source", info.source());
        m.put("destination", info.destination());
        m.put("state", info.state().label());
        m.put("retries", info.retries());
        m.put("bytes", info.bytes());
        m.put("last_error", info.lastError());
        m.put("start_time", info.startTime().toString());
        return m;
    }

    private static String checkId(String id) {
        if (id.isEmpty() || id.length() > MAX_ID || !id.chars().allMatch(c -> c >= 'a' && c <= 'z' || c >= '0' && c <= '9'
                || c == '-')) {
            throw new ApiRequestException(400, "a relay id is KIND-N, e.g. push-3: '" + Paths.printable(id) + "'");
        }
        return id;
    }

    private static ApiRequestException unknown(String id) {
        return new ApiRequestException(404, "no relay " + id);
    }

    private static void noQuery(String query) {
        if (!query.isEmpty()) {
            throw new ApiRequestException(400, "this path takes no query: '" + Paths.printable(query) + "'");
        }
    }

    private static void notAllowed(HttpExchange exchange, String allow) {
        byte[] body = (Json.write(ApiViews.error("method not allowed; allowed: " + allow)) + "\n")
                .getBytes(StandardCharsets.UTF_8);
        exchange.respond(405, HttpHeaders.of("Content-Type", "application/json", "Cache-Control", "no-store",
                "Allow", allow), ByteBuffer.wrap(body));
    }
}
