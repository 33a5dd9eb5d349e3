package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.flv.FlvDemuxer;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.http.FlvStreamPath;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.server.ClientInfo;
import org.rtmp4j.server.LoopbackServer;
import org.rtmp4j.server.MediaSink;
import org.rtmp4j.server.RtmpServer;
import org.rtmp4j.testkit.TestCertificates;
import org.rtmp4j.tls.TlsContext;
import org.rtmp4j.tls.TlsTrust;

/**
 * RTMPS and HTTPS listeners over loopback with a certificate generated at test time: {@code
 * RtmpClient} publishes and plays over {@code rtmps://} (trusting the certificate, or pinning it),
 * the JDK's HttpClient plays HTTP-FLV over HTTPS and its WebSocket plays WS-FLV over WSS, and
 * every tag arrives as sent (issue 16 §1).
 */
@Timeout(60)
class TlsListenersIT {
    private static TestCertificates certs;
    private final LiveBroadcastController relay = new LiveBroadcastController();
    private final LoopbackServer fixture = new LoopbackServer();
    private RtmpServer server;

    @BeforeAll
    static void certificate() throws Exception {
        certs = TestCertificates.generate(Path.of("target", "tls-listeners-it"), "EC");
    }

    @BeforeEach
    void start() throws Exception {
        TlsContext tls = TlsContext.fromPem(certs.chainPem(), certs.keyPem());
        server = fixture.start(RtmpServer.builder().rtmps(0, tls).https(0, tls)
                .httpRoute(HttpMethod.GET, FlvStreamPath::matches, new HttpFlvPlayer(relay)), relay);
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    private URI rtmps(String path) {
        return URI.create("rtmps://localhost:" + server.rtmpsPort() + "/" + path);
    }

    private ClientOptions trusting() {
        return LoopbackServer.OPTIONS.withTlsTrust(TlsTrust.certificates(List.of(certs.certificate())));
    }

    /** 2 sequence headers, then keyframes and inter frames, large enough to span TLS records. */
    private static List<FlvTag> tags() {
        List<FlvTag> tags = new ArrayList<>();
        tags.add(TestTags.tag(FlvTagType.VIDEO, 0, 0x17, 0x00, 0, 0, 0, 0x01, 0x64, 0x00, 0x1F, 0xFF, 0xE1, 0, 0));
        tags.add(TestTags.tag(FlvTagType.AUDIO, 0, 0xAF, 0x00, 0x12, 0x10));
        for (int i = 0; i < 40; i++) {
            byte[] body = new byte[i % 10 == 0 ? 40_000 : 3_000 + i];
            body[0] = (byte) (i % 10 == 0 ? 0x17 : 0x27);
            body[1] = 1;
            for (int j = 5; j < body.length; j++) {
                body[j] = (byte) (j * 31 + i);
            }
            tags.add(new FlvTag(FlvTagType.VIDEO, 40 * i, ByteBuffer.wrap(body)));
        }
        return tags;
    }

    @Test
    void rtmpsPublishAndPlayDeliverEveryTagUnchanged() throws Exception {
        RtmpClient player = fixture.keep(RtmpClient.connect(rtmps("live"), trusting()));
        MediaSink sink = new MediaSink();
        player.play("cam", sink);
        RtmpClient publisherClient = fixture.keep(RtmpClient.connect(rtmps("live"), trusting()));
        assertThat(publisherClient.tcUrl()).startsWith("rtmps://localhost:");
        Publisher publisher = fixture.keep(publisherClient.publish("cam"));
        List<FlvTag> sent = tags();
        for (FlvTag t : sent) {
            publisher.send(t);
        }
        List<MediaMessage> got = sink.take(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            assertThat(got.get(i).timestamp()).isEqualTo(sent.get(i).timestamp());
            assertThat(got.get(i).payload()).isEqualTo(sent.get(i).body());
        }
        assertThat(server.clients().list()).filteredOn(c -> c.kind().startsWith("rtmp-"))
                .extracting(ClientInfo::protocol).containsExactly("rtmps", "rtmps");
        assertThat(relay.control().stream(new StreamKey("live", "cam")).orElseThrow().publisherProtocol())
                .isEqualTo("rtmps");
    }

    @Test
    void aPinnedFingerprintConnectsAndAWrongOneIsRefusedByTheClient() throws Exception {
        String pin = TlsContext.sha256(certs.certificate());
        ClientOptions pinned = LoopbackServer.OPTIONS.withTlsTrust(TlsTrust.pin(pin));
        URI byIp = URI.create("rtmps://127.0.0.1:" + server.rtmpsPort() + "/live");
        fixture.keep(RtmpClient.connect(byIp, pinned)).close();

        String wrong = (pin.charAt(0) == '0' ? "1" : "0") + pin.substring(1);
        assertThatThrownBy(() -> RtmpClient.connect(byIp, LoopbackServer.OPTIONS.withTlsTrust(TlsTrust.pin(wrong))))
                .isInstanceOf(IOException.class).hasMessageContaining("TLS handshake").hasMessageContaining("pin");
        assertThatThrownBy(() -> RtmpClient.connect(byIp, LoopbackServer.OPTIONS))
                .as("the JDK's trust store does not know the test certificate")
                .isInstanceOf(IOException.class).hasMessageContaining("TLS handshake");
    }

    private HttpClient httpsClient() throws Exception {
        SSLContext ctx = TlsTrust.certificates(List.of(certs.certificate())).clientContext();
        return HttpClient.newBuilder().sslContext(ctx).connectTimeout(Duration.ofSeconds(5)).build();
    }

    private void publishTags(List<FlvTag> sent) throws Exception {
        MediaSink sink = new MediaSink();
        fixture.keep(RtmpClient.connect(rtmps("live"), trusting())).play("cam", sink);
        Publisher publisher = fixture.keep(fixture.keep(RtmpClient.connect(rtmps("live"), trusting())).publish("cam"));
        for (FlvTag t : sent) {
            publisher.send(t);
        }
        sink.take(sent.size()); // the relay holds the GOP
    }

    @Test
    void httpFlvOverHttpsDeliversTheCachedGop() throws Exception {
        List<FlvTag> sent = tags().subList(0, 12);
        publishTags(sent);
        HttpResponse<InputStream> response = httpsClient().send(HttpRequest.newBuilder(
                URI.create("https://localhost:" + server.httpsPort() + "/live/cam.flv")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("video/x-flv");
        FlvDemuxer demuxer = new FlvDemuxer();
        List<FlvTag> got = new ArrayList<>();
        try (InputStream in = response.body()) {
            byte[] buf = new byte[8192];
            while (got.size() < sent.size()) {
                int n = in.read(buf);
                assertThat(n).isPositive();
                demuxer.feed(ByteBuffer.wrap(buf, 0, n), got::add);
            }
        }
        for (int i = 0; i < sent.size(); i++) {
            assertThat(got.get(i).body()).as("tag %d", i).isEqualTo(sent.get(i).body());
        }
    }

    @Test
    void wsFlvOverWssDeliversTheSameTags() throws Exception {
        List<FlvTag> sent = tags().subList(0, 12);
        publishTags(sent);
        FlvDemuxer demuxer = new FlvDemuxer();
        List<FlvTag> got = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        WebSocket ws = httpsClient().newWebSocketBuilder().buildAsync(
                URI.create("wss://localhost:" + server.httpsPort() + "/live/cam.flv"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                        try {
                            synchronized (got) {
                                demuxer.feed(data, got::add);
                                if (got.size() >= sent.size()) {
                                    done.complete(null);
                                }
                            }
                        } catch (Exception e) {
                            done.completeExceptionally(e);
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            done.get(10, TimeUnit.SECONDS);
            synchronized (got) {
                for (int i = 0; i < sent.size(); i++) {
                    assertThat(got.get(i).body()).as("tag %d", i).isEqualTo(sent.get(i).body());
                }
            }
        } finally {
            ws.abort();
        }
    }

    @Test
    void aReloadedCertificateServesNewConnectionsWhileATlsPlayerKeepsPlaying() throws Exception {
        Path dir = Path.of("target", "tls-listeners-it", "reload");
        TestCertificates next = TestCertificates.generate(dir.resolve("next"), "RSA");
        Path live = java.nio.file.Files.createDirectories(dir.resolve("live"));
        Path chain = live.resolve("fullchain.pem");
        Path key = live.resolve("privkey.pem");
        java.nio.file.Files.copy(certs.chainPem(), chain, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        java.nio.file.Files.copy(certs.keyPem(), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        fixture.close();
        try (TlsContext tls = TlsContext.fromPem(chain, key).watch(Duration.ofMillis(100))) {
            LoopbackServer reloading = new LoopbackServer();
            try (reloading) {
                server = reloading.start(RtmpServer.builder().rtmps(0, tls), new LiveBroadcastController());
                MediaSink sink = new MediaSink();
                reloading.keep(RtmpClient.connect(rtmps("live"), trusting())).play("cam", sink);
                Publisher publisher = reloading.keep(reloading.keep(RtmpClient.connect(rtmps("live"), trusting()))
                        .publish("cam"));
                List<FlvTag> sent = tags();
                for (FlvTag t : sent.subList(0, 10)) {
                    publisher.send(t);
                }
                sink.take(10);

                java.nio.file.Files.copy(next.keyPem(), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                java.nio.file.Files.copy(next.chainPem(), chain, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                java.nio.file.Files.setLastModifiedTime(chain,
                        java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
                ClientOptions pinNext = LoopbackServer.OPTIONS.withTlsTrust(TlsTrust.pin(TlsContext.sha256(next.certificate())));
                URI byIp = URI.create("rtmps://127.0.0.1:" + server.rtmpsPort() + "/live");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (!tls.certificate().equals(next.certificate())) {
                    assertThat(System.nanoTime()).as("the new certificate loaded within 10 s").isLessThan(deadline);
                    Thread.onSpinWait();
                }
                reloading.keep(RtmpClient.connect(byIp, pinNext)); // the new connection sees the new certificate

                for (FlvTag t : sent.subList(10, sent.size())) {
                    publisher.send(t);
                }
                List<MediaMessage> got = sink.take(sent.size() - 10);
                assertThat(got.get(got.size() - 1).payload()).isEqualTo(sent.get(sent.size() - 1).body());
            }
        }
    }

    @Test
    void nonBlockingClientsOnTheLoopsPublishAndPlayOverRtmps() throws Exception {
        try (org.rtmp4j.client.NioClientGroup group = new org.rtmp4j.client.NioClientGroup(2)) {
            org.rtmp4j.client.NioClient publisher = group.connect(rtmps("live/cam"), trusting(),
                    new org.rtmp4j.core.session.ClientListener() { }).get(10, TimeUnit.SECONDS);
            int pubStream = publisher.createStream().get(5, TimeUnit.SECONDS);
            publisher.publish(pubStream, "cam").get(5, TimeUnit.SECONDS);
            List<MediaSink> players = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                MediaSink p = new MediaSink();
                org.rtmp4j.client.NioClient c = group.connect(rtmps("live/cam"), trusting(), p).get(10, TimeUnit.SECONDS);
                int id = c.createStream().get(5, TimeUnit.SECONDS);
                c.play(id, "cam").get(5, TimeUnit.SECONDS);
                players.add(p);
            }
            List<FlvTag> sent = tags();
            for (FlvTag t : sent) {
                publisher.sendMedia(pubStream, t.type() == FlvTagType.AUDIO
                        ? new org.rtmp4j.core.message.AudioMessage(t.timestamp(), 0, t.body())
                        : new org.rtmp4j.core.message.VideoMessage(t.timestamp(), 0, t.body()));
            }
            for (MediaSink p : players) {
                List<MediaMessage> got = p.take(sent.size());
                for (int i = 0; i < sent.size(); i++) {
                    assertThat(got.get(i).payload()).isEqualTo(sent.get(i).body());
                }
            }
            assertThat(publisher.bytesOut()).as("ciphertext counted").isGreaterThan(sent.stream()
                    .mapToLong(t -> t.body().remaining()).sum());
        }
    }
}
