package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;

/** {@code server --http-port}: the CLI run as a process prints where HTTP listens, HTTP answers there, uploads are recorded. */
@Timeout(60)
class ServerCommandHttpIT {
    private static final Pattern HTTP_LINE = Pattern.compile("HTTP listening on http://127\\.0\\.0\\.1:(\\d+)/");
    private Process process;

    @AfterEach
    void stop() throws Exception {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** Starts {@code server} as a process with HTTP on any free port; @return the HTTP port it printed */
    private int startServer(String... extra) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "server", "--host", "127.0.0.1", "--port", "0", "--http-port", "0",
                "--status-interval", "0"));
        command.addAll(List.of(extra));
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Integer> httpPort = new CompletableFuture<>();
        List<String> lines = new ArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    synchronized (lines) {
                        lines.add(line);
                    }
                    Matcher m = HTTP_LINE.matcher(line);
                    if (m.find()) {
                        httpPort.complete(Integer.parseInt(m.group(1)));
                    }
                }
                httpPort.completeExceptionally(new AssertionError("no HTTP line in " + lines));
            } catch (Exception e) {
                httpPort.completeExceptionally(e);
            }
        }, "server-output");
        reader.setDaemon(true);
        reader.start();
        return httpPort.get(30, TimeUnit.SECONDS);
    }

    @Test
    void serverPrintsTheHttpAddressAndAnswersOnIt() throws Exception {
        int port = startServer();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/live/none.flv")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("*");
    }

    @Test
    void theApiHealthAndMetricsAreOnTheHttpPortWithTheTokenRulesAndNoApiTurnsThemOff() throws Exception {
        int port = startServer("--api-token", "w-token", "--api-trusted", "127.0.0.1");
        java.net.InetSocketAddress at = new java.net.InetSocketAddress("127.0.0.1", port);
        RawHttp.Response health = RawHttp.call("127.0.0.2", at, "GET", "/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).isEqualTo("OK");
        RawHttp.Response streams = RawHttp.call("127.0.0.1", at, "GET", "/api/v1/streams", null);
        assertThat(streams.status()).isEqualTo(200);
        assertThat(streams.body()).contains("\"streams\":[]", "\"itemCount\":0", "\"pageCount\":0");
        assertThat(RawHttp.call("127.0.0.2", at, "GET", "/api/v1/streams", null).status()).isEqualTo(401);
        assertThat(RawHttp.call("127.0.0.2", at, "GET", "/api/v1/clients", "Bearer w-token").status()).isEqualTo(200);
        RawHttp.Response metrics = RawHttp.call("127.0.0.1", at, "GET", "/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(PrometheusText.parse(metrics.body()).value("rtmp4j_connections_active")).isPositive();
        stop();

        int off = startServer("--no-api");
        RawHttp.Response none = RawHttp.call("127.0.0.1", new java.net.InetSocketAddress("127.0.0.1", off), "GET", "/health", null);
        assertThat(none.status()).isEqualTo(404);
    }

    @Test
    void rtmptIsOnTheHttpPortAndNoRtmptTurnsItOff() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int port = startServer();
        HttpResponse<String> open = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/open/1"))
                .header("Content-Type", "application/x-fcs").POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1]))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(open.statusCode()).isEqualTo(200);
        assertThat(open.body()).matches("[0-9a-f]{32}\n");
        stop();

        int off = startServer("--no-rtmpt");
        HttpResponse<String> none = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + off + "/open/1"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[1])).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).isEqualTo(404);
    }

    @Test
    void anHttpUploadNeedsThePublishTokenAndThenPublishesUntilItsEnd() throws Exception {
        int port = startServer("--publish-token", "s3cret");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] flv = Files.readAllBytes(Media.h264Aac());
        byte[] start = java.util.Arrays.copyOf(flv, 200); // refused before it is read: a short body is all sent

        HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/live/cam.flv"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(start)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/live/cam.flv?token=nope"))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(start)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> accepted = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/live/cam.flv?token=s3cret"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(flv)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("NetStream.Publish.Rejected");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(accepted.statusCode()).as("the whole file was published and unpublished").isEqualTo(200);
    }

    @Test
    void anHttpUploadUnderRecordDirIsRecordedWithTheUploadsFrames(@TempDir Path recordings) throws Exception {
        int port = startServer("--record-dir", recordings.toString());
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        HttpResponse<String> upload = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/live/cam.flv"))
                .POST(HttpRequest.BodyPublishers.ofFile(Media.h264Aac())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(upload.statusCode()).as("the whole file was published and unpublished").isEqualTo(200);
        List<Path> files;
        try (Stream<Path> list = Files.list(recordings.resolve("live"))) {
            files = list.toList();
        }
        assertThat(files).as("one recording of the upload (the file is closed before the 200)").hasSize(1);
        assertThat(files.get(0).getFileName().toString()).matches("cam-\\d{8}-\\d{6}(-\\d+)?\\.flv");
        FlvFrames published = FlvFrames.read(Media.h264Aac());
        assertThat(FlvFrames.read(files.get(0)).frames()).as("recorded video frames")
                .isNotEmpty().containsExactlyElementsOf(published.frames());
        assertThat(audioBodies(files.get(0))).as("recorded audio tags").isNotEmpty()
                .containsExactlyElementsOf(audioBodies(Media.h264Aac()));
    }

    private static List<ByteBuffer> audioBodies(Path file) throws Exception {
        List<ByteBuffer> bodies = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(file)) {
            for (Optional<FlvTag> tag = reader.next(); tag.isPresent(); tag = reader.next()) {
                if (tag.get().type() == FlvTagType.AUDIO) {
                    bodies.add(tag.get().body());
                }
            }
        }
        return bodies;
    }
}
