package org.rtmp4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.live.TestTags.bytes;
import static org.rtmp4j.live.TestTags.video;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.flv.FlvDemuxer;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.http.FlvStreamPath;
import org.rtmp4j.http.HttpLimits;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.http.HttpOptions;
import org.rtmp4j.live.HttpFlvIngest;
import org.rtmp4j.live.HttpFlvPlayer;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.testkit.LogLines;

/**
 * Hostile HTTP (issue 12, "Bad input"): request smuggling (Content-Length with Transfer-Encoding),
 * an oversized header, a trickled head past its deadline, a WebSocket frame over the message limit
 * and an upload that is not FLV each get their 4xx or WebSocket close, and exactly one log line
 * with the peer and the reason, while an RTMP and an HTTP-FLV player of another stream keep
 * receiving every frame.
 */
@Timeout(60)
class HostileHttpIT {
    private static final Duration HEAD_DEADLINE = Duration.ofMillis(600);
    private static final int MAX_WS_MESSAGE = 1024;
    private static final FlvTag AVC_HEADER = video(0, 0x17, 0x00, 0, 0, 0, 0x01, 0x64, 0x00, 0x1F, 0xFF, 0xE1, 0, 0, 0x01, 0);

    private final LiveBroadcastController relay = new LiveBroadcastController();
    private final LoopbackServer fixture = new LoopbackServer();
    private final ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
    private final List<byte[]> sent = new ArrayList<>();
    private LogLines log;
    private RtmpServer server;
    private Publisher publisher;
    private MediaSink rtmpPlayer;
    private InputStream httpFlvPlayer;
    private final FlvDemuxer httpFlvDemuxer = new FlvDemuxer();
    private final List<FlvTag> httpFlvTags = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        log = new LogLines();
        HttpOptions d = HttpOptions.defaults();
        HttpOptions options = new HttpOptions(new HttpLimits(HttpLimits.DEFAULT_MAX_REQUEST_LINE_LENGTH,
                HttpLimits.DEFAULT_MAX_HEADER_COUNT, HttpLimits.DEFAULT_MAX_HEADER_BYTES,
                HttpLimits.DEFAULT_MAX_CHUNK_LINE_LENGTH, HEAD_DEADLINE), d.allowOrigin(), d.idleTimeout(),
                MAX_WS_MESSAGE, d.maxPipelinedBytes());
        HttpFlvIngest ingest = new HttpFlvIngest(relay);
        server = fixture.start(RtmpServer.builder().http(0).httpOptions(options)
                .httpRoute(HttpMethod.GET, FlvStreamPath::matches, new HttpFlvPlayer(relay))
                .httpRoute(HttpMethod.POST, FlvStreamPath::matches, ingest), relay);
        publisher = fixture.keep(fixture.client().publish("cam"));
        rtmpPlayer = new MediaSink();
        fixture.client().play("cam", rtmpPlayer);
        sendFrame(AVC_HEADER);
        sendFrame(video(0, 0x17, 0x01, 0, 0, 0, 0, 0, 0, 2, 0x65, 0x88));
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.httpPort() + "/live/cam.flv")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        httpFlvPlayer = fixture.keep(r.body());
        assertPlayersGotEverythingSoFar();
    }

    @AfterEach
    void tearDown() throws Exception {
        trickler.shutdownNow();
        try {
            fixture.close();
        } finally {
            log.close();
        }
    }

    private void sendFrame(FlvTag t) throws Exception {
        publisher.send(t);
        sent.add(bytes(t.body()));
    }

    /** Both players have received every frame published so far, in order. */
    private void assertPlayersGotEverythingSoFar() throws Exception {
        List<MediaMessage> rtmp = rtmpPlayer.take(sent.size() - rtmpTaken);
        for (MediaMessage m : rtmp) {
            assertThat(bytes(m.payload())).isEqualTo(sent.get(rtmpTaken++));
        }
        byte[] buf = new byte[4096];
        while (httpFlvTags.stream().filter(t -> t.type() == FlvTagType.VIDEO).count() < sent.size()) {
            int n = httpFlvPlayer.read(buf);
            assertThat(n).as("the HTTP-FLV body goes on").isPositive();
            httpFlvDemuxer.feed(ByteBuffer.wrap(buf, 0, n), httpFlvTags::add);
        }
        assertThat(httpFlvTags.stream().filter(t -> t.type() == FlvTagType.VIDEO).map(t -> bytes(t.body())).toList())
                .containsExactlyElementsOf(sent);
    }

    private int rtmpTaken;

    /** Publishes one more inter frame and checks that both players got it. */
    private void bystandersKeepPlaying() throws Exception {
        sendFrame(video(40 * sent.size(), 0x27, 0x01, 0, 0, 0, 0, 0, 0, 2, 0x41, sent.size()));
        assertPlayersGotEverythingSoFar();
    }

    /** @return the log lines naming this peer; the server logs {@code /127.0.0.1:PORT} */
    private List<String> linesOf(RawHttp peer) {
        return log.containing("127.0.0.1:" + peer.socket().getLocalPort() + " ");
    }

    @Test
    void smugglingIs400AndLoggedOnce() throws Exception {
        try (RawHttp c = new RawHttp(server.httpPort())) {
            RawHttp.Response r = c.send("POST /live/a.flv HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: t\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(400);
            assertThat(c.closedByPeer()).isTrue();
            assertThat(linesOf(c)).singleElement().asString().contains("refused: 400", "Transfer-Encoding");
        }
        bystandersKeepPlaying();
    }

    @Test
    void anOversizedHeaderIs431AndLoggedOnce() throws Exception {
        try (RawHttp c = new RawHttp(server.httpPort())) {
            RawHttp.Response r = c.send("GET /live/cam.flv HTTP/1.1\r\nHost: t\r\nX-Big: "
                    + "b".repeat(HttpLimits.DEFAULT_MAX_HEADER_BYTES) + "\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(431);
            assertThat(c.closedByPeer()).isTrue();
            assertThat(linesOf(c)).singleElement().asString().contains("refused: 431");
        }
        bystandersKeepPlaying();
    }

    @Test
    void aTrickledHeadIs408AtItsDeadlineAndLoggedOnce() throws Exception {
        try (RawHttp c = new RawHttp(server.httpPort())) {
            byte[] head = ("GET /live/cam.flv HTTP/1.1\r\nHost: t\r\nX-Slow: " + "a".repeat(500))
                    .getBytes(StandardCharsets.US_ASCII);
            AtomicInteger i = new AtomicInteger();
            trickler.scheduleAtFixedRate(() -> {
                try {
                    c.socket().getOutputStream().write(head[i.getAndIncrement()]);
                } catch (Exception e) {
                    throw new RuntimeException(e); // ends the schedule once the server closed
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            RawHttp.Response r = c.read();
            assertThat(r.status()).isEqualTo(408);
            assertThat(c.closedByPeer()).isTrue();
            assertThat(linesOf(c)).singleElement().asString().contains("refused: 408");
        }
        bystandersKeepPlaying();
    }

    @Test
    void aWebSocketFrameOverTheLimitIsClosedWith1009AndLoggedOnce() throws Exception {
        try (RawHttp c = new RawHttp(server.httpPort())) {
            c.send("GET /live/cam.flv HTTP/1.1\r\nHost: t\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            assertThat(c.read(true).status()).isEqualTo(101);
            // FIN + binary, masked, 16-bit length over the limit (RFC 6455 §5.2), mask key, no payload yet
            int len = MAX_WS_MESSAGE + 1;
            c.socket().getOutputStream().write(new byte[] {(byte) 0x82, (byte) (0x80 | 126), (byte) (len >> 8),
                (byte) len, 1, 2, 3, 4});
            InputStream in = c.socket().getInputStream();
            byte[] buf = new byte[8192];
            boolean sawClose1009 = false;
            for (int n = in.read(buf); n > 0; n = in.read(buf)) { // FLV frames, then the close frame
                for (int k = 0; k + 3 < n; k++) {
                    if (buf[k] == (byte) 0x88 && buf[k + 1] == 2 && buf[k + 2] == 0x03 && buf[k + 3] == (byte) 0xF1) {
                        sawClose1009 = true;
                    }
                }
            }
            assertThat(sawClose1009).as("close frame with code 1009").isTrue();
            assertThat(linesOf(c)).singleElement().asString().contains("refused: close 1009");
        }
        bystandersKeepPlaying();
    }

    @Test
    void anUploadThatIsNotFlvIs400AndLoggedOnce() throws Exception {
        String body = "this is not an FLV file";
        try (RawHttp c = new RawHttp(server.httpPort())) {
            RawHttp.Response r = c.send("POST /live/upload.flv HTTP/1.1\r\nHost: t\r\nContent-Length: " + body.length()
                    + "\r\n\r\n" + body).read();
            assertThat(r.status()).isEqualTo(400);
            assertThat(c.closedByPeer()).isTrue();
            assertThat(linesOf(c)).singleElement().asString().contains("refused: 400", "offset");
        }
        bystandersKeepPlaying();
    }
}
