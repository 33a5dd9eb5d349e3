package org.rtmp4j.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rtmp4j.core.message.Bytes.hex;
import static org.rtmp4j.core.message.Bytes.toHex;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.RtmpProtocolException;

/** Aggregate message splitting (RTMP 1.0 §7.1.6). */
class AggregateSplitTest {
    /**
     * Two sub-messages: video at ts 0x01000010 (extended byte 0x01) with 3 data bytes on stream 1,
     * then audio at ts 0x01000030 with 2 data bytes; each followed by a back pointer (11 + size).
     */
    static final String BODY = "09 00 00 03 00 00 10 01 00 00 01  17 01 02  00 00 00 0e"
            + " 08 00 00 02 00 00 30 01 00 00 01  af 01  00 00 00 0d";

    @Test
    void splitsTwoSubMessagesAndRebasesTheirTimestampsOntoTheAggregate() {
        AggregateMessage agg = new AggregateMessage(5000, 7, Bytes.buf(BODY));
        List<RtmpMessage> parts = agg.split();
        assertThat(parts).hasSize(2);

        VideoMessage v = (VideoMessage) parts.get(0);
        assertThat(v.timestamp()).isEqualTo(5000);
        assertThat(v.streamId()).isEqualTo(7);
        assertThat(toHex(v.payload())).isEqualTo("17 01 02");
        assertThat(v.payload().isReadOnly()).isTrue();

        AudioMessage a = (AudioMessage) parts.get(1);
        assertThat(a.timestamp()).isEqualTo(5000 + 0x20);
        assertThat(a.streamId()).isEqualTo(7);
        assertThat(toHex(a.payload())).isEqualTo("af 01");
    }

    @Test
    void subMessageBodiesAreSlicesOfTheAggregateNotCopies() {
        byte[] backing = hex(BODY);
        AggregateMessage agg = new AggregateMessage(0, 1, ByteBuffer.wrap(backing).asReadOnlyBuffer());
        VideoMessage v = (VideoMessage) agg.split().get(0);
        backing[12] = 0x55;
        assertThat(v.payload().get(1)).isEqualTo((byte) 0x55);
    }

    @Test
    void rebasingWrapsModulo2To32() {
        AggregateMessage agg = new AggregateMessage(-10, 1, Bytes.buf(BODY));
        List<RtmpMessage> parts = MessageCodec.splitAggregate(agg);
        assertThat(parts.get(0).timestamp()).isEqualTo(-10);
        assertThat(parts.get(1).timestamp()).isEqualTo(22);
    }

    @Test
    void decodedFromTheWireAndSplit() {
        RtmpMessage m = MessageCodec.decode(Bytes.raw(22, 100, 1, hex(BODY)));
        assertThat(((AggregateMessage) m).split()).extracting(RtmpMessage::timestamp).containsExactly(100, 132);
    }

    @Test
    void aMissingBackPointerAfterTheLastSubMessageIsTolerated() {
        String body = BODY.substring(0, BODY.length() - " 00 00 00 0d".length());
        assertThat(new AggregateMessage(0, 1, Bytes.buf(body)).split()).hasSize(2);
    }

    @Test
    void emptyAggregateHasNoSubMessages() {
        assertThat(new AggregateMessage(0, 1, Bytes.buf("")).split()).isEmpty();
    }

    @Test
    void truncationAtEveryOffsetIsAProtocolErrorOrAValidPrefix() {
        byte[] full = hex(BODY);
        for (int len = 0; len < full.length; len++) {
            ByteBuffer cut = ByteBuffer.wrap(full, 0, len).slice().asReadOnlyBuffer();
            AggregateMessage agg = new AggregateMessage(0, 1, cut);
            boolean validPrefix = len == 0 || len == 14 || len == 18 || len == 31;
            if (validPrefix) {
                assertThat(agg.split()).as("length %d", len).hasSizeLessThanOrEqualTo(2);
            } else {
                assertThatThrownBy(agg::split).as("length %d", len)
                        .isInstanceOf(RtmpProtocolException.class)
                        .hasMessageStartingWith("aggregate message: ");
            }
        }
    }

    @Test
    void aMalformedSubMessageNamesItsOffsetInTheAggregate() {
        // second sub-message is a set chunk size with the top bit set
        String body = "08 00 00 01 00 00 00 00 00 00 01 af 00 00 00 0c"
                + " 01 00 00 04 00 00 00 00 00 00 00 80 00 00 00 00 00 00 0f";
        assertThatThrownBy(() -> new AggregateMessage(0, 1, Bytes.buf(body)).split())
                .isInstanceOf(RtmpProtocolException.class)
                .hasMessageContaining("sub-message at body offset 16")
                .hasCauseInstanceOf(RtmpProtocolException.class);
    }

    /**
     * Three sub-messages of mixed types on sub-message stream id 9, timestamps with the extended
     * byte 0x01: audio at 0x010003E8 (2 data bytes), video at 0x010003E8 (3 bytes), AMF0 data
     * {@code "onTextData", "hi"} at 0x01000410 (18 bytes), each followed by its back pointer.
     */
    static final String MIXED = "08 00 00 02 00 03 e8 01 00 00 09  af 01  00 00 00 0d"
            + " 09 00 00 03 00 03 e8 01 00 00 09  17 01 00  00 00 00 0e"
            + " 12 00 00 12 00 04 10 01 00 00 09  02 00 0a 6f 6e 54 65 78 74 44 61 74 61 02 00 02 68 69  00 00 00 1d";

    @Test
    void splitsThreeMixedSubMessagesRebasingTimestampsByTheOffsetToTheFirst() {
        assertThat(hex("02 00 0a 6f 6e 54 65 78 74 44 61 74 61 02 00 02 68 69"))
                .isEqualTo(new org.rtmp4j.amf.Amf0Writer().write("onTextData").write("hi").toByteArray());
        // RTMP 1.0 §7.1.6: offset = aggregate ts - first sub-message ts = 5000 - 0x010003E8, added to each
        RtmpMessage m = MessageCodec.decode(Bytes.raw(22, 5000, 3, hex(MIXED)));
        List<RtmpMessage> parts = ((AggregateMessage) m).split();
        assertThat(parts).extracting(RtmpMessage::type)
                .containsExactly(MessageType.AUDIO, MessageType.VIDEO, MessageType.DATA_AMF0);
        assertThat(parts).extracting(RtmpMessage::timestamp).containsExactly(5000, 5000, 5040);
        assertThat(parts).extracting(RtmpMessage::streamId).containsExactly(3, 3, 3);
        assertThat(toHex(((AudioMessage) parts.get(0)).payload())).isEqualTo("af 01");
        assertThat(toHex(((VideoMessage) parts.get(1)).payload())).isEqualTo("17 01 00");
        DataMessage d = (DataMessage) parts.get(2);
        assertThat(d.name()).isEqualTo("onTextData");
        assertThat(d.values()).containsExactly("onTextData", "hi");
    }

    @Test
    void anAggregateWhoseTimestampEqualsTheFirstSubMessageKeepsTheSubMessageTimestamps() {
        List<RtmpMessage> parts = new AggregateMessage(0x010003E8, 3, Bytes.buf(MIXED)).split();
        assertThat(parts).extracting(RtmpMessage::timestamp).containsExactly(0x010003E8, 0x010003E8, 0x01000410);
    }
}
