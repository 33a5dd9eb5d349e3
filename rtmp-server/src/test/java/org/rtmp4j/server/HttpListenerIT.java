package org.rtmp4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.http.HttpHeaders;
import org.rtmp4j.http.HttpLimits;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.http.HttpOptions;
import org.rtmp4j.http.HttpResponseStream;
import org.rtmp4j.http.WebSocketListener;
import org.rtmp4j.http.WebSocketSession;

/** The HTTP listener of RtmpServer over loopback on port 0: JDK HttpClient, java.net.http.WebSocket and raw sockets. */
@Timeout(30)
class HttpListenerIT {
    private static final String GET_404 = "GET /nothing HTTP/1.1\r\nHost: t\r\n\r\n";
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
    private RtmpServer server;

    private RtmpServer start(RtmpServer.Builder builder) throws Exception {
        server = builder.host("127.0.0.1").port(0).http(0).eventLoops(2).build().start();
        return server;
    }

    private RtmpServer start() throws Exception {
        return start(RtmpServer.builder());
    }

    @AfterEach
    void tearDown() {
        trickler.shutdownNow();
        if (server != null) {
            server.close();
        }
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.httpPort() + path);
    }

    @Test
    void httpListensOnItsOwnPortBesideRtmp() throws Exception {
        RtmpServer s = RtmpServer.builder().port(0).build();
        assertThat(s.hasHttp()).isFalse();
        assertThatThrownBy(s::httpPort).isInstanceOf(IllegalStateException.class);
        start();
        assertThat(server.httpPort()).isPositive().isNotEqualTo(server.port());
        assertThat(server.httpAddress().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void unknownPathIs404WithTheCorsHeader() throws Exception {
        start();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/nothing/here")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    }

    @Test
    void flvPathOfAStreamThatIsNotLiveIs404() throws Exception {
        start();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/live/nobody.flv")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).contains("not live");
    }

    @Test
    void optionsIsACorsPreflightAnswerWithTheConfiguredOrigin() throws Exception {
        start(RtmpServer.builder().httpOptions(HttpOptions.defaults().withAllowOrigin("https://player.example")));
        try (RawHttp c = new RawHttp(server.httpPort())) {
            RawHttp.Response r = c.send("OPTIONS /live/a.flv HTTP/1.1\r\nHost: t\r\nOrigin: https://player.example\r\n"
                    + "Access-Control-Request-Method: GET\r\nAccess-Control-Request-Headers: range\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(204);
            assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("https://player.example");
            assertThat(r.header("Access-Control-Allow-Methods")).contains("GET");
            assertThat(r.header("Access-Control-Allow-Headers")).isEqualTo("range");
        }
    }

    @Test
    void keepAliveServesTwoRequestsOnOneSocket() throws Exception {
        start();
        try (RawHttp c = new RawHttp(server.httpPort())) {
            assertThat(c.send(GET_404).read().status()).isEqualTo(404);
            RawHttp.Response second = c.send("OPTIONS * HTTP/1.1\r\nHost: t\r\n\r\n").read();
            assertThat(second.status()).isEqualTo(204);
            assertThat(second.header("Connection")).isNull();
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        start(RtmpServer.builder().httpRoute(HttpMethod.GET, p -> p.startsWith("/echo/"),
                ex -> ex.respond(200, HttpHeaders.EMPTY, ByteBuffer.wrap(ex.request().path().getBytes(StandardCharsets.US_ASCII)))));
        try (RawHttp c = new RawHttp(server.httpPort())) {
            c.send("GET /echo/1 HTTP/1.1\r\nHost: t\r\n\r\nGET /nothing HTTP/1.1\r\nHost: t\r\n\r\n"
                    + "GET /echo/3 HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(c.read().bodyText()).isEqualTo("/echo/1");
            assertThat(c.read().status()).isEqualTo(404);
            assertThat(c.read().bodyText()).isEqualTo("/echo/3");
        }
    }

    @Test
    void http10RequestIsAnsweredThenClosed() throws Exception {
        start();
        try (RawHttp c = new RawHttp(server.httpPort())) {
            RawHttp.Response r = c.send("GET /nothing HTTP/1.0\r\n\r\n").read();
            assertThat(r.statusLine()).startsWith("HTTP/1.0 404");
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(c.closedByPeer()).isTrue();
        }
    }

    @Test
    void tricklingHeadIsRefusedAtTheDeadlineNotLater() throws Exception {
        Duration deadline = Duration.ofMillis(600);
        start(RtmpServer.builder().httpOptions(HttpOptions.defaults().withLimits(new HttpLimits(
                HttpLimits.DEFAULT_MAX_REQUEST_LINE_LENGTH, HttpLimits.DEFAULT_MAX_HEADER_COUNT,
                HttpLimits.DEFAULT_MAX_HEADER_BYTES, HttpLimits.DEFAULT_MAX_CHUNK_LINE_LENGTH, deadline))));
        try (RawHttp c = new RawHttp(server.httpPort())) {
            byte[] head = ("GET /x HTTP/1.1\r\nHost: t\r\nX-Slow: " + "a".repeat(500)).getBytes(StandardCharsets.US_ASCII);
            AtomicInteger sent = new AtomicInteger();
            long startNanos = System.nanoTime();
            trickler.scheduleAtFixedRate(() -> {
                int i = sent.get();
                try {
                    c.socket().getOutputStream().write(head[i]);
                    sent.incrementAndGet();
                } catch (Exception e) {
                    throw new RuntimeException(e); // ends the schedule once the server closed
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
            RawHttp.Response r = c.read();
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            assertThat(r.status()).isEqualTo(408);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(elapsedMs).isBetween(deadline.toMillis() - 50, deadline.toMillis() + 2_000);
            assertThat(sent.get()).isGreaterThan(10); // bytes kept coming, and did not extend the deadline
            assertThat(c.closedByPeer()).isTrue();
        }
    }

    @Test
    void smugglingIs400AndClosesThatConnectionOnly() throws Exception {
        start();
        try (RawHttp bystander = new RawHttp(server.httpPort()); RawHttp attacker = new RawHttp(server.httpPort())) {
            assertThat(bystander.send(GET_404).read().status()).isEqualTo(404);
            RawHttp.Response r = attacker.send("POST /live/a.flv HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n"
                    + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: t\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(attacker.closedByPeer()).isTrue();
            assertThat(bystander.send(GET_404).read().status()).isEqualTo(404);
        }
    }

    @Test
    void oversizedHeaderIs431() throws Exception {
        start();
        try (RawHttp c = new RawHttp(server.httpPort())) {
            RawHttp.Response r = c.send("GET / HTTP/1.1\r\nHost: t\r\nX-Big: " + "b".repeat(HttpLimits.DEFAULT_MAX_HEADER_BYTES)
                    + "\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(431);
            assertThat(r.header("Connection")).isEqualTo("close");
        }
    }

    @Test
    void longRequestLineIs414() throws Exception {
        start();
        try (RawHttp c = new RawHttp(server.httpPort())) {
            RawHttp.Response r = c.send("GET /" + "x".repeat(HttpLimits.DEFAULT_MAX_REQUEST_LINE_LENGTH) + " HTTP/1.1\r\n").read();
            assertThat(r.status()).isEqualTo(414);
            assertThat(c.closedByPeer()).isTrue();
        }
    }

    @Test
    void unknownMethodIs405WithAllow() throws Exception {
        start();
        try (RawHttp c = new RawHttp(server.httpPort())) {
            RawHttp.Response r = c.send("PATCH /live/a.flv HTTP/1.1\r\nHost: t\r\n\r\n").read();
            assertThat(r.status()).isEqualTo(405);
            assertThat(r.header("Allow")).isEqualTo(HttpMethod.ALLOW);
        }
    }

    @Test
    void webSocketUpgradeAnswersPingWithPongAndCloseWithClose() throws Exception {
        start();
        CompletableFuture<String> pong = new CompletableFuture<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.httpPort() + "/live/k.flv"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onPong(WebSocket w, ByteBuffer message) {
                        pong.complete(StandardCharsets.US_ASCII.decode(message).toString());
                        w.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        ws.sendPing(ByteBuffer.wrap("ping-1".getBytes(StandardCharsets.US_ASCII))).get(5, TimeUnit.SECONDS);
        assertThat(pong.get(5, TimeUnit.SECONDS)).isEqualTo("ping-1");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
        assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
    }

    @Test
    void aWebSocketMessageOverTheLimitIsClosedWith1009AndOtherConnectionsKeepWorking() throws Exception {
        HttpOptions d = HttpOptions.defaults();
        start(RtmpServer.builder().httpOptions(
                new HttpOptions(d.limits(), d.allowOrigin(), d.idleTimeout(), 1024, d.maxPipelinedBytes())));
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.httpPort() + "/live/k.flv"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onClose(WebSocket w, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        ws.sendBinary(ByteBuffer.allocate(1025), true).get(5, TimeUnit.SECONDS);
        assertThat(closed.get(5, TimeUnit.SECONDS)).as("RFC 6455 §7.4.1: 1009 message too big").isEqualTo(1009);
        // the next client on the same server is served as before
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri("/nothing")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
    }

    @Test
    void webSocketSessionSendsEachWriteAsOneBinaryMessage() throws Exception {
        ByteBuffer shared = ByteBuffer.wrap("FLV\u0001".getBytes(StandardCharsets.US_ASCII)).asReadOnlyBuffer();
        start(RtmpServer.builder().httpRoute(HttpMethod.GET, "/live/ws.flv"::equals, ex -> {
            WebSocketSession s = ex.acceptWebSocket(WebSocketListener.IGNORE);
            s.write(shared.duplicate());
            s.write(shared.duplicate());
        }));
        CompletableFuture<Integer> twoMessages = new CompletableFuture<>();
        AtomicInteger bytes = new AtomicInteger();
        AtomicInteger messages = new AtomicInteger();
        http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.httpPort() + "/live/ws.flv"),
                new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket w, ByteBuffer data, boolean last) {
                        bytes.addAndGet(data.remaining());
                        if (last && messages.incrementAndGet() == 2) {
                            twoMessages.complete(bytes.get());
                        }
                        w.request(1);
                        return null;
                    }
                }).get(5, TimeUnit.SECONDS);
        assertThat(twoMessages.get(5, TimeUnit.SECONDS)).isEqualTo(8);
    }

    @Test
    void streamingResponseIsChunkedAndShowsBackPressure() throws Exception {
        byte[] piece = new byte[64 * 1024];
        for (int i = 0; i < piece.length; i++) {
            piece[i] = (byte) i;
        }
        ByteBuffer shared = ByteBuffer.wrap(piece).asReadOnlyBuffer();
        int pieces = 256; // 16 MiB: more than loopback socket buffers hold
        CompletableFuture<Long> queuedAfterFlush = new CompletableFuture<>();
        start(RtmpServer.builder().httpRoute(HttpMethod.GET, "/stream"::equals, ex -> {
            HttpResponseStream s = ex.stream(200, HttpHeaders.of("Content-Type", "video/x-flv"));
            for (int i = 0; i < pieces; i++) {
                s.write(shared.duplicate());
            }
            s.execute(() -> {
                queuedAfterFlush.complete(s.queuedBytes());
                s.end();
            });
        }));
        try (RawHttp c = new RawHttp(server.httpPort())) {
            c.send("GET /stream HTTP/1.1\r\nHost: t\r\n\r\n");
            assertThat(queuedAfterFlush.get(5, TimeUnit.SECONDS)).isGreaterThan(1024L * 1024);
            RawHttp.Response r = c.read();
            assertThat(r.header("Transfer-Encoding")).isEqualTo("chunked");
            assertThat(r.body()).hasSize(pieces * piece.length);
            assertThat(ByteBuffer.wrap(r.body(), 5 * piece.length, piece.length)).isEqualTo(ByteBuffer.wrap(piece));
            assertThat(c.send(GET_404).read().status()).isEqualTo(404); // keep-alive after the last chunk
        }
    }

    @Test
    void streamingResponseToHttp10IsCloseDelimited() throws Exception {
        start(RtmpServer.builder().httpRoute(HttpMethod.GET, "/stream"::equals, ex -> {
            HttpResponseStream s = ex.stream(200, HttpHeaders.EMPTY);
            s.write(ByteBuffer.wrap("abc".getBytes(StandardCharsets.US_ASCII)));
            s.write(ByteBuffer.wrap("def".getBytes(StandardCharsets.US_ASCII)));
            s.end();
        }));
        try (RawHttp c = new RawHttp(server.httpPort())) {
            RawHttp.Response r = c.send("GET /stream HTTP/1.0\r\n\r\n").read();
            assertThat(r.header("Transfer-Encoding")).isNull();
            assertThat(r.header("Connection")).isEqualTo("close");
            assertThat(r.bodyText()).isEqualTo("abcdef");
        }
    }

    @Test
    void rtmpKeepsWorkingBesideRefusedHttp() throws Exception {
        start(RtmpServer.builder().controller(new RecordingController()));
        try (RawHttp attacker = new RawHttp(server.httpPort())) {
            assertThat(attacker.send("GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n")
                    .read().status()).isEqualTo(400);
        }
        try (RtmpClient client = RtmpClient.connect(URI.create("rtmp://127.0.0.1:" + server.port() + "/live"),
                LoopbackServer.OPTIONS); Publisher p = client.publish("beside-http")) {
            assertThat(server.metrics().publishers()).isEqualTo(1);
        }
    }
}
