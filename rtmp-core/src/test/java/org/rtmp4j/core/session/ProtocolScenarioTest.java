package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.chunk.ChunkLimits;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.Acknowledgement;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.UserControl;

@Timeout(10)
class ProtocolScenarioTest {

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void serverAcknowledgesEachWindowOfReceivedBytes(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = new RtmpPair(split, controller, SessionConfig.defaults().withWindowAckSize(3000),
                SessionConfig.defaults().withWindowAckSize(5000));
        Steps.done(pair.connect());
        int id = Steps.publishing(pair, "cam1");
        for (int i = 0; i < 10; i++) {
            pair.client.sendMedia(id, Media.interFrame(i * 40, 2000));
        }
        pair.pump();

        long clientSent = pair.clientTransport.history().length;
        List<Acknowledgement> acks = WireTap.messages(pair.serverTransport, Acknowledgement.class);
        assertThat(acks).isNotEmpty();
        Acknowledgement last = acks.get(acks.size() - 1);
        assertThat(last.sequenceNumber()).isLessThanOrEqualTo(clientSent).isGreaterThan(clientSent - 5000);
        for (int i = 1; i < acks.size(); i++) {
            assertThat(acks.get(i).sequenceNumber() - acks.get(i - 1).sequenceNumber()).isGreaterThanOrEqualTo(5000);
        }
        if (split == RtmpPair.Split.ONE_BYTE) {
            assertThat(acks).allSatisfy(a -> assertThat(a.sequenceNumber() % 5000).isZero());
        }

        // The client acknowledges the server's 3000-byte window the same way.
        long serverSent = pair.serverTransport.history().length;
        List<Acknowledgement> clientAcks = WireTap.messages(pair.clientTransport, Acknowledgement.class);
        assertThat(clientAcks).isNotEmpty();
        assertThat(clientAcks.get(clientAcks.size() - 1).sequenceNumber()).isGreaterThan(serverSent - 3000);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void badPeerDataFoundByTheControllerClosesOnlyThatSessionAsAProtocolError(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = new RtmpPair(split, controller);
        Steps.done(pair.connect());
        int id = Steps.publishing(pair, "cam1");
        controller.throwOnMedia = new org.rtmp4j.amf.AmfException(7, "hostile AMF3 onMetaData");
        pair.client.sendMedia(id, Media.interFrame(0, 100));
        pair.pump();
        assertThat(pair.server.isClosed()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void pingRequestIsAnsweredAndMeasuresTheRoundTrip(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        assertThat(pair.server.lastRttMillis()).isEqualTo(-1);

        pair.advance(Duration.ofSeconds(30));
        pair.advance(Duration.ofMillis(250));
        pair.pump();

        assertThat(WireTap.messages(pair.serverTransport, UserControl.PingRequest.class)).hasSize(1);
        assertThat(WireTap.messages(pair.clientTransport, UserControl.PingResponse.class)).hasSize(1);
        assertThat(pair.server.lastRttMillis()).isEqualTo(250);

        // A peer that keeps sending is not pinged.
        for (int i = 0; i < 10; i++) {
            pair.advance(Duration.ofSeconds(20));
            pair.client.send(new UserControl.PingRequest(i));
            pair.pump();
        }
        assertThat(WireTap.messages(pair.serverTransport, UserControl.PingRequest.class)).hasSize(1);

        // The server answers the client's ping with the same timestamp.
        pair.client.send(new UserControl.PingRequest(123_456));
        pair.pump();
        assertThat(WireTap.messages(pair.serverTransport, UserControl.PingResponse.class))
                .endsWith(new UserControl.PingResponse(123_456));
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void malformedAmfAfterTheHandshakeClosesWithAProtocolError(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        // fmt 0, csid 3, timestamp 0, length 4, type 20 (AMF0 command), stream id 0; body: bad AMF0 markers
        byte[] garbage = {0x03, 0, 0, 0, 0, 0, 4, 20, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};

        pair.feedServer(ByteBuffer.wrap(garbage));

        assertThat(pair.server.isClosed()).isTrue();
        assertThat(pair.serverTransport.isClosed()).isTrue();
        assertThat(controller.closes).singleElement().isInstanceOf(RtmpProtocolException.class);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void declaredMessageLengthOverTheLimitClosesNamingTheOffset(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        SessionConfig small = SessionConfig.defaults().withChunkLimits(new ChunkLimits(4096, 1 << 24, 64, 1 << 20));
        RtmpPair pair = new RtmpPair(split, controller, small, SessionConfig.defaults());
        Steps.done(pair.connect());
        int id = Steps.publishing(pair, "cam1");

        pair.client.sendMedia(id, Media.keyframe(0, 5000));
        pair.pump();

        assertThat(controller.media).isEmpty();
        assertThat(pair.server.isClosed()).isTrue();
        assertThat(controller.closes).singleElement().isInstanceOfSatisfying(RtmpProtocolException.class,
                e -> {
                    assertThat(e.offset()).isPositive();
                    assertThat(e.getMessage()).contains("offset");
                });
        assertThat(controller.unpublishes).hasSize(1);
        assertThat(pair.listener.closeCount).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void httpRequestInsteadOfAHandshakeClosesWithAHandshakeError(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = new RtmpPair(split, controller);

        pair.feedServer(ByteBuffer.wrap("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));

        assertThat(pair.server.isClosed()).isTrue();
        assertThat(pair.serverTransport.isClosed()).isTrue();
        assertThat(pair.serverTransport.history()).isEmpty();
        assertThat(controller.opens).isEmpty(); // no controller before the handshake completes
        assertThat(controller.closes).isEmpty();
    }

    @Test
    void handshakeDeadlineIsNotExtendedByTricklingBytes() {
        RecordingController controller = new RecordingController();
        RtmpPair pair = new RtmpPair(RtmpPair.Split.ONE_BYTE, controller);
        pair.client.start();
        ByteBuffer c0c1 = pair.clientTransport.drain();

        // One byte every 10 ms: 1000 bytes in 10 s, short of C0+C1.
        int fed = 0;
        while (pair.nowNanos() < Duration.ofSeconds(10).toNanos() - Duration.ofMillis(10).toNanos()) {
            pair.advance(Duration.ofMillis(10));
            pair.server.onBytes(ByteBuffer.wrap(new byte[] {c0c1.get()}));
            fed++;
            assertThat(pair.server.isClosed()).as("open at byte %d", fed).isFalse();
        }
        pair.advance(Duration.ofMillis(10));

        assertThat(pair.server.isClosed()).isTrue();
        assertThat(pair.serverTransport.isClosed()).isTrue();
        assertThat(controller.opens).isEmpty();
    }

    @Test
    void idleSessionIsClosed() {
        RecordingController controller = new RecordingController();
        SessionConfig noPing = SessionConfig.defaults()
                .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ZERO);
        RtmpPair pair = new RtmpPair(RtmpPair.Split.WHOLE, controller, noPing, SessionConfig.defaults());
        Steps.done(pair.connect());

        pair.advance(Duration.ofSeconds(50));
        pair.client.send(new UserControl.PingRequest(1));
        pair.pump(); // bytes received at t=50 s restart the idle deadline
        pair.advance(Duration.ofSeconds(59));
        assertThat(pair.server.isClosed()).isFalse();
        pair.advance(Duration.ofSeconds(1));

        assertThat(pair.server.isClosed()).isTrue();
        assertThat(controller.closes).singleElement().isInstanceOf(TimeoutException.class);
    }

    @Test
    void connectDeadlineClosesAPeerThatNeverConnects() {
        RecordingController controller = new RecordingController();
        RtmpPair pair = new RtmpPair(RtmpPair.Split.WHOLE, controller);
        pair.client.start();
        pair.pump();
        assertThat(controller.opens).hasSize(1);

        pair.advance(Duration.ofSeconds(19));
        assertThat(pair.server.isClosed()).isFalse();
        pair.advance(Duration.ofSeconds(1));

        assertThat(pair.server.isClosed()).isTrue();
        assertThat(controller.closes).singleElement().isInstanceOf(TimeoutException.class);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void unknownCommandIsAnsweredWithCallFailedEchoingTheTransactionId(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);

        pair.client.send(TestCommands.command(0, "doSomethingOdd", 42, null, "x"));
        pair.pump();

        assertThat(controller.commands).extracting(CommandMessage::name).containsExactly("doSomethingOdd");
        assertThat(pair.listener.commands).filteredOn(c -> c.name().equals("_error")).singleElement()
                .satisfies(c -> {
                    assertThat(c.transactionId()).isEqualTo(42.0);
                    assertThat(Steps.map(c.argument(0))).containsEntry("code", StatusCodes.CALL_FAILED);
                });
        assertThat(pair.server.isClosed()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void legacyCallsAreAnsweredByTheLibraryNotTheController(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);

        pair.client.send(TestCommands.command(0, "_checkbw", 30, null));
        pair.client.send(TestCommands.command(0, "FCSubscribe", 31, null, "cam1"));
        pair.client.send(TestCommands.command(0, "getStreamLength", 32, null, "cam1"));
        pair.pump();

        assertThat(controller.commands).isEmpty();
        assertThat(pair.listener.commands).filteredOn(c -> c.name().equals("_result"))
                .extracting(CommandMessage::transactionId).containsExactly(30.0, 31.0, 32.0);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void controllerExceptionClosesOnlyItsSession(RtmpPair.Split split) {
        RecordingController failing = new RecordingController();
        failing.throwOnPublish = new IllegalStateException("boom");
        RtmpPair bad = Steps.connected(split, failing);
        RecordingController fine = new RecordingController();
        RtmpPair good = Steps.connected(split, fine);

        int badId = Steps.createStream(bad);
        bad.client.publish(badId, "x", org.rtmp4j.core.command.PublishType.LIVE);
        bad.pump();
        int goodId = Steps.publishing(good, "y");
        good.client.sendMedia(goodId, Media.keyframe(0, 100));
        good.pump();

        assertThat(bad.server.isClosed()).isTrue();
        assertThat(failing.closes).singleElement().isInstanceOf(IllegalStateException.class);
        assertThat(bad.listener.closeCount).isEqualTo(1);
        assertThat(good.server.isClosed()).isFalse();
        assertThat(fine.media).hasSize(1);
    }
}
