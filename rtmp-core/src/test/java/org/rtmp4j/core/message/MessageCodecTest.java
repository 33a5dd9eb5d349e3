package org.rtmp4j.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rtmp4j.core.message.Bytes.hex;
import static org.rtmp4j.core.message.Bytes.raw;
import static org.rtmp4j.core.message.Bytes.toHex;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtmp4j.amf.AmfEcmaArray;
import org.rtmp4j.amf.AmfException;
import org.rtmp4j.amf.AmfUndefined;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.chunk.RawMessage;

/** Media, pass-through and AMF-bodied messages through {@link MessageCodec} (RTMP 1.0 §7.1). */
class MessageCodecTest {
    /** {@code "_result", 1.0, null, "ok"} in AMF0, written by hand. */
    static final String RESULT_BODY = "02 00 07 5f 72 65 73 75 6c 74 00 3f f0 00 00 00 00 00 00 05 02 00 02 6f 6b";

    @Test
    void audioDecodeSharesThePayloadWithoutCopying() {
        RawMessage raw = raw(8, 1000, 1, hex("af 01 21 00"));
        AudioMessage audio = (AudioMessage) MessageCodec.decode(raw);
        assertThat(audio.payload()).isEqualTo(raw.payload());
        assertThat(audio.timestamp()).isEqualTo(1000);
        assertThat(audio.streamId()).isEqualTo(1);
        assertThat(MessageCodec.encode(audio).payload()).isEqualTo(raw.payload());
    }

    @Test
    void videoDecodeSharesThePayloadWithoutCopying() {
        byte[] backing = hex("17 00 00 00 00 01 64 00 1f");
        RawMessage raw = new RawMessage(9, -5, 7, ByteBuffer.wrap(backing).asReadOnlyBuffer());
        VideoMessage video = (VideoMessage) MessageCodec.decode(raw);
        assertThat(video.payload()).isEqualTo(raw.payload());
        RawMessage encoded = MessageCodec.encode(video);
        assertThat(encoded).isEqualTo(raw);
        // the bytes really are shared: a change to the backing array is visible through the message
        // and through its encoding
        backing[1] = 0x01;
        assertThat(video.payload().get(1)).isEqualTo((byte) 0x01);
        assertThat(encoded.payload().get(1)).isEqualTo((byte) 0x01);
    }

    @Test
    void everyPayloadCallIsAnIndependentReadOnlyViewOfTheSameBytes() {
        byte[] backing = hex("00 00 17 01 02 03 04 ff");
        ByteBuffer published = ByteBuffer.wrap(backing, 2, 5); // position 2, limit 7
        for (MediaMessage m : new MediaMessage[] {new VideoMessage(0, 1, published), new AudioMessage(0, 1, published)}) {
            ByteBuffer first = m.payload();
            assertThat(first.isReadOnly()).isTrue();
            first.get();
            first.get();
            first.limit(first.position() + 1);
            ByteBuffer second = m.payload();
            assertThat(second).isNotSameAs(first);
            assertThat(second.position()).isEqualTo(2);
            assertThat(second.limit()).isEqualTo(7);
            assertThat(m.size()).isEqualTo(5);
            assertThat(m.withStreamId(3).payload()).isEqualTo(second);
            assertThat(MessageCodec.encode(m).payload().remaining()).isEqualTo(5);
        }
        backing[3] = 0x11; // shared, not copied
        assertThat(new VideoMessage(0, 1, published).payload().get(3)).isEqualTo((byte) 0x11);
    }

    @Test
    void encodingMediaWithAWritablePayloadSharesTheBytesButIsReadOnly() {
        byte[] backing = hex("af 01");
        AudioMessage audio = new AudioMessage(0, 1, ByteBuffer.wrap(backing));
        RawMessage raw = MessageCodec.encode(audio);
        assertThat(raw.payload().isReadOnly()).isTrue();
        backing[1] = 0x00;
        assertThat(raw.payload().get(1)).isZero();
    }

    @Test
    void sharedObjectAggregateAndUnknownPassThroughUnchanged() {
        for (int type : new int[] {16, 19, 22, 7, 21, 200}) {
            RawMessage raw = raw(type, 42, 3, hex("01 02 03"));
            RtmpMessage m = MessageCodec.decode(raw);
            assertThat(m.timestamp()).isEqualTo(42);
            assertThat(m.streamId()).isEqualTo(3);
            RawMessage back = MessageCodec.encode(m);
            assertThat(back.typeId()).isEqualTo(type);
            assertThat(back.payload()).isSameAs(raw.payload());
        }
        assertThat(MessageCodec.decode(raw(19, "00"))).isInstanceOf(SharedObjectMessage.class)
                .extracting(RtmpMessage::type).isEqualTo(MessageType.SHARED_OBJECT_AMF0);
        assertThat(MessageCodec.decode(raw(16, "00"))).extracting(RtmpMessage::type)
                .isEqualTo(MessageType.SHARED_OBJECT_AMF3);
        assertThat(MessageCodec.decode(raw(22, ""))).isInstanceOf(AggregateMessage.class);
        assertThat(MessageCodec.decode(raw(7, ""))).isInstanceOf(UnknownMessage.class);
    }

    @Test
    void decodesAHandWrittenAmf0Command() {
        CommandMessage c = (CommandMessage) MessageCodec.decode(new RawMessage(20, 0, 1, Bytes.buf(RESULT_BODY)));
        assertThat(c.name()).isEqualTo("_result");
        assertThat(c.transactionId()).isEqualTo(1.0);
        assertThat(c.commandObject()).isNull();
        assertThat(c.arguments()).containsExactly("ok");
        assertThat(c.streamId()).isEqualTo(1);
        assertThat(c.encoding()).isEqualTo(AmfEncoding.AMF0);
    }

    @Test
    void encodesACommandToTheHandWrittenBytes() {
        CommandMessage c = new CommandMessage(0, "_result", 1.0, null, List.of("ok"));
        RawMessage raw = MessageCodec.encode(c);
        assertThat(raw.typeId()).isEqualTo(20);
        assertThat(raw.payload().isReadOnly()).isTrue();
        assertThat(toHex(raw.payload())).isEqualTo(RESULT_BODY);
    }

    @Test
    void amf3CommandSkipsTheFormatByteAndIsReEncodedWithIt() {
        CommandMessage c = (CommandMessage) MessageCodec.decode(raw(17, "00 " + RESULT_BODY));
        assertThat(c.encoding()).isEqualTo(AmfEncoding.AMF3);
        assertThat(c.type()).isEqualTo(MessageType.COMMAND_AMF3);
        assertThat(c.name()).isEqualTo("_result");
        assertThat(c.arguments()).containsExactly("ok");
        RawMessage back = MessageCodec.encode(c);
        assertThat(back.typeId()).isEqualTo(17);
        assertThat(toHex(back.payload())).isEqualTo("00 " + RESULT_BODY);
    }

    @Test
    void amf3BodyWithoutTheZeroFormatByteIsRejected() {
        assertThatThrownBy(() -> MessageCodec.decode(raw(17, RESULT_BODY)))
                .isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("command (AMF3) message")
                .hasMessageContaining("format byte");
        assertThatThrownBy(() -> MessageCodec.decode(raw(15, "")))
                .isInstanceOf(RtmpProtocolException.class);
    }

    @Test
    void commandRoundTripKeepsEveryField() {
        Map<String, Object> obj = new LinkedHashMap<>();
        obj.put("app", "live");
        obj.put("n", 3.5);
        obj.put("nested", new LinkedHashMap<>(Map.of("k", true)));
        CommandMessage c = new CommandMessage(0, 5, AmfEncoding.AMF0, "call", 7.0, obj,
                Arrays.asList("a", null, 2.0, List.of("x", "y"), AmfUndefined.INSTANCE));
        assertThat(MessageCodec.decode(MessageCodec.encode(c))).isEqualTo(c);
        CommandMessage amf3 = new CommandMessage(9, 5, AmfEncoding.AMF3, "call", 7.0, null, List.of());
        RtmpMessage back = MessageCodec.decode(MessageCodec.encode(amf3));
        assertThat(back).isEqualTo(amf3);
    }

    @Test
    void dataRoundTripForAmf0AndAmf3() {
        AmfEcmaArray meta = new AmfEcmaArray();
        meta.put("width", 1280.0);
        meta.put("videocodecid", "avc1");
        for (AmfEncoding enc : AmfEncoding.values()) {
            DataMessage d = new DataMessage(33, 1, enc, List.of("@setDataFrame", "onMetaData", meta));
            RawMessage raw = MessageCodec.encode(d);
            assertThat(raw.typeId()).isEqualTo(enc == AmfEncoding.AMF0 ? 18 : 15);
            assertThat(raw.timestamp()).isEqualTo(33);
            DataMessage back = (DataMessage) MessageCodec.decode(raw);
            assertThat(back).isEqualTo(d);
            assertThat(back.values().get(2)).isInstanceOf(AmfEcmaArray.class);
            assertThat(back.name()).isEqualTo("@setDataFrame");
        }
    }

    @Test
    void anAmf3ValueAfterTheAvmPlusMarkerDecodesAsOneAmf3Value() {
        // 0x00 format byte, "ab", 1.0, then AVM+ (0x11) followed by AMF3 null (0x01), then AMF3 string "x"
        CommandMessage c = (CommandMessage) MessageCodec.decode(
                raw(17, "00 02 00 02 61 62 00 3f f0 00 00 00 00 00 00 11 01 11 06 03 78"));
        assertThat(c.name()).isEqualTo("ab");
        assertThat(c.commandObject()).isNull();
        assertThat(c.arguments()).containsExactly("x");
    }

    @Test
    void aTruncatedAmf3ValueAfterTheAvmPlusMarkerIsAProtocolError() {
        assertThatThrownBy(() -> MessageCodec.decode(raw(17, "00 02 00 02 61 62 00 3f f0 00 00 00 00 00 00 11 06 09 78")))
                .isInstanceOf(RtmpProtocolException.class)
                .hasMessageStartingWith("command (AMF3) message: ")
                .hasCauseInstanceOf(AmfException.class);
    }

    @Test
    void commandWithOnlyANameHasTransactionIdZero() {
        // ffmpeg -listen sends onFCPublish as the bare name: 02 00 0b "onFCPublish"
        CommandMessage c = (CommandMessage) MessageCodec.decode(raw(20, "02 00 0b 6f 6e 46 43 50 75 62 6c 69 73 68"));
        assertThat(c.name()).isEqualTo("onFCPublish");
        assertThat(c.transactionId()).isZero();
        assertThat(c.commandObject()).isNull();
        assertThat(c.arguments()).isEmpty();
    }

    @Test
    void emptyDataMessageHasNoValues() {
        DataMessage d = (DataMessage) MessageCodec.decode(raw(18, ""));
        assertThat(d.values()).isEmpty();
        assertThat(d.name()).isNull();
    }

    @Test
    void commandWhoseNameIsNotAStringIsRejected() {
        // 1.0, 1.0
        assertThatThrownBy(() -> MessageCodec.decode(raw(20, "00 3f f0 00 00 00 00 00 00 00 3f f0 00 00 00 00 00 00")))
                .isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("command message")
                .hasMessageContaining("expected a string");
    }

    @Test
    void commandWhoseTransactionIdIsNotANumberIsRejected() {
        // "ab", "cd"
        assertThatThrownBy(() -> MessageCodec.decode(raw(20, "02 00 02 61 62 02 00 02 63 64")))
                .isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("transaction id");
        assertThatThrownBy(() -> MessageCodec.decode(raw(20, "")))
                .isInstanceOf(RtmpProtocolException.class);
    }

    @Test
    void commandWithoutCommandObjectHasNullAndNoArguments() {
        CommandMessage c = (CommandMessage) MessageCodec.decode(raw(20, "02 00 02 61 62 00 40 00 00 00 00 00 00 00"));
        assertThat(c.name()).isEqualTo("ab");
        assertThat(c.transactionId()).isEqualTo(2.0);
        assertThat(c.commandObject()).isNull();
        assertThat(c.arguments()).isEmpty();
    }

    @Test
    void amfErrorsAreWrappedWithTheAmfExceptionAsCause() {
        // string declares 0x10 bytes, 2 present
        assertThatThrownBy(() -> MessageCodec.decode(raw(18, "02 00 10 61 62")))
                .isInstanceOf(RtmpProtocolException.class)
                .hasMessageStartingWith("data message: ")
                .hasCauseInstanceOf(AmfException.class);
    }

    @Test
    void everyTypedMessageRoundTripsThroughEncodeAndDecode() {
        List<RtmpMessage> all = List.of(
                new SetChunkSize(128),
                new Abort(3),
                new Acknowledgement(123_456),
                new WindowAckSize(5_000_000),
                new SetPeerBandwidth(5_000_000, SetPeerBandwidth.LimitType.DYNAMIC),
                new UserControl.StreamBegin(1),
                new UserControl.StreamEof(1),
                new UserControl.StreamDry(1),
                new UserControl.SetBufferLength(1, 100),
                new UserControl.StreamIsRecorded(1),
                new UserControl.PingRequest(99),
                new UserControl.PingResponse(99),
                new CommandMessage(1, "play", 0, null, List.of("cam")),
                new DataMessage(0, 1, AmfEncoding.AMF0, List.of("onTextData", Map.of("text", "hi"))));
        for (RtmpMessage m : all) {
            assertThat(MessageCodec.decode(MessageCodec.encode(m))).as(m.toString()).isEqualTo(m);
        }
        List<RtmpMessage> shared = List.of(
                new AudioMessage(1, 1, Bytes.buf("af 01")),
                new VideoMessage(1, 1, Bytes.buf("27 01")),
                new SharedObjectMessage(1, 1, AmfEncoding.AMF0, Bytes.buf("00")),
                new AggregateMessage(1, 1, Bytes.buf("")),
                new UnknownMessage(raw(30, "01")),
                new UserControl.UnknownUserControl(31, Bytes.buf("01 02")));
        for (RtmpMessage m : shared) {
            RtmpMessage back = MessageCodec.decode(MessageCodec.encode(m));
            assertThat(back.getClass()).isEqualTo(m.getClass());
            assertThat(back.type()).isEqualTo(m.type());
            assertThat(back.timestamp()).isEqualTo(m.timestamp());
            assertThat(back.streamId()).isEqualTo(m.streamId());
            assertThat(toHex(MessageCodec.encode(back).payload())).isEqualTo(toHex(MessageCodec.encode(m).payload()));
        }
    }
}
