package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.client.Subscription;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.testkit.TestCertificates;
import org.rtmp4j.tls.TlsTrust;

/**
 * {@code server --rtmps-port --https-port} run as a process (the shaded jar) with a certificate generated at
 * test time: PEM files (certbot's layout) with HTTPS only ({@code --no-http}), and a PKCS12 key store whose
 * password comes from {@code RTMP_TLS_KEYSTORE_PASSWORD} with TLS only ({@code --no-plain-rtmp}).
 */
@Timeout(90)
class ServerCommandTlsIT {
    private static final Pattern RTMPS_LINE = Pattern.compile("RTMPS listening on rtmps://127\\.0\\.0\\.1:(\\d+)/");
    private static final Pattern HTTPS_LINE = Pattern.compile("HTTPS listening on https://127\\.0\\.0\\.1:(\\d+)/");
    private static TestCertificates certs;

    @BeforeAll
    static void certificate() throws Exception {
        certs = TestCertificates.generate(Path.of("target", "interop", "ServerCommandTlsIT"), "RSA");
    }

    private static int port(CliProcess server, Pattern line) throws InterruptedException {
        Matcher m = line.matcher(server.awaitOut(line.pattern(), l -> line.matcher(l).find()));
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    private static ClientOptions trusting() {
        return ClientOptions.defaults().withTimeout(Duration.ofSeconds(10))
                .withTlsTrust(TlsTrust.certificates(List.of(certs.certificate())));
    }

    /** Publishes one audio message over rtmps and plays it back over rtmps. */
    private static void publishAndPlay(int rtmpsPort) throws Exception {
        URI url = URI.create("rtmps://localhost:" + rtmpsPort + "/live");
        java.util.concurrent.BlockingQueue<MediaMessage> got = new java.util.concurrent.LinkedBlockingQueue<>();
        try (RtmpClient player = RtmpClient.connect(url, trusting());
                Subscription s = player.play("cam", new ClientListener() {
                    @Override
                    public void onMedia(int streamId, MediaMessage m) {
                        got.add(m);
                    }
                });
                RtmpClient publisherClient = RtmpClient.connect(url, trusting());
                Publisher publisher = publisherClient.publish("cam")) {
            publisher.send(new AudioMessage(0, 0, java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xAF, 1, 42})));
            MediaMessage m = got.poll(10, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(m).as("the audio message over rtmps").isNotNull();
            assertThat(m.payload().get(2)).isEqualTo((byte) 42);
        }
    }

    @Test
    void pemFilesServeRtmpsAndTheApiOverHttpsWithoutPlainHttp() throws Exception {
        try (CliProcess server = CliProcess.start("server", "--host", "127.0.0.1", "--port", "0", "--no-http",
                "--status-interval", "0", "--rtmps-port", "0", "--https-port", "0",
                "--tls-cert", certs.chainPem().toString(), "--tls-key", certs.keyPem().toString())) {
            int rtmps = port(server, RTMPS_LINE);
            int https = port(server, HTTPS_LINE);
            publishAndPlay(rtmps);
            HttpClient http = HttpClient.newBuilder()
                    .sslContext(TlsTrust.certificates(List.of(certs.certificate())).clientContext()).build();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                    URI.create("https://localhost:" + https + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).isEqualTo("OK");
        }
    }

    @Test
    void aPkcs12KeyStoreWithItsPasswordFromTheEnvironmentServesTlsOnly() throws Exception {
        try (CliProcess server = CliProcess.start(Map.of("RTMP_TLS_KEYSTORE_PASSWORD", new String(certs.password())),
                "server", "--host", "127.0.0.1", "--port", "0", "--no-http", "--status-interval", "0",
                "--rtmps-port", "0", "--no-plain-rtmp", "--tls-keystore", certs.p12().toString())) {
            int rtmps = port(server, RTMPS_LINE);
            publishAndPlay(rtmps);
        }
    }
}
