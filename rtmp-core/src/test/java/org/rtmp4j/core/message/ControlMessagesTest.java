package org.rtmp4j.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rtmp4j.core.message.Bytes.raw;
import static org.rtmp4j.core.message.Bytes.toHex;

import java.nio.ByteBuffer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.chunk.RawMessage;

/** Golden byte vectors for protocol control (RTMP 1.0 §5.4) and user control (§7.1.7) messages. */
class ControlMessagesTest {

    static Stream<Arguments> goldenVectors() {
        return Stream.of(
                Arguments.of(1, "00 00 10 00", new SetChunkSize(4096)),
                Arguments.of(1, "7f ff ff ff", new SetChunkSize(Integer.MAX_VALUE)),
                Arguments.of(2, "00 00 00 05", new Abort(5)),
                Arguments.of(3, "ff ff ff fe", new Acknowledgement(0xFFFFFFFEL)),
                Arguments.of(5, "00 26 25 a0", new WindowAckSize(2_500_000)),
                Arguments.of(6, "00 26 25 a0 00", new SetPeerBandwidth(2_500_000, SetPeerBandwidth.LimitType.HARD)),
                Arguments.of(6, "00 26 25 a0 01", new SetPeerBandwidth(2_500_000, SetPeerBandwidth.LimitType.SOFT)),
                Arguments.of(6, "80 00 00 00 02", new SetPeerBandwidth(0x80000000L, SetPeerBandwidth.LimitType.DYNAMIC)),
                Arguments.of(4, "00 00 00 00 00 01", new UserControl.StreamBegin(1)),
                Arguments.of(4, "00 01 00 00 00 01", new UserControl.StreamEof(1)),
                Arguments.of(4, "00 02 00 00 00 02", new UserControl.StreamDry(2)),
                Arguments.of(4, "00 03 00 00 00 01 00 00 0b b8", new UserControl.SetBufferLength(1, 3000)),
                Arguments.of(4, "00 04 00 00 00 01", new UserControl.StreamIsRecorded(1)),
                Arguments.of(4, "00 06 12 34 56 78", new UserControl.PingRequest(0x12345678)),
                Arguments.of(4, "00 07 ff ff ff ff", new UserControl.PingResponse(-1)));
    }

    @ParameterizedTest(name = "type {0}: {1} <-> {2}")
    @MethodSource("goldenVectors")
    void decodesAndEncodesTheGoldenVector(int typeId, String hex, RtmpMessage expected) {
        RtmpMessage decoded = MessageCodec.decode(raw(typeId, hex));
        assertThat(decoded).isEqualTo(expected);
        assertThat(decoded.timestamp()).isZero();
        assertThat(decoded.streamId()).isZero();

        RawMessage encoded = MessageCodec.encode(expected);
        assertThat(encoded.typeId()).isEqualTo(typeId);
        assertThat(encoded.streamId()).isZero();
        assertThat(encoded.payload().isReadOnly()).isTrue();
        assertThat(toHex(encoded.payload())).isEqualTo(hex);
    }

    @Test
    void setChunkSizeWithTheTopBitSetIsRejected() {
        assertThatThrownBy(() -> MessageCodec.decode(raw(1, "80 00 10 00")))
                .isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("set chunk size message")
                .hasMessageContaining("top bit");
    }

    @Test
    void encodingAChunkSizeBelowOneIsRefused() {
        assertThatThrownBy(() -> MessageCodec.encode(new SetChunkSize(0)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MessageCodec.encode(new SetChunkSize(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setChunkSizeOfZeroIsRejected() {
        assertThatThrownBy(() -> MessageCodec.decode(raw(1, "00 00 00 00")))
                .isInstanceOf(RtmpProtocolException.class);
    }

    @Test
    void unknownUserControlEventKeepsItsDataAndRoundTrips() {
        RtmpMessage decoded = MessageCodec.decode(raw(4, "00 1a 01 02 03"));
        assertThat(decoded).isInstanceOf(UserControl.UnknownUserControl.class);
        UserControl.UnknownUserControl u = (UserControl.UnknownUserControl) decoded;
        assertThat(u.eventType()).isEqualTo(26);
        assertThat(toHex(u.data())).isEqualTo("01 02 03");
        assertThat(u.data().isReadOnly()).isTrue();
        assertThat(toHex(MessageCodec.encode(u).payload())).isEqualTo("00 1a 01 02 03");
    }

    @Test
    void userControlEventTypeIsUnsigned16Bit() {
        UserControl u = (UserControl) MessageCodec.decode(raw(4, "ff ff"));
        assertThat(u.eventType()).isEqualTo(0xFFFF);
    }

    @Test
    void trailingBytesAfterAFixedLayoutAreIgnored() {
        assertThat(MessageCodec.decode(raw(1, "00 00 10 00 ff"))).isEqualTo(new SetChunkSize(4096));
    }

    @Test
    void decodingDoesNotMoveThePayloadPosition() {
        ByteBuffer body = Bytes.buf("00 03 00 00 00 01 00 00 0b b8");
        MessageCodec.decode(new RawMessage(4, 0, 0, body));
        assertThat(body.position()).isZero();
    }

    @Test
    void decodingRespectsANonZeroPayloadPosition() {
        ByteBuffer body = Bytes.buf("ee ee 00 00 10 00");
        body.position(2);
        assertThat(MessageCodec.decode(new RawMessage(1, 0, 0, body))).isEqualTo(new SetChunkSize(4096));
    }

    static Stream<Arguments> shortBodies() {
        return Stream.of(
                Arguments.of(1, "00 00 10"),
                Arguments.of(2, ""),
                Arguments.of(3, "00"),
                Arguments.of(5, "00 26 25"),
                Arguments.of(6, "00 26 25 a0"),
                Arguments.of(4, "00"),
                Arguments.of(4, "00 00 00 00 01"),
                Arguments.of(4, "00 03 00 00 00 01 00 00 0b"),
                Arguments.of(4, "00 06"));
    }

    @ParameterizedTest(name = "type {0}: {1}")
    @MethodSource("shortBodies")
    void shortBodiesAreRejectedWithTheTypeAndReason(int typeId, String hex) {
        assertThatThrownBy(() -> MessageCodec.decode(raw(typeId, hex)))
                .isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining(" message: ")
                .hasMessageContaining("truncated")
                .satisfies(e -> assertThat(((RtmpProtocolException) e).offset()).isEqualTo(-1));
    }

    @Test
    void aPingRequestIsAnsweredWithTheSameTimestamp() {
        UserControl.PingRequest ping = (UserControl.PingRequest) MessageCodec.decode(raw(4, "00 06 80 00 00 01"));
        UserControl.PingResponse pong = ping.response();
        assertThat(pong.pingTimestamp()).isEqualTo(0x80000001);
        assertThat(toHex(MessageCodec.encode(pong).payload())).isEqualTo("00 07 80 00 00 01");
    }

    @Test
    void everyUserControlEventTypeOfRtmp1HasItsOwnRecord() {
        // RTMP 1.0 §7.1.7: events 0-4, 6, 7 (5 is unused); each decodes to a typed record with that event type
        for (String hex : new String[] {"00 00", "00 01", "00 02", "00 03", "00 04", "00 06", "00 07"}) {
            String body = hex + " 00 00 00 01" + (hex.equals("00 03") ? " 00 00 00 64" : "");
            UserControl u = (UserControl) MessageCodec.decode(raw(4, body));
            assertThat(u).isNotInstanceOf(UserControl.UnknownUserControl.class);
            assertThat(u.eventType()).isEqualTo(Integer.parseInt(hex.replace(" ", ""), 16));
            assertThat(toHex(MessageCodec.encode(u).payload())).isEqualTo(body);
        }
        assertThat(MessageCodec.decode(raw(4, "00 05 00 00 00 01"))).isInstanceOf(UserControl.UnknownUserControl.class);
    }
}
