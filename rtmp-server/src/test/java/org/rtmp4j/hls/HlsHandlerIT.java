package org.rtmp4j.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.testkit.Eventually.eventually;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.PlayAttempt;
import org.rtmp4j.live.PlayerGroup;
import org.rtmp4j.live.PlayerKind;
import org.rtmp4j.live.StreamInfo;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.server.LoopbackServer;
import org.rtmp4j.server.RtmpServer;

/**
 * HLS and LL-HLS over loopback (issue 13 §2): an RTMP publisher sends the shared H.264/AAC file tag by tag (so
 * the test decides how much media exists), the JDK's HttpClient plays. Blocking reload, 400/404/503, CORS and
 * cache headers, sessions and the play decision, a thousand parked requests, discontinuity on republish.
 */
@Timeout(120)
class HlsHandlerIT {
    private static final StreamKey CAM = new StreamKey("live", "cam");
    private static final Pattern HINT = Pattern.compile("#EXT-X-PRELOAD-HINT:TYPE=PART,URI=\"cam/([0-9a-z]+)/part-(\\d+)-(\\d+)\\.m4s");
    private static final Pattern SEGMENT = Pattern.compile("\\ncam/([0-9a-z]+)/seg-(\\d+)\\.m4s\\?hls_ctx=([A-Za-z0-9_-]{22})");

    private final LoopbackServer fixture = new LoopbackServer();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicInteger decisions = new AtomicInteger();
    private final LiveBroadcastController relay = new LiveBroadcastController() {
        @Override
        protected Status authorizePlay(PlayAttempt attempt) {
            if (attempt.kind() == PlayerKind.HLS) {
                decisions.incrementAndGet();
            }
            return attempt.query().contains("deny") ? Status.error("NetStream.Play.Failed", "no HLS for you") : null;
        }
    };
    private HlsHandler hls;
    private RtmpServer server;
    private Publisher publisher;
    private List<FlvTag> source;
    private int sent;

    private void start(HlsOptions options) throws Exception {
        start(options, null);
    }

    private void start(HlsOptions options, Path dir) throws Exception {
        start(options, dir, Clock.systemUTC());
    }

    private void start(HlsOptions options, Path dir, Clock clock) throws Exception {
        hls = new HlsHandler(relay, options, dir, clock, System::nanoTime);
        server = fixture.start(RtmpServer.builder().http(new InetSocketAddress("127.0.0.1", 0)).maxConnectionsPerIp(5000)
                .httpRoute(HttpMethod.GET, HlsPath::matches, hls).httpRoute(HttpMethod.HEAD, HlsPath::matches, hls), relay);
        source = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(Path.of(System.getProperty("rtmp4j.media.dir", "../media"), "h264-aac-avatar.flv"))) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                if (t.get().type() != FlvTagType.SCRIPT) {
                    source.add(t.get());
                }
            }
        }
        publish();
    }

    private void publish() throws Exception {
        publisher = fixture.keep(fixture.client().publish("cam"));
        sent = 0;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (hls != null) {
            hls.close();
        }
        fixture.close();
    }

    /** Sends the file's tags with a timestamp below {@code ms} (plus {@code offset}), then waits until the relay has them. */
    private void sendUntil(int ms, int offset) {
        long before = messagesIn();
        int n = 0;
        while (sent < source.size() && source.get(sent).timestamp() < ms) {
            FlvTag t = source.get(sent++);
            publisher.send(new FlvTag(t.type(), t.timestamp() + offset, t.body()));
            n++;
        }
        long target = before + n;
        eventually("the relay received " + n + " messages", () -> messagesIn() >= target);
    }

    private long messagesIn() {
        return relay.activeStreams().stream().filter(s -> s.key().equals(CAM)).mapToLong(StreamInfo::messagesIn).sum();
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.httpPort() + pathAndQuery);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private CompletableFuture<HttpResponse<String>> getAsync(String pathAndQuery) {
        return http.sendAsync(HttpRequest.newBuilder(uri(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first playlist: held until a segment exists; the media after the cached GOP is sent meanwhile. */
    private String firstPlaylist() throws Exception {
        sendUntil(1000, 0);
        CompletableFuture<HttpResponse<String>> first = getAsync("/live/cam.m3u8");
        eventually("the first playlist request is parked", () -> hls.blockedRequests(CAM) == 1);
        assertThat(first).isNotDone();
        sendUntil(6000, 0);
        HttpResponse<String> r = first.get(10, TimeUnit.SECONDS);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private static Matcher find(Pattern p, String text) {
        Matcher m = p.matcher(text);
        assertThat(m.find()).as(p + " in\n" + text).isTrue();
        return m;
    }

    @Test
    void thePlaylistIsHeldUntilASegmentExistsThenListsEveryUriWithTheSessionToken() throws Exception {
        start(HlsOptions.defaults());
        String playlist = firstPlaylist();
        assertThat(playlist).startsWith("#EXTM3U").contains("#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES")
                .contains("#EXT-X-PART:").contains("#EXT-X-MAP:URI=\"cam/");
        Matcher seg = find(SEGMENT, playlist);
        String token = seg.group(3);
        assertThat(playlist.lines().filter(l -> l.startsWith("cam/") || l.contains("URI=\"cam/")))
                .allMatch(l -> l.contains("hls_ctx=" + token));
        assertThat(hls.sessionCount(CAM)).isEqualTo(1);
        assertThat(decisions).hasValue(1);
        assertThat(relay.control().stream(CAM).orElseThrow().players())
                .as("HLS viewers in the hub's player counts by kind").containsEntry(PlayerKind.HLS, new PlayerGroup(1, 0, 0));

        HttpResponse<byte[]> segment = http.send(HttpRequest.newBuilder(uri("/live/cam/" + seg.group(1) + "/seg-"
                + seg.group(2) + ".m4s?hls_ctx=" + token)).header("Origin", "http://player.example").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(segment.statusCode()).isEqualTo(200);
        assertThat(segment.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(segment.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(segment.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(new String(segment.body(), 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isIn("moof", "styp");
        assertThat(decisions).as("a known token skips the play decision").hasValue(1);

        HttpResponse<String> again = get("/live/cam.m3u8?hls_ctx=" + token);
        assertThat(again.headers().firstValue("Content-Type")).hasValue("application/vnd.apple.mpegurl");
        assertThat(again.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(again.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(hls.sessionCount(CAM)).isEqualTo(1);

        HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(uri("/live/cam.m3u8"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://player.example")
                .header("Access-Control-Request-Method", "GET").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(preflight.statusCode()).isBetween(200, 204);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
    }

    @Test
    void aBlockingReloadIsAnsweredWhenItsPartExistsAndNotBefore() throws Exception {
        start(HlsOptions.defaults());
        String playlist = firstPlaylist();
        String token = find(SEGMENT, playlist).group(3);
        CompletableFuture<HttpResponse<String>> reload = null;
        CompletableFuture<HttpResponse<byte[]>> preload = null;
        long msn = -1;
        int part = -1;
        for (int attempt = 0; attempt < 5; attempt++) {
            // the hint of a fresh playlist; the publisher's last tag may still be muxed, finishing the hinted
            // part just before our requests arrive: then both are answered at once and we try the next hint
            Matcher hint = find(HINT, get("/live/cam.m3u8?hls_ctx=" + token).body());
            msn = Long.parseLong(hint.group(2));
            part = Integer.parseInt(hint.group(3));
            String partPath = "/live/cam/" + hint.group(1) + "/part-" + msn + "-" + part + ".m4s?hls_ctx=" + token;
            reload = getAsync("/live/cam.m3u8?_HLS_msn=" + msn + "&_HLS_part=" + part + "&hls_ctx=" + token);
            preload = http.sendAsync(HttpRequest.newBuilder(uri(partPath)).build(), HttpResponse.BodyHandlers.ofByteArray());
            CompletableFuture<HttpResponse<String>> r = reload;
            CompletableFuture<HttpResponse<byte[]>> p = preload;
            eventually("the reload and the part are parked",
                    () -> hls.blockedRequests(CAM) == 2 || r.isDone() || p.isDone());
            if (!r.isDone() && !p.isDone()) {
                break;
            }
            assertThat(r.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(p.get(5, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        assertThat(reload).isNotDone();
        assertThat(preload).isNotDone();

        while (!reload.isDone()) {
            assertThat(sent).as("the part appeared before the file ended").isLessThan(source.size());
            sendUntil(source.get(sent).timestamp() + 1, 0); // the next tag (and those of the same time)
        }
        HttpResponse<String> r = reload.get(5, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("part-" + msn + "-" + part + ".m4s");
        HttpResponse<byte[]> p = preload.get(5, TimeUnit.SECONDS);
        assertThat(p.statusCode()).isEqualTo(200);
        assertThat(new String(p.body(), 4, 4, java.nio.charset.StandardCharsets.US_ASCII)).isIn("moof", "styp");
        assertThat(hls.blockedRequests(CAM)).isZero();
    }

    @Test
    void badAndHostileQueriesAre400AndTooFarAheadIs400() throws Exception {
        start(HlsOptions.defaults());
        String playlist = firstPlaylist();
        String token = find(SEGMENT, playlist).group(3);
        long msn = Long.parseLong(find(HINT, get("/live/cam.m3u8?hls_ctx=" + token).body()).group(2));
        for (String q : List.of("_HLS_msn=" + (msn + 10), "_HLS_msn=-1", "_HLS_msn=abc", "_HLS_msn=99999999999999999999999",
                "_HLS_part=1", "_HLS_msn=1&_HLS_msn=2", "_HLS_msn=" + msn + "&_HLS_part=-3", "_HLS_msn=%00",
                "hls_ctx=../../x", "hls_ctx=" + token + "&hls_ctx=" + token, "_HLS_skip=MAYBE")) {
            HttpResponse<String> r = get("/live/cam.m3u8?" + q + (q.contains("hls_ctx") ? "" : "&hls_ctx=" + token));
            assertThat(r.statusCode()).as(q + ": " + r.body()).isEqualTo(400);
        }
        assertThat(hls.blockedRequests(CAM)).isZero();
    }

    @Test
    void aRefusedPlayIs403AndANameThatIsNotLiveIs404() throws Exception {
        start(HlsOptions.defaults());
        sendUntil(1000, 0);
        HttpResponse<String> refused = get("/live/cam.m3u8?deny=1");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("no HLS for you");
        assertThat(hls.sessionCount(CAM)).isZero();
        int before = decisions.get();
        assertThat(get("/live/nobody.m3u8").statusCode()).isEqualTo(404);
        assertThat(decisions).as("decided before the live check (a refused client cannot probe names), as for every"
                + " protocol; then no session for a name that is not live").hasValue(before + 1);
        assertThat(get("/live/nobody.m3u8?deny=1").statusCode()).as("refused before it can learn the name is not live")
                .isEqualTo(403);
        assertThat(hls.sessionCount(new StreamKey("live", "nobody"))).isZero();
        assertThat(get("/live/cam/zz/seg-0.m4s").statusCode()).isEqualTo(404);
        assertThat(get("/live/cam/zz/seg-0.m4s?deny=1").statusCode()).isEqualTo(403);
    }

    @Test
    void anExpiredSegmentIs404() throws Exception {
        start(HlsOptions.builder().segmentDuration(Duration.ofSeconds(1)).segmentsKept(1).build());
        String playlist = firstPlaylist();
        Matcher seg = find(SEGMENT, playlist);
        String path = "/live/cam/" + seg.group(1) + "/seg-" + seg.group(2) + ".m4s?hls_ctx=" + seg.group(3);
        assertThat(get(path).statusCode()).isEqualTo(200);
        sendUntil(Integer.MAX_VALUE, 0);
        for (int round = 1; round <= 3 && get(path).statusCode() == 200; round++) {
            sent = 0; // the file again, 12 s later
            sendUntil(Integer.MAX_VALUE, round * 12_000);
        }
        assertThat(get(path).statusCode()).isEqualTo(404);
        assertThat(hls.retainedBytes(CAM)).isPositive();
    }

    @Test
    void aThousandParkedReloadsAreAllAnsweredByTheirDeadlineAndNoneIsRetained() throws Exception {
        start(HlsOptions.builder().blockingTimeout(Duration.ofSeconds(2)).build());
        String playlist = firstPlaylist();
        String token = find(SEGMENT, playlist).group(3);
        long msn = Long.parseLong(find(HINT, get("/live/cam.m3u8?hls_ctx=" + token).body()).group(2));
        HttpClient many = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < 1000; i++) {
            answers.add(many.sendAsync(HttpRequest.newBuilder(uri("/live/cam.m3u8?_HLS_msn=" + (msn + 1) + "&hls_ctx=" + token))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        for (CompletableFuture<HttpResponse<String>> a : answers) {
            assertThat(a.get().statusCode()).isEqualTo(503);
        }
        assertThat(tookMs).as("answered at the 2 s deadline, not later").isLessThan(15_000);
        assertThat(hls.blockedRequests(CAM)).isZero();
    }

    @Test
    void aRepublishStartsADiscontinuityUnderTheSameInstance() throws Exception {
        start(HlsOptions.builder().segmentDuration(Duration.ofSeconds(1)).build());
        String playlist = firstPlaylist();
        String token = find(SEGMENT, playlist).group(3);
        String instance = find(SEGMENT, playlist).group(1);
        sendUntil(Integer.MAX_VALUE, 0);
        publisher.close();
        eventually("the publisher left", () -> !relay.isLive(CAM));
        publish();
        sendUntil(Integer.MAX_VALUE, 0);
        String after = get("/live/cam.m3u8?hls_ctx=" + token).body();
        assertThat(after.lines()).as(after).contains("#EXT-X-DISCONTINUITY");
        assertThat(find(SEGMENT, after).group(1)).isEqualTo(instance);
    }

    @Test
    void withADirectoryTheSegmentsAndAPlainPlaylistAreWrittenAndExpiredOnesDeleted(@TempDir Path dir) throws Exception {
        start(HlsOptions.builder().segmentDuration(Duration.ofSeconds(1)).segmentsKept(1).build(), dir);
        String playlist = firstPlaylist();
        Matcher seg = find(SEGMENT, playlist);
        Path first = dir.resolve("live/cam/" + seg.group(1) + "/seg-" + seg.group(2) + ".m4s");
        sendUntil(Integer.MAX_VALUE, 0);
        hls.diskFlushed().get(10, TimeUnit.SECONDS);
        String onDisk = Files.readString(dir.resolve("live/cam.m3u8"));
        assertThat(onDisk).contains("#EXT-X-MAP:URI=\"cam/" + seg.group(1) + "/init-").contains("cam/" + seg.group(1) + "/seg-")
                .doesNotContain("#EXT-X-PART", "CAN-BLOCK-RELOAD", "hls_ctx");
        Matcher listed = Pattern.compile("cam/[0-9a-z]+/seg-\\d+\\.m4s").matcher(onDisk);
        while (listed.find()) {
            assertThat(dir.resolve("live/" + listed.group())).as(listed.group()).exists();
        }
        for (int round = 1; round <= 3 && Files.exists(first); round++) {
            sent = 0;
            sendUntil(Integer.MAX_VALUE, round * 12_000);
            hls.diskFlushed().get(10, TimeUnit.SECONDS);
        }
        assertThat(first).as("an expired segment is deleted").doesNotExist();
    }

    @Test
    void timestampsThatWrapPastTwoToThe32MillisecondsStayOneMonotonicTimeline() throws Exception {
        start(HlsOptions.builder().segmentDuration(Duration.ofSeconds(1)).build());
        int offset = (int) ((1L << 32) - 5_000); // the file crosses 2^32 ms 5 s in
        sendUntil(1000, offset);
        CompletableFuture<HttpResponse<String>> first = getAsync("/live/cam.m3u8");
        eventually("the first playlist request is parked", () -> hls.blockedRequests(CAM) == 1);
        sendUntil(Integer.MAX_VALUE, offset);
        String token = find(SEGMENT, first.get(10, TimeUnit.SECONDS).body()).group(3);
        String playlist = get("/live/cam.m3u8?hls_ctx=" + token).body();
        assertThat(playlist.lines()).doesNotContain("#EXT-X-DISCONTINUITY");
        Matcher extinf = Pattern.compile("#EXTINF:([0-9.]+),").matcher(playlist);
        double total = 0;
        int segments = 0;
        while (extinf.find()) {
            double d = Double.parseDouble(extinf.group(1));
            assertThat(d).as(playlist).isBetween(0.5, 4.0);
            total += d;
            segments++;
        }
        assertThat(segments).isGreaterThanOrEqualTo(4);
        assertThat(total).as("no jump of 2^32 ms at the wrap").isLessThan(12.0);
    }

    @Test
    void programDateTimeIsTheLiveEdgesNotTheBurstOfTheCachedGop() throws Exception {
        Instant now = Instant.parse("2026-12-07T01:00:00Z");
        start(HlsOptions.defaults(), null, Clock.fixed(now, ZoneOffset.UTC)); // every sample arrives "now"
        String playlist = firstPlaylist();
        sendUntil(Integer.MAX_VALUE, 0);
        List<Instant> times = new ArrayList<>();
        List<Double> durations = new ArrayList<>();
        for (String line : get("/live/cam.m3u8?hls_ctx=" + find(SEGMENT, playlist).group(3)).body().split("\n")) {
            if (line.startsWith("#EXT-X-PROGRAM-DATE-TIME:")) {
                times.add(Instant.parse(line.substring(line.indexOf(':') + 1)));
            } else if (line.startsWith("#EXTINF:")) {
                durations.add(Double.parseDouble(line.substring(8, line.indexOf(','))));
            }
        }
        assertThat(durations).hasSizeGreaterThanOrEqualTo(2);
        Instant first = times.get(0);
        double firstSeconds = durations.get(0);
        assertThat(first).as("segment 0 lies in the past: its media arrived in one burst at 'now'").isBefore(now);
        // Segment 0 closes at the first audio frame past the presentation time of segment 1's keyframe (80 ms after
        // its decode time in this file): that audio frame is the live edge, a composition offset and at most one AAC
        // frame after the keyframe.
        assertThat(times.get(1)).as("segment 1's keyframe, just before the live edge when segment 0 closed")
                .isBetween(now.minusMillis(80 + 24), now.minusMillis(80))
                .isEqualTo(first.plusMillis(Math.round(firstSeconds * 1000)));
    }
}
