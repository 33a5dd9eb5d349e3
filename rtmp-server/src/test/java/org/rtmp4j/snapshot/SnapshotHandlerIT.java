package org.rtmp4j.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.live.Ingest;
import org.rtmp4j.live.IngestSource;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.server.RtmpServer;

/** {@link SnapshotHandler} on the server's HTTP listener over loopback, with the JDK's HttpClient. */
@Timeout(60)
class SnapshotHandlerIT {
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};

    private final LiveBroadcastController relay = new LiveBroadcastController();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicReference<KeyframeDecoder> decoder = new AtomicReference<>(sample -> JPEG);
    private Snapshots snapshots;
    private RtmpServer server;

    private void start(SnapshotOptions options) throws Exception {
        snapshots = new Snapshots(relay, sample -> decoder.get().decode(sample), options);
        SnapshotHandler handler = new SnapshotHandler(snapshots);
        server = RtmpServer.builder().port(0).controller(relay).http(new InetSocketAddress("127.0.0.1", 0))
                .httpRoute(HttpMethod.GET, SnapshotPath::matches, handler)
                .httpRoute(HttpMethod.HEAD, SnapshotPath::matches, handler)
                .build().start();
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
        if (snapshots != null) {
            snapshots.close();
        }
    }

    private Ingest publish(String name) {
        return relay.publish(new StreamKey("live", name), new IngestSource() {
            @Override
            public String id() {
                return name;
            }

            @Override
            public void close() {}
        });
    }

    private HttpResponse<byte[]> get(String path) throws Exception {
        return http.send(request(path), HttpResponse.BodyHandlers.ofByteArray());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + path))
                .timeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void notLiveAndBeforeTheFirstKeyframeIs404ThenTheJpegOnBothPaths() throws Exception {
        start(SnapshotOptions.DEFAULT);
        HttpResponse<byte[]> r = get("/live/cam.jpg");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)).contains("live/cam is not live");

        Ingest ingest = publish("cam");
        assertThat(get("/live/cam.jpg").statusCode()).as("live, no keyframe yet").isEqualTo(404);
        MediaFiles.publishUntilKeyframe(ingest, MediaFiles.h264Aac(), 1);

        for (String path : List.of("/live/cam.jpg", "/api/v1/streams/live/cam/snapshot.jpg")) {
            r = get(path);
            assertThat(r.statusCode()).as(path).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("image/jpeg");
            assertThat(r.body()).isEqualTo(JPEG);
        }
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(request("/live/cam.jpg").uri())
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(JPEG.length);
        assertThat(get("/live/../cam.jpg").statusCode()).isEqualTo(404);
        assertThat(get("/live/.cam.jpg").statusCode()).isEqualTo(404);
    }

    @Test
    void fiftyConcurrentRequestsShareOneDecode() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        decoder.set(sample -> {
            calls.incrementAndGet();
            entered.countDown();
            release.await();
            return JPEG;
        });
        start(SnapshotOptions.DEFAULT);
        MediaFiles.publishUntilKeyframe(publish("cam"), MediaFiles.h264Aac(), 1);

        List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            responses.add(http.sendAsync(request(i % 2 == 0 ? "/live/cam.jpg" : "/api/v1/streams/live/cam/snapshot.jpg"),
                    HttpResponse.BodyHandlers.ofByteArray()));
        }
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        for (CompletableFuture<HttpResponse<byte[]>> f : responses) {
            HttpResponse<byte[]> r = f.get(20, TimeUnit.SECONDS);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEqualTo(JPEG);
        }
        assertThat(calls).as("decoder calls for 50 concurrent requests within one interval").hasValue(1);
        assertThat(snapshots.stats().decodes()).isEqualTo(1);
    }

    @Test
    void noDecoderIs503AndAFailureIs500AndATimeoutIs503InTime() throws Exception {
        start(SnapshotOptions.DEFAULT.withInterval(Duration.ZERO).withTimeout(Duration.ofMillis(500)));
        MediaFiles.publishUntilKeyframe(publish("cam"), MediaFiles.h264Aac(), 1);

        decoder.set(sample -> {
            throw new UnsupportedCodecException("no decoder here");
        });
        HttpResponse<byte[]> r = get("/live/cam.jpg");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).isPresent();

        decoder.set(sample -> {
            throw new DecodeException("corrupt slice");
        });
        assertThat(get("/live/cam.jpg").statusCode()).isEqualTo(500);

        decoder.set(sample -> {
            new CountDownLatch(1).await();
            return JPEG;
        });
        long start = System.nanoTime();
        assertThat(get("/live/cam.jpg").statusCode()).isEqualTo(503);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(3000);
    }
}
