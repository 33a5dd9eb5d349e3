package org.rtmp4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.testkit.LogLines;
import org.rtmp4j.testkit.TestCertificates;
import org.rtmp4j.tls.TlsContext;
import org.rtmp4j.tls.TlsTrust;

/**
 * Hostile peers on the TLS and plain listeners (issue 16, "Bad input"): plaintext RTMP to the
 * RTMPS port, a TLS ClientHello to the plain RTMP and HTTP ports, a TLS handshake trickled byte by
 * byte, and garbage records after a good handshake. Each closes only that connection within its
 * deadline, with exactly one log line naming the peer, while an RTMPS publisher and player keep
 * streaming.
 */
@Timeout(60)
class TlsBadInputIT {
    private static final Duration TLS_DEADLINE = Duration.ofSeconds(3); // a cold JVM's first handshake can take a second on a busy machine
    private static TestCertificates certs;
    private final LoopbackServer fixture = new LoopbackServer();
    private final ScheduledExecutorService trickler = Executors.newSingleThreadScheduledExecutor();
    private RtmpServer server;
    private LogLines log;
    private Publisher publisher;
    private MediaSink player;
    private int sent;

    @BeforeAll
    static void certificate() throws Exception {
        certs = TestCertificates.generate(Path.of("target", "tls-bad-input-it"), "RSA");
    }

    @BeforeEach
    void start() throws Exception {
        log = new LogLines();
        TlsContext tls = TlsContext.fromPkcs12(certs.p12(), certs.password());
        server = fixture.start(RtmpServer.builder().rtmps(0, tls).https(0, tls)
                .http(new InetSocketAddress("127.0.0.1", 0)).tlsHandshakeTimeout(TLS_DEADLINE),
                new LiveBroadcastController());
        ClientOptions trust = LoopbackServer.OPTIONS.withTlsTrust(TlsTrust.certificates(List.of(certs.certificate())));
        URI url = URI.create("rtmps://localhost:" + server.rtmpsPort() + "/live");
        player = new MediaSink();
        fixture.keep(RtmpClient.connect(url, trust)).play("cam", player);
        publisher = fixture.keep(fixture.keep(RtmpClient.connect(url, trust)).publish("cam"));
        assertBystandersStream();
    }

    @AfterEach
    void tearDown() throws Exception {
        trickler.shutdownNow();
        log.close();
        fixture.close();
    }

    private void assertBystandersStream() throws InterruptedException {
        int ts = 40 * sent++;
        publisher.send(new AudioMessage(ts, 0, java.nio.ByteBuffer.wrap(new byte[] {(byte) 0xAF, 1, 2, 3})));
        assertThat(player.awaitTimestamp(ts).timestamp()).isEqualTo(ts);
    }

    /** Reads until the server closes; fails if it does not within {@code within}. */
    private static void assertClosedWithin(Socket s, Duration within) throws IOException {
        s.setSoTimeout((int) within.toMillis());
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        try {
            while (in.read(buf) >= 0) {
                // drain what the server sent before closing (an alert, a handshake)
            }
        } catch (SocketException reset) {
            // closed with RST: closed too
        }
    }

    private void assertOneLine(int port, String text) {
        List<String> lines = log.containing(":" + port);
        assertThat(lines).as("log lines naming peer port %d", port).hasSize(1);
        assertThat(lines.get(0)).contains(text);
    }

    private Socket connect(int port) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        return s;
    }

    @Test
    void plaintextRtmpToTheRtmpsPortClosesWithAHint() throws Exception {
        try (Socket s = connect(server.rtmpsPort())) {
            OutputStream out = s.getOutputStream();
            out.write(3); // C0
            out.write(new byte[1536]); // C1
            out.flush();
            assertClosedWithin(s, Duration.ofSeconds(5));
            awaitLine(s.getLocalPort());
            assertOneLine(s.getLocalPort(), "plaintext on a TLS port");
        }
        assertBystandersStream();
    }

    @Test
    void aClientHelloToThePlainRtmpAndHttpPortsClosesWithAHint() throws Exception {
        SSLContext ctx = TlsTrust.certificates(List.of(certs.certificate())).clientContext();
        for (int port : new int[] {server.port(), server.httpPort()}) {
            try (Socket raw = connect(port);
                    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, "localhost", port, false)) {
                s.setSoTimeout(5_000);
                assertThatThrownBy(s::startHandshake).isInstanceOf(IOException.class);
                awaitLine(raw.getLocalPort());
                assertOneLine(raw.getLocalPort(), "TLS on a plain port");
            }
        }
        assertBystandersStream();
    }

    @Test
    void aTrickledHandshakeIsClosedAtTheTlsDeadline() throws Exception {
        for (int port : new int[] {server.rtmpsPort(), server.httpsPort()}) {
            try (Socket s = connect(port)) {
                OutputStream out = s.getOutputStream();
                // a handshake record header announcing 512 bytes, then one byte every 100 ms
                out.write(new byte[] {0x16, 0x03, 0x01, 0x02, 0x00});
                out.flush();
                trickler.scheduleAtFixedRate(() -> {
                    try {
                        out.write(1);
                        out.flush();
                    } catch (IOException closed) {
                        throw new IllegalStateException(closed);
                    }
                }, 100, 100, TimeUnit.MILLISECONDS);
                long t0 = System.nanoTime();
                assertClosedWithin(s, Duration.ofSeconds(8));
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertThat(ms).as("closed at the 3 s TLS deadline (plus a tick)").isBetween(2_700L, 5_000L);
                awaitLine(s.getLocalPort());
                assertOneLine(s.getLocalPort(), "handshake not finished within 3000 ms (trickled)");
            }
        }
        assertBystandersStream();
    }

    @Test
    void garbageRecordsAfterAGoodHandshakeClose() throws Exception {
        SSLContext ctx = TlsTrust.certificates(List.of(certs.certificate())).clientContext();
        int port = server.rtmpsPort();
        try (Socket raw = connect(port);
                SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, "localhost", port, false)) {
            s.setSoTimeout(5_000);
            s.startHandshake();
            byte[] record = new byte[5 + 64];
            record[0] = 0x17; // application_data
            record[1] = 0x03;
            record[2] = 0x03;
            record[4] = 64;
            for (int i = 5; i < record.length; i++) {
                record[i] = (byte) (i * 7);
            }
            raw.getOutputStream().write(record);
            raw.getOutputStream().flush();
            assertClosedWithin(raw, Duration.ofSeconds(5));
            awaitLine(raw.getLocalPort());
            assertOneLine(raw.getLocalPort(), "TLS peer");
        }
        assertBystandersStream();
    }

    /** The close is logged on the loop just before the socket closes; wait for the line (bounded). */
    private void awaitLine(int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (log.containing(":" + port).isEmpty() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }
}
