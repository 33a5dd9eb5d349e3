package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rtmp4j.flv.codec.MediaInfo;
import org.rtmp4j.http.FlvStreamPath;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.live.HttpFlvIngest;
import org.rtmp4j.live.HttpFlvPlayer;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveListener;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.server.RtmpServer;

/**
 * The HTTP side of the live hub with real peers (issue 12 §3, "Proof"): ffmpeg 7.1 reads HTTP-FLV, the JDK's
 * WebSocket reads WebSocket-FLV, ffmpeg publishes with {@code -f flv http://...}; every player's coded video frames
 * equal the source's byte for byte from its first keyframe on. The server mounts {@link HttpFlvPlayer} and
 * {@link HttpFlvIngest} as the CLI {@code server} does.
 */
@Tag("ffmpeg")
@Timeout(180)
class HttpFlvFfmpegIT {
    @RegisterExtension
    final FfmpegServer fixture = FfmpegServer.perTestMethod();

    private RtmpServer server;

    private ObservingController start(LiveBroadcastController relay) throws Exception {
        HttpFlvIngest ingest = new HttpFlvIngest(relay);
        ObservingController observed = new ObservingController(relay);
        server = fixture.start(observed, b -> b.http(new InetSocketAddress("127.0.0.1", 0))
                .httpRoute(HttpMethod.GET, FlvStreamPath::matches, new HttpFlvPlayer(relay))
                .httpRoute(HttpMethod.POST, FlvStreamPath::matches, ingest)
                .httpRoute(HttpMethod.PUT, FlvStreamPath::matches, ingest));
        return observed;
    }

    private String http(String scheme, String path) {
        return scheme + "://127.0.0.1:" + server.httpPort() + path;
    }

    @Test
    void ffmpegPublishesOverRtmpAndFfmpegReadsHttpFlv() throws Exception {
        Path source = Media.h264Aac();
        ObservingController observed = start(new LiveBroadcastController());
        Ffmpeg ffmpeg = fixture.ffmpeg();
        Ffmpeg.Run publisher = ffmpeg.start("publisher", "-re", "-i", source.toString(), "-c", "copy", "-f", "flv",
                fixture.url("live/test"));
        observed.await("publish test", 20);
        observed.afterVideoMessages(1).get(20, TimeUnit.SECONDS);

        Path output = fixture.out().resolve("http-player.flv");
        Ffmpeg.Run player = ffmpeg.start("http-player", "-i", http("http", "/live/test.flv"), "-c", "copy", "-f", "flv",
                output.toString());

        publisher.awaitSuccess(Duration.ofSeconds(60));
        player.awaitSuccess(Duration.ofSeconds(30)); // the body ends when the publisher leaves
        assertThat(ffmpeg.decodeErrors(output)).isEmpty();
        FlvFrames.read(source).assertReceivedFromKeyFrameToEnd(FlvFrames.read(output), "ffmpeg HTTP-FLV player");
    }

    @Test
    void ffmpegPublishesOverRtmpAndAJdkWebSocketReadsWebSocketFlv() throws Exception {
        Path source = Media.h264Aac();
        ObservingController observed = start(new LiveBroadcastController());
        Ffmpeg.Run publisher = fixture.ffmpeg().start("publisher", "-re", "-i", source.toString(), "-c", "copy",
                "-f", "flv", fixture.url("live/test"));
        observed.await("publish test", 20);
        observed.afterVideoMessages(1).get(20, TimeUnit.SECONDS);

        ByteArrayOutputStream flv = new ByteArrayOutputStream();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(http("ws", "/live/test.flv")), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        synchronized (flv) {
                            flv.writeBytes(bytes);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        closed.complete(-1); // a close without a close frame also ends the stream
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            publisher.awaitSuccess(Duration.ofSeconds(60));
            closed.get(30, TimeUnit.SECONDS);
        } finally {
            ws.abort();
        }
        Path output = fixture.out().resolve("ws-player.flv");
        synchronized (flv) {
            Files.write(output, flv.toByteArray());
        }
        FlvFrames.read(source).assertReceivedFromKeyFrameToEnd(FlvFrames.read(output), "JDK WebSocket-FLV player");
    }

    @Test
    void ffmpegPublishesOverHttpAndAnRtmpAndAnHttpFlvPlayerGetTheFrames() throws Exception {
        Path source = Media.h264Aac();
        LiveBroadcastController relay = new LiveBroadcastController();
        CompletableFuture<Void> live = new CompletableFuture<>();
        relay.addListener(new LiveListener() {
            @Override
            public void onMediaInfo(StreamKey key, MediaInfo media) {
                live.complete(null);
            }
        });
        start(relay);
        Ffmpeg ffmpeg = fixture.ffmpeg();
        Ffmpeg.Run publisher = ffmpeg.start("http-publisher", "-re", "-i", source.toString(), "-c", "copy", "-f", "flv",
                http("http", "/live/test.flv"));
        live.get(20, TimeUnit.SECONDS);

        Path rtmpOutput = fixture.out().resolve("rtmp-player.flv");
        Ffmpeg.Run rtmpPlayer = ffmpeg.start("rtmp-player", "-i", fixture.url("live/test"), "-c", "copy", "-f", "flv",
                rtmpOutput.toString());
        Path httpOutput = fixture.out().resolve("http-player.flv");
        CompletableFuture<HttpResponse<Path>> httpPlayer = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .build().sendAsync(HttpRequest.newBuilder(URI.create(http("http", "/live/test.flv"))).build(),
                        HttpResponse.BodyHandlers.ofFile(httpOutput));

        publisher.awaitSuccess(Duration.ofSeconds(60));
        rtmpPlayer.awaitSuccess(Duration.ofSeconds(30));
        assertThat(httpPlayer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(relay.isLive(new StreamKey("live", "test"))).as("the end of the POST unpublished").isFalse();
        FlvFrames published = FlvFrames.read(source);
        published.assertReceivedFromKeyFrameToEnd(FlvFrames.read(rtmpOutput), "ffmpeg RTMP player");
        published.assertReceivedFromKeyFrameToEnd(FlvFrames.read(httpOutput), "JDK HTTP-FLV player");
    }
}
