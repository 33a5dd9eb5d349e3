package org.rtmp4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.live.TestTags.bytes;
import static org.rtmp4j.live.TestTags.video;
import static org.rtmp4j.testkit.Eventually.eventually;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.testkit.LogLines;
import org.rtmp4j.tls.TlsTrust;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.server.rtmpt.RtmptOptions;
import org.rtmp4j.testkit.TestCertificates;
import org.rtmp4j.tls.TlsContext;

/**
 * RTMPT on the HTTP listener (issue 16 §2): a session is an ordinary RTMP connection of the server (publish and play
 * through the live hub, listed, counted, kicked), every reply carries the polling-delay byte and
 * {@code Content-Length}, and bad input (unknown or expired session, a sequence number that does not increase, an
 * oversized body, RTMP garbage, too many sessions) gets its status and one log line while other sessions go on.
 */
@Timeout(60)
class RtmptIT {
    private static final FlvTag AVC_HEADER = video(0, 0x17, 0x00, 0, 0, 0, 0x01, 0x64, 0x00, 0x1F, 0xFF, 0xE1, 0, 0, 0x01, 0);

    private final LiveBroadcastController relay = new LiveBroadcastController();
    private final LoopbackServer fixture = new LoopbackServer();
    private LogLines log;
    private RtmpServer server;

    @BeforeEach
    void logs() {
        log = new LogLines();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            fixture.close();
        } finally {
            log.close();
        }
    }

    private void start(RtmptOptions options) throws Exception {
        server = fixture.start(RtmpServer.builder().http(0).rtmpt(options), relay);
    }

    private RawHttp.Response post(RawHttp c, String path, byte[] body) throws Exception {
        c.send("POST " + path + " HTTP/1.1\r\nHost: t\r\nContent-Type: application/x-fcs\r\nContent-Length: "
                + body.length + "\r\n\r\n");
        c.socket().getOutputStream().write(body);
        return c.read();
    }

    private String open(RawHttp c) throws Exception {
        RawHttp.Response r = post(c, "/open/1", new byte[1]);
        assertThat(r.status()).isEqualTo(200);
        return r.bodyText().trim();
    }

    private List<String> linesOf(RawHttp peer) {
        return log.containing("127.0.0.1:" + peer.socket().getLocalPort() + " ");
    }

    private RtmpClient throughTunnel(RtmptTunnel tunnel) throws Exception {
        return fixture.keep(RtmpClient.connect(URI.create("rtmp://127.0.0.1:" + tunnel.port() + "/live"),
                LoopbackServer.OPTIONS));
    }

    private static List<byte[]> publish(Publisher publisher, int frames) {
        List<byte[]> sent = new ArrayList<>();
        publisher.send(AVC_HEADER);
        sent.add(bytes(AVC_HEADER.body()));
        for (int i = 1; i <= frames; i++) {
            FlvTag t = video(40 * i, i == 1 ? 0x17 : 0x27, 0x01, 0, 0, 0, 0, 0, 0, 2, i == 1 ? 0x65 : 0x41, i);
            publisher.send(t);
            sent.add(bytes(t.body()));
        }
        return sent;
    }

    private static void assertReceived(MediaSink player, List<byte[]> sent) throws Exception {
        List<MediaMessage> got = player.take(sent.size());
        assertThat(got.stream().map(m -> bytes(m.payload())).toList()).containsExactlyElementsOf(sent);
    }

    @Test
    void aClientPublishesThroughRtmptAsAnOrdinaryRtmpConnectionAndAKickEndsTheSession() throws Exception {
        start(RtmptOptions.defaults());
        RtmptTunnel tunnel = fixture.keep(new RtmptTunnel(server.httpPort()));
        Publisher publisher = fixture.keep(throughTunnel(tunnel).publish("cam"));
        MediaSink player = new MediaSink();
        fixture.client().play("cam", player);
        List<byte[]> sent = publish(publisher, 30);
        assertReceived(player, sent);

        ClientInfo rtmpt = server.clients().list().stream().filter(c -> "rtmp-publisher".equals(c.kind()))
                .findFirst().orElseThrow();
        assertThat(rtmpt.stream()).isEqualTo("live/cam");
        assertThat(rtmpt.protocol()).isEqualTo("rtmpt");
        assertThat(relay.control().stream(new StreamKey("live", "cam")).orElseThrow().publisherProtocol())
                .isEqualTo("rtmpt");
        assertThat(server.clients().list()).filteredOn(c -> "rtmp-player".equals(c.kind()))
                .extracting(ClientInfo::protocol).containsExactly("rtmp");
        assertThat(rtmpt.remoteAddress().toString()).contains("127.0.0.1");
        assertThat(rtmpt.bytesIn()).as("tunnelled RTMP bytes").isGreaterThan(30 * 10);
        assertThat(server.metrics().publishers()).isEqualTo(1);
        int active = server.metrics().activeConnections();

        assertThat(server.clients().close(rtmpt.id())).isTrue();
        assertThat(tunnel.ended().get(10, TimeUnit.SECONDS)).as("the session is gone after the kick").isEqualTo(404);
        eventually("the kicked session left", () -> server.clients().get(rtmpt.id()).isEmpty()
                && server.metrics().publishers() == 0 && server.metrics().activeConnections() < active);
    }

    @Test
    void rtmptOverHttpsIsListedAsRtmptsForTheClientAndThePublisher() throws Exception {
        TestCertificates certs = TestCertificates.generate(Path.of("target", "rtmpt-it"), "EC");
        server = fixture.start(RtmpServer.builder().https(0, TlsContext.fromPem(certs.chainPem(), certs.keyPem()))
                .rtmpt(RtmptOptions.defaults()), relay);
        SSLContext trusting = TlsTrust.certificates(List.of(certs.certificate())).clientContext();
        RtmptTunnel tunnel = fixture.keep(new RtmptTunnel(trusting.getSocketFactory(), server.httpsPort()));
        Publisher publisher = fixture.keep(throughTunnel(tunnel).publish("cam"));
        MediaSink player = new MediaSink();
        fixture.client().play("cam", player);
        assertReceived(player, publish(publisher, 5));

        assertThat(server.clients().list()).filteredOn(c -> "rtmp-publisher".equals(c.kind()))
                .extracting(ClientInfo::protocol).containsExactly("rtmpts");
        assertThat(relay.control().stream(new StreamKey("live", "cam")).orElseThrow().publisherProtocol())
                .isEqualTo("rtmpts");
    }

    @Test
    void aClientPlaysThroughRtmptWhatAnRtmpClientPublishes() throws Exception {
        start(RtmptOptions.defaults());
        Publisher publisher = fixture.keep(fixture.client().publish("cam"));
        RtmptTunnel tunnel = fixture.keep(new RtmptTunnel(server.httpPort()));
        MediaSink player = new MediaSink();
        throughTunnel(tunnel).play("cam", player);
        eventually("the RTMPT player plays", () -> server.metrics().players() == 1);
        List<byte[]> sent = publish(publisher, 30);
        assertReceived(player, sent);
        assertThat(server.clients().list()).extracting(ClientInfo::kind).contains("rtmp-player", "rtmp-publisher");
    }

    @Test
    void aShutdownEndsRtmptSessionsAsItEndsTcpConnections() throws Exception {
        start(RtmptOptions.defaults());
        RtmptTunnel tunnel = fixture.keep(new RtmptTunnel(server.httpPort()));
        Publisher publisher = fixture.keep(throughTunnel(tunnel).publish("cam"));
        publish(publisher, 1);
        StreamKey key = new StreamKey("live", "cam");
        eventually("live", () -> relay.isLive(key));
        server.shutdown(Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        assertThat(relay.isLive(key)).as("the RTMPT publisher's engine heard the close and unpublished").isFalse();
    }

    @Test
    void openAnswersAnUnguessableIdAndEveryOtherReplyStartsWithAGrowingPollingDelay() throws Exception {
        start(RtmptOptions.defaults());
        try (RawHttp c = new RawHttp(server.httpPort())) {
            RawHttp.Response opened = post(c, "/open/1", new byte[1]);
            assertThat(opened.header("Content-Type")).isEqualTo("application/x-fcs");
            assertThat(opened.bodyText()).matches("[0-9a-f]{32}\n");
            String id = opened.bodyText().trim();
            List<Integer> delays = new ArrayList<>();
            for (int seq = 1; seq <= 8; seq++) { // Red5 and Flash Player count from 1
                RawHttp.Response r = post(c, "/idle/" + id + "/" + seq, new byte[1]);
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.header("Content-Length")).isEqualTo("1");
                assertThat(r.header("Content-Type")).isEqualTo("application/x-fcs");
                delays.add(r.body()[0] & 0xFF);
            }
            assertThat(delays).as("the padding byte is not RTMP data, so nothing flows and the delay grows")
                    .containsExactly(1, 2, 3, 5, 9, 17, 33, 33);
            assertThat(post(c, "/fcs/ident2", new byte[1]).status()).isEqualTo(404);
            assertThat(post(c, "/close/" + id + "/9", new byte[1]).status()).isEqualTo(200);
            assertThat(post(c, "/idle/" + id + "/10", new byte[1]).status()).as("closed").isEqualTo(404);
            assertThat(open(c)).as("ids differ").isNotEqualTo(id);
        }
    }

    @Test
    void aSequenceNumberThatDoesNotIncreaseIs400AndClosesThatSessionOnly() throws Exception {
        start(RtmptOptions.defaults());
        try (RawHttp other = new RawHttp(server.httpPort()); RawHttp c = new RawHttp(server.httpPort())) {
            String bystander = open(other);
            String id = open(c);
            assertThat(post(c, "/idle/" + id + "/0", new byte[1]).status()).as("ffmpeg counts from 0").isEqualTo(200);
            assertThat(post(c, "/idle/" + id + "/1", new byte[1]).status()).isEqualTo(200);
            RawHttp.Response r = post(c, "/idle/" + id + "/1", new byte[1]);
            assertThat(r.status()).isEqualTo(400);
            assertThat(c.closedByPeer()).isTrue();
            assertThat(linesOf(c)).singleElement().asString().contains("refused", "400", "sequence number 1 after 1");
            try (RawHttp again = new RawHttp(server.httpPort())) {
                assertThat(post(again, "/idle/" + id + "/2", new byte[1]).status()).isEqualTo(404);
            }
            assertThat(post(other, "/idle/" + bystander + "/5", new byte[1]).status()).isEqualTo(200);
        }
    }

    @Test
    void anUnknownSessionIs404LoggedOnceAndTheConnectionStays() throws Exception {
        start(RtmptOptions.defaults());
        try (RawHttp c = new RawHttp(server.httpPort())) {
            assertThat(post(c, "/send/" + "0".repeat(32) + "/1", new byte[] {3}).status()).isEqualTo(404);
            assertThat(post(c, "/idle/not!an!id/1", new byte[1]).status()).as("a malformed id").isEqualTo(400);
            assertThat(linesOf(c)).hasSize(2).anySatisfy(l -> assertThat(l).contains("404", "unknown or expired"));
        }
        try (RawHttp c = new RawHttp(server.httpPort())) {
            assertThat(post(c, "/idle/" + "0".repeat(32) + "/1", new byte[1]).status()).isEqualTo(404);
            assertThat(open(c)).as("the same connection goes on after a 404").hasSize(32);
        }
    }

    @Test
    void aBodyOverTheLimitIs413AndClosesThatConnectionOnly() throws Exception {
        start(RtmptOptions.defaults().withMaxBodyBytes(4096));
        try (RawHttp c = new RawHttp(server.httpPort()); RawHttp other = new RawHttp(server.httpPort())) {
            String id = open(other);
            RawHttp.Response r = post(c, "/send/" + id + "/1", new byte[4097]);
            assertThat(r.status()).isEqualTo(413);
            assertThat(c.closedByPeer()).isTrue();
            assertThat(linesOf(c)).singleElement().asString().contains("413");
            assertThat(post(other, "/idle/" + id + "/2", new byte[1]).status())
                    .as("the refused body never reached the session").isEqualTo(200);
        }
    }

    @Test
    void rtmpGarbageClosesOnlyThatSession() throws Exception {
        start(RtmptOptions.defaults());
        RtmptTunnel tunnel = fixture.keep(new RtmptTunnel(server.httpPort()));
        Publisher publisher = fixture.keep(throughTunnel(tunnel).publish("cam"));
        try (RawHttp c = new RawHttp(server.httpPort())) {
            String id = open(c);
            byte[] garbage = new byte[1537 * 2]; // C0 with version 0x55: not RTMP 1.0 §5.2.2
            java.util.Arrays.fill(garbage, (byte) 0x55);
            assertThat(post(c, "/send/" + id + "/1", garbage).status()).isEqualTo(200);
            eventually("the engine closed the session",
                    () -> server.clients().protocolErrors().getOrDefault("rtmp-handshake", 0L) == 1L);
            assertThat(post(c, "/idle/" + id + "/2", new byte[1]).status()).isEqualTo(404);
        }
        MediaSink player = new MediaSink();
        fixture.client().play("cam", player);
        assertReceived(player, publish(publisher, 5)); // the other RTMPT session goes on
    }

    @Test
    void anIdleSessionExpiresAndIsLoggedOnce() throws Exception {
        start(RtmptOptions.defaults().withIdleTimeout(Duration.ofMillis(300)));
        try (RawHttp c = new RawHttp(server.httpPort())) {
            String id = open(c);
            String expiry = "RTMPT session " + id + " of ";
            eventually("the expiry is logged", () -> !log.containing(expiry).isEmpty());
            assertThat(post(c, "/idle/" + id + "/1", new byte[1]).status()).isEqualTo(404);
            assertThat(log.containing(expiry)).singleElement().asString()
                    .contains("expired", "127.0.0.1:" + c.socket().getLocalPort());
            assertThat(server.clients().list()).extracting(ClientInfo::kind).containsOnly("http");
        }
    }

    @Test
    void sessionsOverTheLimitAre503() throws Exception {
        start(RtmptOptions.defaults().withMaxSessions(2));
        try (RawHttp c = new RawHttp(server.httpPort())) {
            String first = open(c);
            open(c);
            RawHttp.Response r = post(c, "/open/1", new byte[1]);
            assertThat(r.status()).isEqualTo(503);
            assertThat(log.containing("RTMPT session limit reached (2)")).hasSize(1);
        }
        try (RawHttp c = new RawHttp(server.httpPort())) {
            assertThat(post(c, "/open/1", new byte[1]).status()).as("still full").isEqualTo(503);
        }
        assertThat(server.clients().list()).as("two RTMP connections listed")
                .filteredOn(i -> i.kind().equals("rtmp")).hasSize(2);
    }

    @Test
    void rtmptIsOffWithNoRtmpt() throws Exception {
        server = fixture.start(RtmpServer.builder().http(0).noRtmpt(), relay);
        try (RawHttp c = new RawHttp(server.httpPort())) {
            assertThat(post(c, "/open/1", new byte[1]).status()).isEqualTo(404);
        }
    }
}
