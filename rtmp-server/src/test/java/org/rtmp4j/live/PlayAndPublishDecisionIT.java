package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.session.RtmpStatusException;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.http.FlvStreamPath;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.server.LoopbackServer;
import org.rtmp4j.server.MediaSink;
import org.rtmp4j.server.RtmpServer;

/**
 * One play decision and one publish decision across protocols (issue 12): a relay that overrides
 * only {@link LiveBroadcastController#authorizePlay} and {@link
 * LiveBroadcastController#authorizePublish} and wants {@code token=good} in the query refuses or
 * accepts RTMP, HTTP-FLV and WebSocket-FLV players, and RTMP and HTTP-FLV publishers, alike.
 */
@Timeout(60)
class PlayAndPublishDecisionIT {
    private static final FlvTag AVC_HEADER = TestTags.tag(FlvTagType.VIDEO, 0,
            0x17, 0x00, 0, 0, 0, 0x01, 0x64, 0x00, 0x1F, 0xFF, 0xE1, 0x00, 0x00, 0x01, 0x00);
    private static final FlvTag KEYFRAME = TestTags.tag(FlvTagType.VIDEO, 0, 0x17, 0x01, 0, 0, 0, 0, 0, 0, 2, 0x65, 0x88);

    /** Wants {@code token=good} in the query to play or publish; records what it was asked. */
    private static final class TokenRelay extends LiveBroadcastController {
        final ConcurrentLinkedQueue<PlayAttempt> plays = new ConcurrentLinkedQueue<>();
        final ConcurrentLinkedQueue<String> publishQueries = new ConcurrentLinkedQueue<>();

        @Override
        protected Status authorizePlay(PlayAttempt attempt) {
            plays.add(attempt);
            return hasToken(attempt.query()) ? null : Status.error(StatusCodes.PLAY_FAILED, "bad play token");
        }

        @Override
        protected Status authorizePublish(StreamKey key, IngestSource source) {
            publishQueries.add(source.query());
            return hasToken(source.query()) ? null : Status.error(StatusCodes.PUBLISH_REJECTED, "bad publish token");
        }

        private static boolean hasToken(String query) {
            return List.of(query.split("&")).contains("token=good");
        }
    }

    private final TokenRelay relay = new TokenRelay();
    private final LoopbackServer fixture = new LoopbackServer();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private RtmpServer server;

    @BeforeEach
    void start() throws Exception {
        HttpFlvIngest ingest = new HttpFlvIngest(relay);
        server = fixture.start(RtmpServer.builder().http(new InetSocketAddress("127.0.0.1", 0))
                .httpRoute(HttpMethod.GET, FlvStreamPath::matches, new HttpFlvPlayer(relay))
                .httpRoute(HttpMethod.POST, FlvStreamPath::matches, ingest), relay);
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private URI uri(String scheme, String pathAndQuery) {
        return URI.create(scheme + "://127.0.0.1:" + server.httpPort() + pathAndQuery);
    }

    /** Publishes {@code cam} over RTMP with the good token and sends a sequence header and a keyframe. */
    private void publishCam() throws Exception {
        Publisher p = fixture.keep(fixture.client().publish("cam?token=good"));
        p.send(AVC_HEADER);
        p.send(KEYFRAME);
    }

    private HttpResponse<InputStream> httpFlv(String query) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("http", "/live/cam.flv" + query)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    private CompletableFuture<WebSocket> webSocket(String query, CompletableFuture<ByteBuffer> firstMessage) {
        return http.newWebSocketBuilder().buildAsync(uri("ws", "/live/cam.flv" + query), new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                firstMessage.complete(data);
                return null;
            }
        });
    }

    @Test
    void aRefusedTokenRefusesRtmpHttpFlvAndWebSocketFlvAlikeWithTheRelaysStatus() throws Exception {
        publishCam();

        RtmpStatusException rtmp = catchThrowableOfType(
                () -> fixture.client().play("cam?token=bad", new MediaSink()), RtmpStatusException.class);
        assertThat(rtmp).as("RTMP play refused").isNotNull();
        assertThat(rtmp.status().code()).isEqualTo(StatusCodes.PLAY_FAILED);
        assertThat(rtmp.status().description()).isEqualTo("bad play token");

        HttpResponse<InputStream> flv = httpFlv("?token=bad");
        assertThat(flv.statusCode()).isEqualTo(403);
        try (InputStream in = flv.body()) {
            assertThat(new String(in.readAllBytes())).isEqualTo("bad play token\n");
        }

        ExecutionException ws = catchThrowableOfType(
                () -> webSocket("?token=bad", new CompletableFuture<>()).get(10, TimeUnit.SECONDS), ExecutionException.class);
        assertThat(ws).as("WebSocket handshake refused").isNotNull();
        assertThat(ws.getCause()).isInstanceOf(WebSocketHandshakeException.class);
        assertThat(((WebSocketHandshakeException) ws.getCause()).getResponse().statusCode()).isEqualTo(403);

        assertThat(relay.plays).extracting(PlayAttempt::kind)
                .containsExactly(PlayerKind.RTMP, PlayerKind.HTTP_FLV, PlayerKind.WS_FLV);
        assertThat(relay.plays).extracting(PlayAttempt::query).containsOnly("token=bad");
        assertThat(relay.plays).extracting(PlayAttempt::key).containsOnly(new StreamKey("live", "cam"));
        assertThat(relay.plays).allSatisfy(a -> assertThat(a.remoteAddress()).isNotNull());
        assertThat(relay.streams().get(new StreamKey("live", "cam")).orElseThrow().playerCount()).isZero();
    }

    @Test
    void anAcceptedTokenLetsRtmpHttpFlvAndWebSocketFlvPlay() throws Exception {
        publishCam();

        MediaSink rtmp = new MediaSink();
        fixture.client().play("cam?token=good", rtmp);
        assertThat(TestTags.bytes(rtmp.take(2).get(1).payload())).isEqualTo(TestTags.bytes(KEYFRAME.body()));

        HttpResponse<InputStream> flv = httpFlv("?a=1&token=good");
        assertThat(flv.statusCode()).isEqualTo(200);
        try (InputStream in = flv.body()) {
            assertThat(in.readNBytes(3)).isEqualTo("FLV".getBytes());
        }

        CompletableFuture<ByteBuffer> first = new CompletableFuture<>();
        WebSocket ws = webSocket("?token=good", first).get(10, TimeUnit.SECONDS);
        try {
            assertThat(TestTags.bytes(first.get(10, TimeUnit.SECONDS))).startsWith("FLV".getBytes());
        } finally {
            ws.abort();
        }
        assertThat(relay.plays).extracting(PlayAttempt::kind)
                .containsExactly(PlayerKind.RTMP, PlayerKind.HTTP_FLV, PlayerKind.WS_FLV);
    }

    @Test
    void thePublishDecisionSeesTheQueryOfRtmpAndHttpIngestAlike() throws Exception {
        RtmpStatusException rtmp = catchThrowableOfType(
                () -> fixture.client().publish("cam?token=bad"), RtmpStatusException.class);
        assertThat(rtmp).as("RTMP publish refused").isNotNull();
        assertThat(rtmp.status().code()).isEqualTo(StatusCodes.PUBLISH_REJECTED);
        assertThat(rtmp.status().description()).isEqualTo("bad publish token");

        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(uri("http", "/live/up.flv?token=bad"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(flv())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("bad publish token");
        assertThat(relay.stats().totalStreams()).isZero();

        fixture.keep(fixture.client().publish("cam?token=good"));
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(uri("http", "/live/up.flv?token=good"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(flv())).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(relay.stats().totalStreams()).as("one RTMP and one HTTP publish accepted").isEqualTo(2);
        assertThat(relay.publishQueries).containsExactly("token=bad", "token=bad", "token=good", "token=good");
    }

    /** @return an FLV header, onMetaData, a sequence header and a keyframe */
    private static byte[] flv() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(TestTags.bytes(FlvTags.header(true, false)));
        out.writeBytes(TestTags.bytes(FlvTags.metadata(Map.of("width", 320.0))));
        for (FlvTag t : List.of(AVC_HEADER, KEYFRAME)) {
            out.writeBytes(TestTags.bytes(FlvTags.encode(t)));
        }
        return out.toByteArray();
    }
}
