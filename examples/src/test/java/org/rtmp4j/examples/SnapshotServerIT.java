package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server} from the shaded jar with the snapshot options (issue 14 §3, §5): ffmpeg publishes the shared
 * H.264 FLV and AV1 E-FLV (video only: ffmpeg 7.1 does not read its E-RTMP Opus) over RTMP; {@code GET /APP/KEY.jpg} and the API path answer JPEGs of each stream's size
 * (H.264 decoded in process by JCodec, AV1 by the ffmpeg given with {@code --snapshot-ffmpeg}), and {@code
 * --snapshot-dir} holds {@code DIR/live/KEY.jpg} of the same size, replaced atomically (no temp file left).
 */
@Timeout(120)
class SnapshotServerIT {
    private static final Pattern HTTP_LINE = Pattern.compile("HTTP listening on http://127\\.0\\.0\\.1:(\\d+)/");
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private Ffmpeg ffmpeg;
    private CliProcess server;

    @AfterEach
    void stop() throws Exception {
        if (ffmpeg != null) {
            ffmpeg.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void snapshotsOfH264AndAv1StreamsOverHttpAndInTheSnapshotDir(TestInfo info, @TempDir Path dir) throws Exception {
        ffmpeg = Ffmpeg.locate(Ffmpeg.outputDir(getClass(), info.getDisplayName()));
        server = CliProcess.start(ffmpeg.environment(), "server", "--host", "127.0.0.1", "--port", "0", "--http-port", "0",
                "--status-interval", "0", "--snapshot-ffmpeg", ffmpeg.ffmpegPath().toString(), "--snapshot-dir",
                dir.toString(), "--snapshot-interval", "1s", "--snapshot-timeout", "20s");
        int port = server.awaitPort();
        Matcher m = HTTP_LINE.matcher(server.awaitOut("the HTTP address", l -> HTTP_LINE.matcher(l).find()));
        assertThat(m.find()).isTrue();
        int httpPort = Integer.parseInt(m.group(1));

        assertThat(get(httpPort, "/live/av1.jpg").statusCode()).as("not live").isEqualTo(404);
        ffmpeg.start("av1-publisher", "-re", "-stream_loop", "-1", "-i", Media.av1Opus().toString(), "-an", "-c", "copy",
                "-f", "flv", "rtmp://127.0.0.1:" + port + "/live/av1");
        ffmpeg.start("h264-publisher", "-re", "-stream_loop", "-1", "-i", Media.h264Aac().toString(), "-c", "copy",
                "-f", "flv", "rtmp://127.0.0.1:" + port + "/live/h264");

        Set<String> waiting = new HashSet<>(Set.of("live/av1", "live/h264"));
        while (!waiting.isEmpty()) {
            String line = server.awaitErr("a snapshot written for " + waiting, l -> l.contains(": snapshot written to "));
            waiting.removeIf(line::contains);
        }

        assertSize(get(httpPort, "/live/av1.jpg"), 980, 540);
        assertSize(get(httpPort, "/api/v1/streams/live/av1/snapshot.jpg"), 980, 540);
        assertSize(get(httpPort, "/live/h264.jpg"), 768, 320);
        assertSize(Files.readAllBytes(dir.resolve("live/av1.jpg")), 980, 540);
        assertSize(Files.readAllBytes(dir.resolve("live/h264.jpg")), 768, 320);
        try (Stream<Path> files = Files.list(dir.resolve("live"))) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList()).containsExactly("av1.jpg", "h264.jpg");
        }
        assertThat(server.errSeen()).noneMatch(l -> l.contains("WARN") || l.contains("ERROR"));
    }

    private HttpResponse<byte[]> get(int httpPort, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static void assertSize(HttpResponse<byte[]> response, int width, int height) throws Exception {
        assertThat(response.statusCode()).as("%s: %s", response.uri(), new String(response.body(),
                java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertSize(response.body(), width, height);
    }

    private static void assertSize(byte[] jpeg, int width, int height) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(image).as("a JPEG").isNotNull();
        assertThat(List.of(image.getWidth(), image.getHeight())).isEqualTo(List.of(width, height));
    }
}
