package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.live.PlayerKind;

/**
 * Issue 14 §5: the status line, {@code /api/v1/server} (the console's totals), {@code /api/v1/streams} (the console's
 * table) and {@code /metrics} agree. The {@code server} command runs as a child process with a status line every
 * second and the snapshot tap on (a {@code GET /live/cam.jpg} first: the tap must not count as a player); a stable
 * real-time publisher and known players (2 RTMP, 1 HTTP-FLV) are connected; then every view is read at one moment:
 * stream count, players in total and by kind must be equal everywhere, and the byte counters must be the same
 * source: each read between two reads of the other, and growing.
 */
@Timeout(90)
class MonitoringAgreementIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern STATUS = Pattern.compile(
            "status: (\\d+) connections, (\\d+) streams, (\\d+) players, .*; busiest: app=live key=cam (\\d+) players? ");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Deque<AutoCloseable> closeables = new ArrayDeque<>();
    private ServerProcess server;

    @AfterEach
    void stop() throws Exception {
        try {
            while (!closeables.isEmpty()) {
                closeables.pop().close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private HttpResponse<String> call(String target) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + target))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode api(String target) throws Exception {
        HttpResponse<String> r = call(target);
        assertThat(r.statusCode()).as("GET %s: %s", target, r.body()).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** Plays live/cam over RTMP; @return its listener, counting media messages */
    private MediaCounter rtmpPlayer() throws IOException {
        MediaCounter counter = new MediaCounter();
        RtmpClient c = RtmpClient.connect(URI.create("rtmp://127.0.0.1:" + server.rtmpPort() + "/live"),
                ClientOptions.defaults().withTimeout(Duration.ofSeconds(10)));
        closeables.push(c);
        c.play("cam", counter);
        return counter;
    }

    @Test
    void statusLineConsoleApiAndMetricsAgreeOnStreamsPlayersByKindAndBytes() throws Exception {
        server = ServerProcess.start("--status-interval", "1");
        RealtimePublisher publisher = RealtimePublisher.start(
                URI.create("rtmp://127.0.0.1:" + server.rtmpPort() + "/live/cam"), Media.h264Aac(), 3);
        closeables.push(publisher);
        // 404 until the first keyframe reached the server (documented); then the tap joins the stream
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        int snapshot = call("/live/cam.jpg").statusCode();
        while (snapshot == 404 && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(100));
            snapshot = call("/live/cam.jpg").statusCode();
        }
        assertThat(snapshot).as("a snapshot: the tap joins the stream").isEqualTo(200);

        MediaCounter first = rtmpPlayer();
        MediaCounter second = rtmpPlayer();
        HttpResponse<InputStream> flv = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.httpPort() + "/live/cam.flv")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        InputStream body = flv.body();
        closeables.push(body);
        assertThat(body.read()).as("the HTTP-FLV body starts").isEqualTo('F');
        Thread drain = new Thread(() -> {
            try {
                body.transferTo(OutputStream.nullOutputStream());
            } catch (IOException closed) {
                // the test ended
            }
        }, "http-flv-drain");
        drain.setDaemon(true);
        drain.start();
        first.first.get(10, TimeUnit.SECONDS);
        second.first.get(10, TimeUnit.SECONDS);

        String line = server.awaitLine(l -> {
            Matcher m = STATUS.matcher(l);
            return m.find() && m.group(3).equals("3");
        }, 0, Duration.ofSeconds(15));

        // one moment: server totals, streams, metrics, server totals again, streams again
        JsonNode before = api("/api/v1/server");
        JsonNode streams = api("/api/v1/streams");
        PrometheusText metrics = PrometheusText.parse(call("/metrics").body());
        JsonNode after = api("/api/v1/server");
        JsonNode streamsAfter = api("/api/v1/streams");
        System.out.println("Monitoring agreement: " + line + " | server " + before + " | metrics players "
                + metrics.value("rtmp4j_players"));

        Matcher status = STATUS.matcher(line);
        assertThat(status.find()).isTrue();
        JsonNode cam = streams.get("streams").get(0);
        // streams
        assertThat(streams.get("itemCount").asInt()).isEqualTo(1);
        assertThat(cam.get("stream_id").asText()).isEqualTo("live/cam");
        assertThat(before.get("streams").asInt()).isEqualTo(1);
        assertThat(metrics.value("rtmp4j_streams_active")).isEqualTo(1);
        assertThat(status.group(2)).isEqualTo("1");
        // players: 3 everywhere, the snapshot tap not among them
        assertThat(cam.at("/players/total").asInt()).isEqualTo(3);
        assertThat(before.get("players").asInt()).isEqualTo(3);
        assertThat(metrics.value("rtmp4j_players")).isEqualTo(3);
        assertThat(status.group(3)).isEqualTo("3");
        assertThat(status.group(4)).as("the busiest stream's players").isEqualTo("3");
        for (PlayerKind k : PlayerKind.values()) {
            int expected = k == PlayerKind.RTMP ? 2 : k == PlayerKind.HTTP_FLV ? 1 : 0;
            assertThat(cam.at("/players/" + k.label()).asInt()).as("API players of kind %s", k).isEqualTo(expected);
            assertThat(metrics.value("rtmp4j_stream_players", "kind", k.label(), "stream", "live/cam"))
                    .as("metrics players of kind %s", k).isEqualTo(expected);
        }
        // connections: the same counter (the API's HTTP connection is open for both reads)
        assertThat(metrics.value("rtmp4j_connections_active")).isEqualTo(before.get("connections_active").asDouble());
        assertThat(Integer.parseInt(status.group(1))).isBetween(4, before.get("connections_active").asInt());
        // bytes: one source, each read between the reads around it
        assertThat(metrics.value("rtmp4j_received_bytes_total"))
                .isBetween(before.get("bytes_in").asDouble(), after.get("bytes_in").asDouble());
        assertThat(metrics.value("rtmp4j_sent_bytes_total"))
                .isBetween(before.get("bytes_out").asDouble(), after.get("bytes_out").asDouble());
        assertThat(metrics.value("rtmp4j_stream_received_bytes_total", "stream", "live/cam"))
                .isBetween(cam.get("bytes_in").asDouble(), streamsAfter.at("/streams/0/bytes_in").asDouble());
        double sentToPlayers = 0;
        for (PlayerKind k : PlayerKind.values()) {
            sentToPlayers += metrics.value("rtmp4j_stream_player_sent_bytes", "kind", k.label(), "stream", "live/cam");
        }
        assertThat(sentToPlayers).isBetween(cam.get("bytes_out").asDouble(), streamsAfter.at("/streams/0/bytes_out").asDouble());
        assertThat(cam.get("bytes_in").asLong()).as("payload in <= bytes on the wire in").isPositive()
                .isLessThanOrEqualTo(after.get("bytes_in").asLong());
        assertThat(cam.get("bytes_out").asLong()).as("payload out <= bytes on the wire out").isPositive()
                .isLessThanOrEqualTo(after.get("bytes_out").asLong());

        // growing: once the player got more media, every counter moved on
        first.after(25).get(10, TimeUnit.SECONDS);
        JsonNode later = api("/api/v1/server");
        assertThat(later.get("bytes_in").asLong()).isGreaterThan(after.get("bytes_in").asLong());
        assertThat(later.get("bytes_out").asLong()).isGreaterThan(after.get("bytes_out").asLong());
        assertThat(api("/api/v1/streams/live/cam").get("bytes_in").asLong())
                .isGreaterThan(streamsAfter.at("/streams/0/bytes_in").asLong());
    }

    /** Counts a player's media messages; completes futures at the first and after a number more. */
    private static final class MediaCounter implements ClientListener {
        final CompletableFuture<Void> first = new CompletableFuture<>();
        private final AtomicLong messages = new AtomicLong();
        private volatile long target;
        private volatile CompletableFuture<Void> reached;

        @Override
        public void onMedia(int streamId, MediaMessage media) {
            long n = messages.incrementAndGet();
            first.complete(null);
            CompletableFuture<Void> r = reached;
            if (r != null && n >= target) {
                r.complete(null);
            }
        }

        /** @return completes when {@code more} messages more than now have arrived */
        CompletableFuture<Void> after(long more) {
            target = messages.get() + more;
            CompletableFuture<Void> r = new CompletableFuture<>();
            reached = r;
            return r;
        }
    }
}
