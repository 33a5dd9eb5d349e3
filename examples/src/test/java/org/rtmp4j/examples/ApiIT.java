package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.examples.api.ApiAccess;
import org.rtmp4j.examples.api.ApiRoutes;
import org.rtmp4j.examples.api.Cidr;
import org.rtmp4j.flv.FlvDemuxer;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.http.FlvStreamPath;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.live.HttpFlvPlayer;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.server.RtmpServer;

/**
 * The HTTP API, /health and /metrics (issue 14 §1, §2) against an in-process server with real peers: the library's
 * RTMP client publishes the shared H.264/AAC file and plays, the JDK's HttpClient plays HTTP-FLV and its WebSocket
 * plays WebSocket-FLV; the API is called with the JDK's HttpClient, and from 127.0.0.2 over a plain socket.
 */
@Timeout(60)
class ApiIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    final LoopbackServer fixture = new LoopbackServer();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private LiveBroadcastController relay;
    private ObservingController observed;
    private RtmpServer server;

    @AfterEach
    void closeAll() throws Exception {
        while (!closeables.isEmpty()) {
            closeables.pop().close();
        }
    }

    private void start(ApiAccess access) throws IOException {
        relay = new LiveBroadcastController();
        observed = new ObservingController(relay);
        ApiRoutes routes = new ApiRoutes(relay, access, false);
        server = fixture.start(observed, b -> routes.mount(b.http(new InetSocketAddress("127.0.0.1", 0))
                .httpRoute(HttpMethod.GET, FlvStreamPath::matches, new HttpFlvPlayer(relay))));
        routes.attach(server);
    }

    private URI uri(String scheme, String target) {
        return URI.create(scheme + "://127.0.0.1:" + server.httpPort() + target);
    }

    private HttpResponse<String> call(String method, String target) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("http", target)).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String target) throws Exception {
        HttpResponse<String> r = call("GET", target);
        assertThat(r.statusCode()).as("GET %s: %s", target, r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        return JSON.readTree(r.body());
    }

    private RtmpClient client() throws IOException {
        RtmpClient c = RtmpClient.connect(fixture.uri("live"), ClientOptions.defaults());
        closeables.push(c);
        return c;
    }

    /** The audio and video tags of the shared H.264/AAC file. */
    private static List<FlvTag> fileTags() throws IOException {
        List<FlvTag> tags = new ArrayList<>();
        FlvDemuxer demuxer = new FlvDemuxer();
        demuxer.feed(ByteBuffer.wrap(Files.readAllBytes(Media.h264Aac())), t -> {
            if (t.type() == FlvTagType.AUDIO || t.type() == FlvTagType.VIDEO) {
                tags.add(t);
            }
        });
        return tags;
    }

    /** Publishes the whole file as live/cam (as fast as the connection goes) and waits until the server has it. */
    private long publishFile(RtmpClient client) throws Exception {
        Publisher p = client.publish("cam");
        long bytes = 0;
        int video = 0;
        for (FlvTag t : fileTags()) {
            p.send(t);
            bytes += t.body().remaining();
            video += t.type() == FlvTagType.VIDEO ? 1 : 0;
        }
        observed.afterVideoMessages(video).get(20, TimeUnit.SECONDS);
        return bytes;
    }

    @Test
    void streamsAndClientsShowCodecsPlayersByKindBytesAndPublisherAndMetricsAgree() throws Exception {
        start(ApiAccess.loopbackOnly());
        long published = publishFile(client());

        CompletableFuture<Void> rtmpMedia = new CompletableFuture<>();
        RtmpClient rtmpPlayer = client();
        rtmpPlayer.play("cam", new ClientListener() {
            @Override
            public void onMedia(int streamId, MediaMessage media) {
                rtmpMedia.complete(null);
            }
        });
        HttpResponse<InputStream> flv = http.send(HttpRequest.newBuilder(uri("http", "/live/cam.flv")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        closeables.push(flv.body());
        assertThat(flv.body().read()).as("the HTTP-FLV body starts").isEqualTo('F');
        CompletableFuture<Void> wsMedia = new CompletableFuture<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(uri("ws", "/live/cam.flv"), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                wsMedia.complete(null);
                webSocket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        closeables.push(ws::abort);
        rtmpMedia.get(10, TimeUnit.SECONDS);
        wsMedia.get(10, TimeUnit.SECONDS);

        JsonNode s = get("/api/v1/streams/live/cam");
        assertThat(s.get("stream_id").asText()).isEqualTo("live/cam");
        assertThat(s.get("app").asText()).isEqualTo("live");
        assertThat(s.get("key").asText()).isEqualTo("cam");
        assertThat(java.time.Instant.parse(s.get("start_time").asText())).isBeforeOrEqualTo(java.time.Instant.now());
        assertThat(s.get("start_time").asText()).endsWith("Z");
        assertThat(s.at("/video/codec").asText()).isEqualTo("h264");
        assertThat(s.at("/video/width").asInt()).isEqualTo(768);
        assertThat(s.at("/video/height").asInt()).isEqualTo(320);
        assertThat(s.at("/audio/codec").asText()).isEqualTo("aac");
        assertThat(s.at("/audio/sample_rate").asInt()).isEqualTo(44100);
        assertThat(s.at("/audio/channels").asInt()).isEqualTo(2);
        assertThat(s.get("bitrate").asLong()).isPositive();
        assertThat(s.get("bytes_in").asLong()).isEqualTo(published);
        assertThat(s.get("bytes_out").asLong()).isPositive();
        assertThat(s.at("/players/rtmp").asInt()).isEqualTo(1);
        assertThat(s.at("/players/http-flv").asInt()).isEqualTo(1);
        assertThat(s.at("/players/ws-flv").asInt()).isEqualTo(1);
        assertThat(s.at("/players/hls").asInt()).isZero();
        assertThat(s.at("/players/total").asInt()).isEqualTo(3);
        assertThat(s.at("/publisher/protocol").asText()).isEqualTo("rtmp");
        assertThat(s.at("/publisher/address").asText()).startsWith("127.0.0.1:");

        JsonNode list = get("/api/v1/streams");
        assertThat(list.get("itemCount").asInt()).isEqualTo(1);
        assertThat(list.get("pageCount").asInt()).isEqualTo(1);
        assertThat(withoutClocks(list.get("streams").get(0))).isEqualTo(withoutClocks(s));

        JsonNode clients = get("/api/v1/clients").get("clients");
        List<String> kinds = new ArrayList<>();
        clients.forEach(c -> kinds.add(c.get("kind").asText()));
        assertThat(kinds).contains("rtmp-publisher", "rtmp-player", "http-flv", "ws-flv", "http");
        for (JsonNode c : clients) {
            assertThat(c.get("address").asText()).startsWith("127.0.0.1:");
            assertThat(java.time.Instant.parse(c.get("connected_since").asText())).isBeforeOrEqualTo(java.time.Instant.now());
            if (!c.get("kind").asText().equals("http")) {
                assertThat(c.get("stream").asText()).as("%s", c).isEqualTo("live/cam");
                assertThat(c.get("bytes_in").asLong() + c.get("bytes_out").asLong()).isPositive();
                assertThat(c.get("dropped_messages").asLong()).isZero();
            }
        }
        assertThat(client(clients, "rtmp-publisher").get("bytes_in").asLong()).isGreaterThan(published);
        assertThat(client(clients, "http-flv").get("bytes_out").asLong()).isPositive();
        assertThat(client(clients, "rtmp-publisher").get("protocol").asText()).isEqualTo("rtmp");
        assertThat(client(clients, "http-flv").get("protocol").asText()).isEqualTo("http");

        HttpResponse<String> metrics = call("GET", "/metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        PrometheusText m = PrometheusText.parse(metrics.body());
        assertThat(m.types).containsEntry("rtmp4j_connections_total", "counter").containsEntry("rtmp4j_stream_players", "gauge");
        assertThat(m.value("rtmp4j_stream_players", "kind", "rtmp", "stream", "live/cam")).isEqualTo(1);
        assertThat(m.value("rtmp4j_stream_players", "kind", "http-flv", "stream", "live/cam")).isEqualTo(1);
        assertThat(m.value("rtmp4j_stream_players", "kind", "ws-flv", "stream", "live/cam")).isEqualTo(1);
        assertThat(m.value("rtmp4j_stream_received_bytes_total", "stream", "live/cam")).isEqualTo(published);
        assertThat(m.value("rtmp4j_stream_player_sent_bytes", "kind", "rtmp", "stream", "live/cam")).isPositive();
        assertThat(m.value("rtmp4j_streams_active")).isEqualTo(1);
        assertThat(m.value("rtmp4j_players")).as("as the API's players.total").isEqualTo(3);
        assertThat(m.value("rtmp4j_connections_active")).isGreaterThanOrEqualTo(5);
        assertThat(m.value("rtmp4j_received_bytes_total")).isGreaterThan(published);
        assertThat(m.value("rtmp4j_connections_rejected_total", "reason", "max_connections")).isZero();
        assertThat(m.value("rtmp4j_connections_rejected_total", "reason", "per_ip_eviction")).isZero();
    }

    /** The stream's JSON without the fields that move between two requests (uptime, bitrate). */
    private static JsonNode withoutClocks(JsonNode stream) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = stream.deepCopy();
        copy.remove(List.of("uptime_seconds", "bitrate"));
        return copy;
    }

    private static JsonNode client(JsonNode clients, String kind) {
        for (JsonNode c : clients) {
            if (c.get("kind").asText().equals(kind)) {
                return c;
            }
        }
        throw new AssertionError("no " + kind + " client in " + clients);
    }

    @Test
    void deleteClosesAPlayerAnHttpFlvPlayerAndThePublisher() throws Exception {
        start(ApiAccess.loopbackOnly());
        RtmpClient publisher = client();
        publishFile(publisher);
        CompletableFuture<Void> media = new CompletableFuture<>();
        RtmpClient player = client();
        player.play("cam", new ClientListener() {
            @Override
            public void onMedia(int streamId, MediaMessage m) {
                media.complete(null);
            }
        });
        media.get(10, TimeUnit.SECONDS);
        HttpResponse<InputStream> flv = http.send(HttpRequest.newBuilder(uri("http", "/live/cam.flv")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        closeables.push(flv.body());
        assertThat(flv.body().read()).isEqualTo('F');

        JsonNode clients = get("/api/v1/clients").get("clients");
        long playerId = client(clients, "rtmp-player").get("id").asLong();
        assertThat(get("/api/v1/clients/" + playerId).get("kind").asText()).isEqualTo("rtmp-player");
        assertThat(call("DELETE", "/api/v1/clients/" + playerId).statusCode()).isEqualTo(204);
        player.closeFuture().get(10, TimeUnit.SECONDS);
        assertThat(get("/api/v1/streams/live/cam").at("/players/rtmp").asInt()).isZero();

        long flvId = client(clients, "http-flv").get("id").asLong();
        assertThat(call("DELETE", "/api/v1/clients/" + flvId).statusCode()).isEqualTo(204);
        try (InputStream body = flv.body()) {
            body.readAllBytes(); // ends (EOF or a reset) because the server closed the connection
        } catch (IOException expected) {
            // a reset is an end too
        }

        assertThat(call("DELETE", "/api/v1/streams/live/cam").statusCode()).isEqualTo(204);
        publisher.closeFuture().get(10, TimeUnit.SECONDS);
        assertThat(call("GET", "/api/v1/streams/live/cam").statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/streams/live/cam").statusCode()).isEqualTo(404);
        assertThat(get("/api/v1/streams").get("itemCount").asInt()).isZero();
    }

    @Test
    void paginationCountsItemsAndPagesFromZeroAndUnknownThingsAre404() throws Exception {
        start(ApiAccess.loopbackOnly());
        RtmpClient c = client();
        for (int i = 0; i < 5; i++) {
            c.publish("p" + i);
        }
        JsonNode page0 = get("/api/v1/streams?itemsPerPage=2");
        assertThat(page0.get("itemCount").asInt()).isEqualTo(5);
        assertThat(page0.get("pageCount").asInt()).isEqualTo(3);
        assertThat(ids(page0)).containsExactly("live/p0", "live/p1");
        assertThat(ids(get("/api/v1/streams?page=1&itemsPerPage=2"))).containsExactly("live/p2", "live/p3");
        assertThat(ids(get("/api/v1/streams?itemsPerPage=2&page=2"))).containsExactly("live/p4");
        JsonNode past = get("/api/v1/streams?page=3&itemsPerPage=2");
        assertThat(ids(past)).isEmpty();
        assertThat(past.get("itemCount").asInt()).isEqualTo(5);
        assertThat(ids(get("/api/v1/streams"))).hasSize(5);
        assertThat(ids(get("/api/v1/streams?itemsPerPage=1000"))).hasSize(5);
        assertThat(get("/api/v1/streams?itemsPerPage=5").get("pageCount").asInt()).isEqualTo(1);

        JsonNode clients = get("/api/v1/clients?itemsPerPage=1");
        assertThat(clients.get("itemCount").asInt()).isGreaterThanOrEqualTo(2); // the RTMP client and this HTTP one
        assertThat(clients.get("pageCount").asInt()).isEqualTo(clients.get("itemCount").asInt());
        assertThat(clients.get("clients")).hasSize(1);

        assertThat(call("GET", "/api/v1/streams/live/nobody").statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/streams/live/nobody").statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/clients/999999").statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/api/v1/clients/999999").statusCode()).isEqualTo(404);
        HttpResponse<String> unknown = call("GET", "/api/v1/nothing");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).get("error").asText()).contains("/api/v1/nothing");
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.get("streams").forEach(s -> ids.add(s.get("stream_id").asText()));
        return ids;
    }

    @Test
    void hostileInputIsA4xxWithTheReason() throws Exception {
        start(ApiAccess.loopbackOnly());
        client().publish("cam");
        InetSocketAddress at = server.httpAddress();
        List<String> targets = List.of(
                "/api/v1/streams?page=-1", "/api/v1/streams?page=abc", "/api/v1/streams?page=", "/api/v1/streams?page=1.5",
                "/api/v1/streams?itemsPerPage=1001", "/api/v1/streams?itemsPerPage=0", "/api/v1/streams?itemsPerPage=1e3",
                "/api/v1/streams?page=99999999999999999999999", "/api/v1/streams?page=1&page=2", "/api/v1/streams?pag=1",
                "/api/v1/streams?page=%31", "/api/v1/clients?itemsPerPage=-5", "/api/v1/clients?page=+1",
                "/api/v1/streams/live/..", "/api/v1/streams/../cam", "/api/v1/streams/%2e%2e/%2e%2e",
                "/api/v1/streams/live%2Fcam", "/api/v1/streams/live/cam%00", "/api/v1/streams/..%2f..%2fetc/passwd",
                "/api/v1/streams/live/", "/api/v1/streams/cam", "/api/v1/streams//cam", "/api/v1/streams/live/cam?x=1",
                "/api/v1/streams/live/" + "k".repeat(201), "/api/v1/streams/live/%2e",
                "/api/v1/clients/99999999999999999999999999", "/api/v1/clients/-1", "/api/v1/clients/abc",
                "/api/v1/clients/1.0", "/api/v1/clients/");
        for (String target : targets) {
            for (String method : List.of("GET", "DELETE")) {
                RawHttp.Response r = RawHttp.call("127.0.0.1", at, method, target, null);
                assertThat(r.status()).as("%s %s: %s", method, target, r.body()).isBetween(400, 499);
            }
        }
        RawHttp.Response r = RawHttp.call("127.0.0.1", at, "GET", "/api/v1/streams?itemsPerPage=1001", null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(JSON.readTree(r.body()).get("error").asText()).contains("itemsPerPage", "1000", "1001");
        assertThat(relay.isLive(new org.rtmp4j.live.StreamKey("live", "cam"))).as("nothing was closed").isTrue();
    }

    @Test
    void untrustedPeersNeedTheReadTokenToReadAndTheWriteTokenToDelete() throws Exception {
        start(new ApiAccess(List.of(Cidr.parse("127.0.0.1")), "write-secret", "read-secret"));
        client().publish("tok");
        InetSocketAddress at = server.httpAddress();
        String other = "127.0.0.2";

        assertThat(call("GET", "/api/v1/streams").statusCode()).as("127.0.0.1 is trusted").isEqualTo(200);
        RawHttp.Response none = RawHttp.call(other, at, "GET", "/api/v1/streams", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).startsWith("Bearer");
        assertThat(RawHttp.call(other, at, "GET", "/api/v1/streams", "Bearer wrong").status()).isEqualTo(401);
        assertThat(RawHttp.call(other, at, "GET", "/api/v1/streams", "Basic cmVhZC1zZWNyZXQ=").status()).isEqualTo(401);
        assertThat(RawHttp.call(other, at, "GET", "/metrics", null).status()).isEqualTo(401);
        assertThat(RawHttp.call(other, at, "GET", "/health", null).status()).as("health is open").isEqualTo(200);

        RawHttp.Response read = RawHttp.call(other, at, "GET", "/api/v1/streams", "Bearer read-secret");
        assertThat(read.status()).isEqualTo(200);
        assertThat(JSON.readTree(read.body()).get("itemCount").asInt()).isEqualTo(1);
        assertThat(RawHttp.call(other, at, "GET", "/metrics", "Bearer read-secret").status()).isEqualTo(200);
        assertThat(RawHttp.call(other, at, "GET", "/api/v1/clients", "bearer read-secret").status()).isEqualTo(200);
        assertThat(RawHttp.call(other, at, "DELETE", "/api/v1/streams/live/tok", "Bearer read-secret").status())
                .isEqualTo(403);
        assertThat(RawHttp.call(other, at, "DELETE", "/api/v1/streams/live/tok", null).status()).isEqualTo(401);
        assertThat(relay.isLive(new org.rtmp4j.live.StreamKey("live", "tok"))).isTrue();

        // the console's totals say whether the caller may write, by the same rules
        assertThat(JSON.readTree(RawHttp.call(other, at, "GET", "/api/v1/server", "Bearer read-secret").body())
                .at("/access/write").asBoolean()).isFalse();
        assertThat(JSON.readTree(RawHttp.call(other, at, "GET", "/api/v1/server", "Bearer write-secret").body())
                .at("/access/write").asBoolean()).isTrue();
        assertThat(RawHttp.call(other, at, "GET", "/api/v1/server", null).status()).isEqualTo(401);
        JsonNode totals = get("/api/v1/server");
        assertThat(totals.at("/access/write").asBoolean()).as("127.0.0.1 is trusted").isTrue();
        assertThat(totals.get("streams").asInt()).isEqualTo(1);
        assertThat(totals.get("connections_active").asInt()).isPositive();
        assertThat(totals.get("bytes_in").asLong()).isPositive();
        assertThat(java.time.Instant.parse(totals.get("started_at").asText())).isBeforeOrEqualTo(java.time.Instant.now());
        assertThat(call("GET", "/api/v1/server?x=1").statusCode()).isEqualTo(400);

        assertThat(RawHttp.call(other, at, "GET", "/api/v1/streams", "Bearer write-secret").status()).isEqualTo(200);
        assertThat(RawHttp.call(other, at, "DELETE", "/api/v1/streams/live/tok", "Bearer write-secret").status())
                .isEqualTo(204);
    }

    @Test
    void withoutATokenOnlyTrustedPeersGetInAndHealthTurns503WhileDraining() throws Exception {
        start(new ApiAccess(List.of(Cidr.parse("127.0.0.1/32")), null, null));
        InetSocketAddress at = server.httpAddress();
        assertThat(RawHttp.call("127.0.0.2", at, "GET", "/api/v1/streams", "Bearer anything").status()).isEqualTo(403);
        assertThat(RawHttp.call("127.0.0.2", at, "GET", "/metrics", null).status()).isEqualTo(403);
        try (RawHttp c = new RawHttp("127.0.0.1", at)) {
            RawHttp.Response ok = c.send("GET", "/health", null);
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("OK");
            server.drain(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
            RawHttp.Response draining = c.send("GET", "/health", null);
            assertThat(draining.status()).isEqualTo(503);
            assertThat(draining.body()).isEqualTo("draining");
        }
    }
}
