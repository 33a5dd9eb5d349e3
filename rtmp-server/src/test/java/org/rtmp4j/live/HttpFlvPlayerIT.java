package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.flv.FlvDemuxer;
import org.rtmp4j.flv.FlvHeader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.media.ScriptData;
import org.rtmp4j.http.FlvStreamPath;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.server.LoopbackServer;
import org.rtmp4j.server.MediaSink;
import org.rtmp4j.server.RtmpServer;
import org.rtmp4j.testkit.HttpFlvResponses;

/**
 * The hub's HTTP-FLV and WebSocket-FLV players on the server's own HTTP listener, over loopback: an
 * RTMP publisher, and the JDK's HttpClient and WebSocket as players (issue 12 §3, first two bullets).
 */
@Timeout(60)
class HttpFlvPlayerIT {
    private static final FlvTag AVC_HEADER = TestTags.tag(FlvTagType.VIDEO, 0,
            0x17, 0x00, 0, 0, 0, 0x01, 0x64, 0x00, 0x1F, 0xFF, 0xE1, 0x00, 0x00, 0x01, 0x00);
    private static final FlvTag AAC_HEADER = TestTags.tag(FlvTagType.AUDIO, 0, 0xAF, 0x00, 0x12, 0x10);
    private static final FlvTag KEYFRAME = TestTags.tag(FlvTagType.VIDEO, 0, 0x17, 0x01, 0, 0, 0, 0, 0, 0, 2, 0x65, 0x88);
    private static final FlvTag INTER = TestTags.tag(FlvTagType.VIDEO, 40, 0x27, 0x01, 0, 0, 0, 0, 0, 0, 2, 0x41, 0x9A);

    private final LiveBroadcastController relay = new LiveBroadcastController();
    private final LoopbackServer fixture = new LoopbackServer();
    private RtmpServer server;
    private Publisher publisher;

    @BeforeEach
    void publish() throws Exception {
        server = fixture.start(RtmpServer.builder().http(new InetSocketAddress("127.0.0.1", 0))
                .httpRoute(HttpMethod.GET, FlvStreamPath::matches, new HttpFlvPlayer(relay)), relay);
        MediaSink rtmpPlayer = new MediaSink();
        fixture.client().play("cam", rtmpPlayer);
        publisher = fixture.keep(fixture.client().publish("cam"));
        publisher.sendMetadata(Map.of("width", 320.0, "height", 240.0));
        for (FlvTag t : List.of(AVC_HEADER, AAC_HEADER, KEYFRAME, INTER)) {
            publisher.send(t);
        }
        rtmpPlayer.take(4); // the relay has cached everything
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + server.httpPort() + path);
    }

    private static void assertJoin(FlvHeader header, List<FlvTag> tags) {
        assertThat(header).as("the real tracks' flags").isEqualTo(new FlvHeader(true, true));
        assertThat(tags.get(0).type()).isEqualTo(FlvTagType.SCRIPT);
        assertThat(ScriptData.metadata(tags.get(0).body())).containsEntry("width", 320.0);
        assertThat(tags.get(1).body()).isEqualTo(AVC_HEADER.body());
        assertThat(tags.get(2).body()).isEqualTo(AAC_HEADER.body());
        assertThat(tags.get(3).body()).isEqualTo(KEYFRAME.body());
        assertThat(tags.get(4).body()).isEqualTo(INTER.body());
        assertThat(tags.get(4).timestamp()).isEqualTo(40);
    }

    @Test
    void aBrowserShapedGetGetsCorsAndAnFlvBodyFromTheHeaderThroughSequenceHeadersToAKeyframe() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri("http", "/live/cam.flv"))
                .header("Origin", "http://player.example").build(), HttpResponse.BodyHandlers.ofInputStream());

        HttpFlvResponses.Body body = HttpFlvResponses.browserBody(response, 5);
        assertJoin(body.header(), body.tags());
        assertThat(relay.streams().get(new StreamKey("live", "cam")).orElseThrow().playerCount()).isBetween(1, 2);
    }

    @Test
    void aNameThatIsNotLiveIs404() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(uri("http", "/live/nobody.flv")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(relay.streams().get(new StreamKey("live", "nobody"))).isEmpty();
    }

    @Test
    void aWebSocketOnTheSamePathGetsTheSameBytesInBinaryMessages() throws Exception {
        FlvDemuxer demuxer = new FlvDemuxer();
        List<FlvTag> tags = new ArrayList<>();
        CompletableFuture<Void> fiveTags = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri("ws", "/live/cam.flv"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                        try {
                            synchronized (tags) {
                                demuxer.feed(data, tags::add);
                                if (tags.size() >= 5) {
                                    fiveTags.complete(null);
                                }
                            }
                        } catch (Exception e) {
                            fiveTags.completeExceptionally(e);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            fiveTags.get(10, TimeUnit.SECONDS);
            synchronized (tags) {
                assertJoin(demuxer.header().orElseThrow(), tags);
            }
        } finally {
            ws.abort();
        }
    }
}
