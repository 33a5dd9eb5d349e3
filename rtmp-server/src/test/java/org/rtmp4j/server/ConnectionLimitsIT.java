package org.rtmp4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.testkit.Eventually.eventually;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.server.LimitsFixture.Bystander;
import org.rtmp4j.server.LimitsFixture.RawPeer;

/**
 * Connection-level limits crossed by one over loopback, each with a bystander publisher and player
 * that keep streaming. Deadlines use fake time through {@code Builder.clock}.
 */
@Timeout(60)
class ConnectionLimitsIT {
    private final AtomicLong fakeNanos = new AtomicLong(1_000_000_000_000L);
    private final LoopbackServer fixture = new LoopbackServer();
    private RtmpServer server;

    private RtmpServer start(RtmpServer.Builder builder) throws Exception {
        server = fixture.start(builder, new LiveBroadcastController());
        return server;
    }

    private void advance(long millis) {
        fakeNanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void oneConnectionOverMaxConnectionsIsClosedAtAccept() throws Exception {
        start(RtmpServer.builder().maxConnections(4));
        Bystander bystander = fixture.keep(new Bystander(server)); // 2 connections
        RawPeer third = fixture.keep(new RawPeer(server)).handshake();
        RawPeer fourth = fixture.keep(new RawPeer(server)).handshake();
        RawPeer fifth = fixture.keep(new RawPeer(server));
        fifth.assertClosedByServer();
        assertThat(server.metrics().rejectedConnections()).isEqualTo(1);
        assertThat(server.metrics().activeConnections()).isEqualTo(4);
        third.assertServed(3);
        fourth.assertServed(3);
        bystander.assertStreaming();
        // a freed slot is reusable
        third.close();
        eventually("slot freed", () -> server.metrics().activeConnections() == 3);
        fixture.keep(new RawPeer(server)).handshake().assertServed(3);
    }

    @Test
    void theHandshakeDeadlineIsAbsoluteAndNotExtendedByTricklingBytes() throws Exception {
        start(RtmpServer.builder().clock(fakeNanos::get).handshakeTimeout(java.time.Duration.ofSeconds(10)));
        Bystander bystander = fixture.keep(new Bystander(server));
        RawPeer trickler = fixture.keep(new RawPeer(server));
        eventually("accepted", () -> server.connections().size() == 3); // the deadline starts
        trickler.out.write(3); // C0
        trickler.out.flush();
        for (int i = 0; i < 99; i++) { // one byte of C1 per 100 ms tick, up to 9.9 s
            advance(100);
            trickler.out.write(0);
            trickler.out.flush();
        }
        trickler.assertOpenFor(300);
        advance(101); // 10.001 s after accept; the last byte came 0.1 s ago
        trickler.assertClosedByServer();
        bystander.assertStreaming();
    }

    @Test
    void aPeerThatNeverConnectsIsClosedAtTheConnectDeadline() throws Exception {
        start(RtmpServer.builder().clock(fakeNanos::get).connectTimeout(java.time.Duration.ofSeconds(20)));
        Bystander bystander = fixture.keep(new Bystander(server));
        RawPeer silent = fixture.keep(new RawPeer(server)).handshake();
        advance(19_900);
        silent.assertServed(3); // protocol control is answered, but it never sends connect
        silent.assertOpenFor(300);
        advance(200);
        silent.assertClosedByServer();
        bystander.assertStreaming();
    }

    @Test
    void aDeclaredMessageLengthOverMaxMessageSizeClosesTheConnection() throws Exception {
        start(RtmpServer.builder().maxMessageSize(64 * 1024));
        Bystander bystander = fixture.keep(new Bystander(server));
        RawPeer peer = fixture.keep(new RawPeer(server)).handshake();
        peer.message(4, 8, 0, new byte[64 * 1024]); // exactly the limit: accepted (and ignored: no stream)
        peer.assertServed(3);
        peer.header(4, 8, 64 * 1024 + 1, 0); // one byte over: closed on the header, before any payload
        peer.out.flush();
        peer.assertClosedByServer();
        bystander.assertStreaming();
    }

    @Test
    void oneChunkStreamIdOverMaxChunkStreamsClosesTheConnection() throws Exception {
        start(RtmpServer.builder().maxChunkStreams(8));
        Bystander bystander = fixture.keep(new Bystander(server));
        RawPeer peer = fixture.keep(new RawPeer(server)).handshake();
        for (int csid = 3; csid < 3 + 8; csid++) { // 8 chunk stream ids: Acknowledgement messages
            peer.message(csid, 3, 0, new byte[] {0, 0, 0, 0});
        }
        peer.assertServed(3);
        peer.message(11, 3, 0, new byte[] {0, 0, 0, 0}); // the ninth
        peer.assertClosedByServer();
        bystander.assertStreaming();
    }

    @Test
    void partlyReceivedMessagesOverMaxPendingBytesCloseTheConnection() throws Exception {
        start(RtmpServer.builder().maxPendingBytes(100_000));
        Bystander bystander = fixture.keep(new Bystander(server));
        RawPeer peer = fixture.keep(new RawPeer(server)).handshake();
        peer.header(4, 8, 60_000, 0);
        peer.out.write(new byte[128]); // first chunk only
        peer.header(5, 8, 39_994, 0);
        peer.out.write(new byte[128]);
        peer.assertServed(3); // + the 6-byte Ping Request = exactly 100,000 pending bytes
        peer.header(6, 8, 7, 0); // 99,994 + 7: one byte over
        peer.out.flush();
        peer.assertClosedByServer();
        bystander.assertStreaming();
    }
}
