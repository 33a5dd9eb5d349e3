package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rtmp4j.examples.api.ApiAccess;
import org.rtmp4j.examples.api.ApiRoutes;
import org.rtmp4j.examples.api.Cidr;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.relay.PushOptions;
import org.rtmp4j.relay.PushRelays;
import org.rtmp4j.relay.Relays;
import org.rtmp4j.server.RtmpServer;

/**
 * The relays API (issue 15 §4) as a contract: list with pagination, add (201, 400 with the reason, 413, 415,
 * 501 for a kind that is off, 503 when full), show, log, remove (204, 404), 405 for other methods, and the
 * read and write rights; the relay counts in {@code /metrics}.
 */
@Timeout(60)
class RelaysApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WRITE = "write-token";
    private static final String READ = "read-token";

    @RegisterExtension
    final LoopbackServer fixture = new LoopbackServer();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Relays relays = new Relays(Clock.systemUTC(), 2, 2);
    private RtmpServer server;

    @AfterEach
    void close() {
        relays.close();
    }

    private void start() throws Exception {
        LiveBroadcastController relay = new LiveBroadcastController();
        PushRelays.install(relays, relay, List.of(), PushOptions.DEFAULT);
        ApiRoutes routes = new ApiRoutes(relay, new ApiAccess(List.of(Cidr.parse("10.255.255.0/24")), WRITE, READ), false,
                relays);
        server = fixture.start(relay, b -> routes.mount(b.http(new InetSocketAddress("127.0.0.1", 0))));
        routes.attach(server);
    }

    private HttpResponse<String> call(String method, String target, String token, String contentType, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + target))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String body) throws Exception {
        return call("POST", "/api/v1/relays", WRITE, "application/json", body);
    }

    private static String push(String source, String destination) {
        return "{\"kind\":\"push\",\"source\":\"" + source + "\",\"destination\":\"" + destination + "\"}";
    }

    private static String error(HttpResponse<String> r) throws Exception {
        return JSON.readTree(r.body()).get("error").asText();
    }

    @Test
    void addListShowLogAndRemoveAPushRelay() throws Exception {
        start();
        HttpResponse<String> created = post(push("live/cam", "rtmp://127.0.0.1:1/app/cam"));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode relay = JSON.readTree(created.body());
        String id = relay.get("id").asText();
        assertThat(id).matches("push-\\d+");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/relays/" + id);
        assertThat(relay.get("kind").asText()).isEqualTo("push");
        assertThat(relay.get("source").asText()).isEqualTo("live/cam");
        assertThat(relay.get("destination").asText()).isEqualTo("rtmp://127.0.0.1:1/app/cam");
        assertThat(relay.get("state").asText()).isIn("connecting", "retrying");
        assertThat(relay.get("retries").asInt()).isZero();
        assertThat(relay.has("last_error")).isTrue();
        assertThat(relay.get("start_time").asText()).endsWith("Z");
        assertThat(relay.get("bytes").asLong()).isZero();

        HttpResponse<String> list = call("GET", "/api/v1/relays", READ, null, null);
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode page = JSON.readTree(list.body());
        assertThat(page.get("itemCount").asInt()).isEqualTo(1);
        assertThat(page.get("pageCount").asInt()).isEqualTo(1);
        assertThat(page.get("relays").get(0).get("id").asText()).isEqualTo(id);
        JsonNode empty = JSON.readTree(call("GET", "/api/v1/relays?page=1&itemsPerPage=1", READ, null, null).body());
        assertThat(empty.get("relays")).isEmpty();
        assertThat(call("GET", "/api/v1/relays?itemsPerPage=0", READ, null, null).statusCode()).isEqualTo(400);

        HttpResponse<String> one = call("GET", "/api/v1/relays/" + id, READ, null, null);
        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(one.body()).get("id").asText()).isEqualTo(id);
        HttpResponse<String> log = call("GET", "/api/v1/relays/" + id + "/log", READ, null, null);
        assertThat(log.statusCode()).isEqualTo(200);
        assertThat(log.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(log.body()).contains("added: pushing live/cam to rtmp://127.0.0.1:1/app/cam");

        String metrics = call("GET", "/metrics", READ, null, null).body();
        assertThat(metrics).containsPattern("rtmp4j_relays\\{kind=\"push\",state=\"(connecting|retrying)\"} 1")
                .contains("rtmp4j_relays{kind=\"pull\",state=\"live\"} 0")
                .contains("rtmp4j_relay_bytes_total{id=\"" + id + "\",kind=\"push\"} 0");

        assertThat(call("DELETE", "/api/v1/relays/" + id, READ, null, null).statusCode()).as("read token").isEqualTo(403);
        assertThat(call("DELETE", "/api/v1/relays/" + id, WRITE, null, null).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/api/v1/relays/" + id, READ, null, null).statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/relays/" + id, WRITE, null, null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/relays/" + id + "/log", READ, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void badRequestsGetTheirStatusAndReason() throws Exception {
        start();
        HttpResponse<String> r = post("{\"kind\":\"push\",\"source\":\"cam\",\"destination\":\"rtmp://h/app/k\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("APP/KEY");
        r = post(push("live/cam", "http://h/app/k"));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("not an rtmp:// or rtmps:// URL");
        r = post("{\"kind\":\"teleport\",\"source\":\"a/b\",\"destination\":\"x\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("unknown relay kind");
        r = post("{\"kind\":\"push\",\"source\":\"a/b\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("'destination' must be a non-empty string");
        r = post("{\"kind\":\"push\",\"source\":\"a/b\",\"destination\":\"rtmp://h/a/b\",\"extra\":1}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("unknown field 'extra'");
        r = post("{\"kind\":");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(error(r)).contains("not JSON");
        r = post("[1]");
        assertThat(r.statusCode()).isEqualTo(400);
        r = post("{\"kind\":\"push\",\"source\":\"a/b\",\"destination\":\"rtmp://h/a/" + "x".repeat(20_000) + "\"}");
        assertThat(r.statusCode()).isEqualTo(413);
        r = call("POST", "/api/v1/relays", WRITE, "text/plain", push("a/b", "rtmp://h/a/b"));
        assertThat(r.statusCode()).isEqualTo(415);
        r = post("{\"kind\":\"exec\",\"source\":\"a/b\",\"destination\":\"ffmpeg -i {url}\"}");
        assertThat(r.statusCode()).as("exec is not enabled here").isEqualTo(501);

        assertThat(call("POST", "/api/v1/relays", READ, "application/json", push("a/b", "rtmp://127.0.0.1:1/a/b"))
                .statusCode()).as("a read token may not add").isEqualTo(403);
        assertThat(call("POST", "/api/v1/relays", null, "application/json", push("a/b", "rtmp://127.0.0.1:1/a/b"))
                .statusCode()).as("no token").isEqualTo(401);
        assertThat(call("GET", "/api/v1/relays", null, null, null).statusCode()).isEqualTo(401);

        assertThat(post(push("a/b", "rtmp://127.0.0.1:1/a/b")).statusCode()).isEqualTo(201);
        assertThat(post(push("a/c", "rtmp://127.0.0.1:1/a/c")).statusCode()).isEqualTo(201);
        r = post(push("a/d", "rtmp://127.0.0.1:1/a/d"));
        assertThat(r.statusCode()).as("the registry holds 2").isEqualTo(503);
        assertThat(error(r)).contains("too many relays");

        assertThat(call("PUT", "/api/v1/relays", WRITE, null, null).statusCode()).isIn(404, 405);
        r = call("DELETE", "/api/v1/relays", WRITE, null, null);
        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("GET, POST");
        assertThat(call("POST", "/api/v1/streams", WRITE, "application/json", "{}").statusCode()).isEqualTo(405);
        assertThat(call("GET", "/api/v1/relays/..%2F", READ, null, null).statusCode()).isEqualTo(400);
        assertThat(call("GET", "/api/v1/relays?x=1", READ, null, null).statusCode()).isEqualTo(400);
    }
}
