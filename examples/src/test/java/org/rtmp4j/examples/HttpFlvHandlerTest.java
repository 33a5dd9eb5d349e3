package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.flv.FlvHeader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.media.ScriptData;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.testkit.HttpFlvResponses;

/**
 * The embedding example: an RTMP publisher, the live relay, and HTTP-FLV served by the JDK's own
 * HTTP server through {@code LiveBroadcastController.subscribeFlv}, read by the JDK's HttpClient.
 */
@Timeout(30)
class HttpFlvHandlerTest {
    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();

    private HttpServer http;
    private ExecutorService pool;

    @AfterEach
    void stopHttp() throws Exception {
        if (http != null) {
            http.stop(0);
        }
        if (pool != null) {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static FlvTag tag(FlvTagType type, int timestamp, int... bytes) {
        ByteBuffer body = ByteBuffer.allocate(bytes.length);
        for (int b : bytes) {
            body.put((byte) b);
        }
        return new FlvTag(type, timestamp, body.flip().asReadOnlyBuffer());
    }

    private URI startHttp(LiveBroadcastController relay) throws Exception {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", new HttpFlvHandler(relay));
        pool = Executors.newCachedThreadPool();
        http.setExecutor(pool);
        http.start();
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/");
    }

    @Test
    void aBrowserShapedGetReadsTheFlvHeaderWithTheRealTracksThenMetadataSequenceHeadersAndAKeyframe() throws Exception {
        LiveBroadcastController relay = new LiveBroadcastController();
        ObservingController observed = server.startObserved(relay);
        URI base = startHttp(relay);
        FlvTag avcHeader = tag(FlvTagType.VIDEO, 0, 0x17, 0x00, 0, 0, 0, 0x01, 0x64, 0x00, 0x1F, 0xFF, 0xE1, 0x00, 0x00, 0x01, 0x00);
        FlvTag aacHeader = tag(FlvTagType.AUDIO, 0, 0xAF, 0x00, 0x12, 0x10);
        FlvTag keyframe = tag(FlvTagType.VIDEO, 0, 0x17, 0x01, 0, 0, 0, 0, 0, 0, 2, 0x65, 0x88);
        FlvTag inter = tag(FlvTagType.VIDEO, 40, 0x27, 0x01, 0, 0, 0, 0, 0, 0, 2, 0x41, 0x9A);

        try (RtmpClient client = RtmpClient.connect(server.uri("live"), ClientOptions.defaults())) {
            var publisher = client.publish("cam");
            publisher.sendMetadata(Map.of("width", 320.0, "height", 240.0));
            for (FlvTag t : List.of(avcHeader, aacHeader, keyframe, inter)) {
                publisher.send(t);
            }
            observed.afterVideoMessages(3).get(10, TimeUnit.SECONDS);

            HttpClient httpClient = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<InputStream> response = httpClient.send(HttpRequest.newBuilder(base.resolve("live/cam.flv"))
                    .header("Origin", "http://player.example").build(), HttpResponse.BodyHandlers.ofInputStream());
            HttpFlvResponses.Body body = HttpFlvResponses.browserBody(response, 5);
            List<FlvTag> tags = body.tags();
            assertThat(body.header()).isEqualTo(new FlvHeader(true, true));
            assertThat(tags.get(0).type()).isEqualTo(FlvTagType.SCRIPT);
            assertThat(ScriptData.metadata(tags.get(0).body())).containsEntry("width", 320.0);
            assertThat(tags.get(1).body()).isEqualTo(avcHeader.body());
            assertThat(tags.get(2).body()).isEqualTo(aacHeader.body());
            assertThat(tags.get(3).body()).isEqualTo(keyframe.body());
            assertThat(tags.get(4).body()).isEqualTo(inter.body());
            assertThat(tags.get(4).timestamp()).isEqualTo(40);
            publisher.close();
        }
    }

    @Test
    void aNameThatIsNotLiveIs404AndOptionsIsAnswered() throws Exception {
        LiveBroadcastController relay = new LiveBroadcastController();
        server.start(relay);
        URI base = startHttp(relay);
        HttpClient httpClient = HttpClient.newHttpClient();

        HttpResponse<Void> missing = httpClient.send(HttpRequest.newBuilder(base.resolve("live/nobody.flv")).build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> options = httpClient.send(HttpRequest.newBuilder(base.resolve("live/nobody.flv"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());

        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(options.statusCode()).isEqualTo(204);
        assertThat(options.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(relay.streams().size()).as("a 404 leaves no waiting entry").isZero();
        assertThat(HttpFlvHandler.key("/live/cam.flv")).isEqualTo(new StreamKey("live", "cam"));
        assertThat(HttpFlvHandler.key("/cam.flv")).isNull();
    }
}
