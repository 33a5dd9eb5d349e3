package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.server.RtmpServer;
import org.rtmp4j.testkit.TestCertificates;
import org.rtmp4j.tls.TlsContext;
import org.rtmp4j.tls.TlsTrust;

/**
 * RTMPS with real peers (issue 16, "Proof"), with a certificate generated at test time: ffmpeg (the Maven Central
 * build, whose TLS is not the JDK's) publishes to {@code rtmps://127.0.0.1:P/live/test} and plays it back over
 * rtmps; {@code RtmpClient} publishes a file over rtmps and ffmpeg plays it; the coded frames equal the source's.
 * That ffmpeg build cannot listen on rtmps ("rtmp_listen not available for rtmps"), so {@code RtmpClient}'s TLS is
 * proven against OpenSSL's {@code s_server} instead: the handshake completes, SNI carries the host name (and is
 * absent for an IP literal, RFC 6066 §3), and the RTMP handshake's first bytes arrive decrypted. The JDK's
 * HttpClient and WebSocket, trusting the test certificate, read what ffmpeg publishes as HTTP-FLV over HTTPS and
 * WS-FLV over WSS. RTMPTS (issue 16 §2 on the HTTPS listener): ffmpeg publishes and plays {@code rtmpts://}.
 */
@Tag("ffmpeg")
@Timeout(180)
class RtmpsInteropIT {
    @RegisterExtension
    final FfmpegServer fixture = FfmpegServer.perTestMethod();

    private Process openssl;

    @AfterEach
    void killOpenssl() {
        if (openssl != null) {
            openssl.destroyForcibly();
        }
    }

    private TestCertificates certs() throws Exception {
        return TestCertificates.generate(fixture.out().resolve("tls"), "EC");
    }

    private RtmpServer start(ObservingController observed, TestCertificates certs) throws Exception {
        TlsContext tls = TlsContext.fromPem(certs.chainPem(), certs.keyPem());
        return fixture.start(observed, b -> b.rtmps(0, tls));
    }

    @Test
    void ffmpegPublishesAndPlaysOverRtmps() throws Exception {
        Path source = Media.h264Aac();
        ObservingController observed = new ObservingController(new LiveBroadcastController());
        RtmpServer server = start(observed, certs());
        String url = "rtmps://127.0.0.1:" + server.rtmpsPort() + "/live/test";
        Ffmpeg ffmpeg = fixture.ffmpeg();
        Ffmpeg.Run publisher = ffmpeg.start("publisher", "-re", "-i", source.toString(), "-c", "copy", "-f", "flv", url);
        observed.await("publish test", 20);
        observed.afterVideoMessages(1).get(20, TimeUnit.SECONDS);

        Path output = fixture.out().resolve("rtmps-player.flv");
        Ffmpeg.Run player = ffmpeg.start("rtmps-player", "-i", url, "-c", "copy", "-f", "flv", output.toString());

        publisher.awaitSuccess(Duration.ofSeconds(60));
        player.awaitSuccess(Duration.ofSeconds(30));
        assertThat(ffmpeg.decodeErrors(output)).isEmpty();
        FlvFrames.read(source).assertReceivedFromKeyFrameToEnd(FlvFrames.read(output), "ffmpeg rtmps player");
    }

    @Test
    void rtmpClientPublishesOverRtmpsAndFfmpegPlaysOverRtmps() throws Exception {
        Path source = Media.h264Aac();
        TestCertificates certs = certs();
        ObservingController observed = new ObservingController(new LiveBroadcastController());
        RtmpServer server = start(observed, certs);
        Path output = fixture.out().resolve("rtmps-player.flv");
        Ffmpeg.Run player = fixture.ffmpeg().start("rtmps-player", "-i",
                "rtmps://127.0.0.1:" + server.rtmpsPort() + "/live/test", "-c", "copy", "-f", "flv", output.toString());
        observed.await("play test", 20); // waits for the publisher

        ClientOptions trust = ClientOptions.defaults().withTimeout(Duration.ofSeconds(10))
                .withTlsTrust(TlsTrust.certificates(List.of(certs.certificate())));
        RtmpClient.publishFile(URI.create("rtmps://localhost:" + server.rtmpsPort() + "/live/test"), source, true, trust);

        player.awaitSuccess(Duration.ofSeconds(30));
        assertThat(fixture.ffmpeg().decodeErrors(output)).isEmpty();
        FlvFrames.read(source).assertReceivedFromKeyFrameToEnd(FlvFrames.read(output), "ffmpeg rtmps player");
    }

    @Test
    void rtmpClientSpeaksTlsToOpensslWithSniForAHostNameAndNoneForAnIpLiteral() throws Exception {
        TestCertificates certs = certs();
        String byName = sServerSees(certs, "localhost",
                ClientOptions.defaults().withTlsTrust(TlsTrust.certificates(List.of(certs.certificate()))));
        assertThat(byName).contains("TLS client extension \"server name\"").contains("localhost");
        String byIp = sServerSees(certs, "127.0.0.1",
                ClientOptions.defaults().withTlsTrust(TlsTrust.pin(TlsContext.sha256(certs.certificate()))));
        assertThat(byIp).doesNotContain("TLS client extension \"server name\"");
    }

    /**
     * Runs {@code openssl s_server} for one connection, connects {@code RtmpClient} to it (which completes TLS, sends
     * C0+C1 and then times out waiting for an RTMP server), and returns what s_server printed.
     */
    private String sServerSees(TestCertificates certs, String host, ClientOptions options) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path log = fixture.out().resolve("s_server-" + host + ".log");
        try {
            openssl = new ProcessBuilder("openssl", "s_server", "-accept", "127.0.0.1:" + port,
                    "-cert", certs.chainPem().toString(), "-key", certs.keyPem().toString(),
                    "-tlsextdebug", "-naccept", "1")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start(); // stdin stays open: s_server runs
        } catch (IOException missing) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new AssertionError("openssl is needed for this interop test with CI=true", missing);
            }
            Assumptions.abort("openssl not found: " + missing.getMessage());
        }
        URI url = URI.create("rtmps://" + host + ":" + port + "/live");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!Files.readString(log, StandardCharsets.ISO_8859_1).contains("ACCEPT")) {
            assertThat(openssl.isAlive()).as("s_server runs: %s", Files.readString(log)).isTrue();
            assertThat(System.nanoTime()).as("s_server accepts within 20 s").isLessThan(deadline);
            Thread.onSpinWait();
        }
        ClientOptions quick = options.withTimeout(Duration.ofSeconds(2));
        assertThatThrownBy(() -> RtmpClient.connect(url, quick))
                .as("TLS works; no RTMP server answers the C0+C1")
                .isInstanceOf(IOException.class).hasMessageNotContaining("TLS handshake").hasMessageContaining("timed out");
        assertThat(openssl.waitFor(20, TimeUnit.SECONDS)).as("s_server ends after its one connection").isTrue();
        String seen = Files.readString(log, StandardCharsets.ISO_8859_1);
        assertThat(seen).contains("1 server accepts that finished");
        return seen;
    }

    @Test
    void ffmpegPublishesOverRtmpsAndJdkClientsReadHttpFlvOverHttpsAndWsFlvOverWss() throws Exception {
        Path source = Media.h264Aac();
        TestCertificates certs = certs();
        LiveBroadcastController relay = new LiveBroadcastController();
        ObservingController observed = new ObservingController(relay);
        TlsContext tls = TlsContext.fromPem(certs.chainPem(), certs.keyPem());
        RtmpServer server = fixture.start(observed, b -> b.rtmps(0, tls).https(0, tls)
                .httpRoute(org.rtmp4j.http.HttpMethod.GET, org.rtmp4j.http.FlvStreamPath::matches,
                        new org.rtmp4j.live.HttpFlvPlayer(relay)));
        Ffmpeg.Run publisher = fixture.ffmpeg().start("publisher", "-re", "-i", source.toString(), "-c", "copy",
                "-f", "flv", "rtmps://127.0.0.1:" + server.rtmpsPort() + "/live/test");
        observed.await("publish test", 20);
        observed.afterVideoMessages(1).get(20, TimeUnit.SECONDS);

        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1)
                .sslContext(TlsTrust.certificates(List.of(certs.certificate())).clientContext()).build();
        String base = "localhost:" + server.httpsPort() + "/live/test.flv";
        Path httpsOutput = fixture.out().resolve("https-player.flv");
        java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<Path>> httpsPlayer = http.sendAsync(
                java.net.http.HttpRequest.newBuilder(URI.create("https://" + base)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofFile(httpsOutput));
        java.io.ByteArrayOutputStream wss = new java.io.ByteArrayOutputStream();
        java.util.concurrent.CompletableFuture<Integer> wssClosed = new java.util.concurrent.CompletableFuture<>();
        java.net.http.WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("wss://" + base),
                new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onBinary(java.net.http.WebSocket webSocket,
                            java.nio.ByteBuffer data, boolean last) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        synchronized (wss) {
                            wss.writeBytes(bytes);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket webSocket,
                            int statusCode, String reason) {
                        wssClosed.complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(java.net.http.WebSocket webSocket, Throwable error) {
                        wssClosed.complete(-1);
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            publisher.awaitSuccess(Duration.ofSeconds(60));
            assertThat(httpsPlayer.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            wssClosed.get(30, TimeUnit.SECONDS);
        } finally {
            ws.abort();
        }
        Path wssOutput = fixture.out().resolve("wss-player.flv");
        synchronized (wss) {
            Files.write(wssOutput, wss.toByteArray());
        }
        FlvFrames published = FlvFrames.read(source);
        published.assertReceivedFromKeyFrameToEnd(FlvFrames.read(httpsOutput), "JDK HTTP-FLV over HTTPS player");
        published.assertReceivedFromKeyFrameToEnd(FlvFrames.read(wssOutput), "JDK WS-FLV over WSS player");
    }

    @Test
    void ffmpegPublishesAndPlaysOverRtmptsOnTheHttpsListener() throws Exception {
        Path source = Media.h264Aac();
        ObservingController observed = new ObservingController(new LiveBroadcastController());
        TestCertificates certs = certs();
        TlsContext tls = TlsContext.fromPem(certs.chainPem(), certs.keyPem());
        RtmpServer server = fixture.start(observed, b -> b.https(0, tls)); // HTTPS only: RTMPT on it is RTMPTS
        String url = "rtmpts://127.0.0.1:" + server.httpsPort() + "/live/test";
        Ffmpeg ffmpeg = fixture.ffmpeg();
        Ffmpeg.Run publisher = ffmpeg.start("rtmpts-publisher", "-re", "-i", source.toString(), "-c", "copy",
                "-f", "flv", url);
        observed.await("publish test", 30);
        observed.afterVideoMessages(1).get(30, TimeUnit.SECONDS);

        Path output = fixture.out().resolve("rtmpts-player.flv");
        Ffmpeg.Run player = ffmpeg.start("rtmpts-player", "-i", url, "-c", "copy", "-f", "flv", output.toString());

        publisher.awaitSuccess(Duration.ofSeconds(90));
        player.awaitSuccess(Duration.ofSeconds(30));
        assertThat(ffmpeg.decodeErrors(output)).isEmpty();
        FlvFrames.read(source).assertReceivedFromKeyFrameToEnd(FlvFrames.read(output), "ffmpeg rtmpts player");
    }
}
