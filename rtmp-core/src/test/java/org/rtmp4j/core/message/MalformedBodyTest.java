package org.rtmp4j.core.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.rtmp4j.amf.AmfEcmaArray;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.chunk.RawMessage;

/** Hostile bodies: decoding throws nothing but {@link RtmpProtocolException}. */
class MalformedBodyTest {

    private static List<RawMessage> goldenMessages() {
        List<RawMessage> all = new ArrayList<>();
        all.add(Bytes.raw(1, "00 00 10 00"));
        all.add(Bytes.raw(2, "00 00 00 05"));
        all.add(Bytes.raw(3, "00 01 00 00"));
        all.add(Bytes.raw(5, "00 26 25 a0"));
        all.add(Bytes.raw(6, "00 26 25 a0 02"));
        all.add(Bytes.raw(4, "00 00 00 00 00 01"));
        all.add(Bytes.raw(4, "00 03 00 00 00 01 00 00 0b b8"));
        all.add(Bytes.raw(4, "00 06 12 34 56 78"));
        all.add(Bytes.raw(20, MessageCodecTest.RESULT_BODY));
        all.add(Bytes.raw(17, "00 " + MessageCodecTest.RESULT_BODY));
        all.add(Bytes.raw(22, AggregateSplitTest.BODY));
        Map<String, Object> connect = new LinkedHashMap<>();
        connect.put("app", "live");
        connect.put("tcUrl", "rtmp://127.0.0.1:1935/live");
        connect.put("fourCcList", List.of("av01", "*"));
        all.add(MessageCodec.encode(new CommandMessage(0, "connect", 1, connect, List.of(true))));
        AmfEcmaArray meta = new AmfEcmaArray();
        meta.put("duration", 0.0);
        meta.put("encoder", "Lavf60");
        all.add(MessageCodec.encode(new DataMessage(0, 1, AmfEncoding.AMF0, List.of("@setDataFrame", "onMetaData", meta))));
        all.add(MessageCodec.encode(new DataMessage(0, 1, AmfEncoding.AMF3, List.of("onCuePoint", meta))));
        return all;
    }

    @Test
    void everyTruncationOfEveryGoldenBodyDecodesOrThrowsOnlyRtmpProtocolException() {
        for (RawMessage golden : goldenMessages()) {
            byte[] full = Bytes.toArray(golden.payload());
            for (int len = 0; len < full.length; len++) {
                RawMessage cut = new RawMessage(golden.typeId(), 0, 0,
                        ByteBuffer.wrap(full, 0, len).slice().asReadOnlyBuffer());
                Throwable t = catchThrowable(() -> decodeFully(cut));
                if (t != null) {
                    assertThat(t).as("type %d cut at %d", golden.typeId(), len).isInstanceOf(RtmpProtocolException.class);
                    assertThat(t.getMessage()).as("type %d cut at %d", golden.typeId(), len).contains(" message: ");
                }
            }
        }
    }

    @Test
    void truncatedFixedLayoutAndCommandBodiesAlwaysFail() {
        for (RawMessage golden : goldenMessages()) {
            if (golden.typeId() > 6 && golden.typeId() != 20 && golden.typeId() != 17) {
                continue;
            }
            byte[] full = Bytes.toArray(golden.payload());
            // fixed layouts fail below their full length; commands need a name ("_result" and
            // "connect" both take 10 bytes) and a transaction id (9 bytes), after any format byte
            int minimum = golden.typeId() <= 6 ? full.length : (golden.typeId() == 17 ? 1 : 0) + 19;
            int formatByte = golden.typeId() == 17 ? 1 : 0;
            // a bare command name (no transaction id) is accepted as transaction id 0 (ffmpeg -listen)
            int nameOnly = golden.typeId() >= 17
                    ? formatByte + 3 + (((full[formatByte + 1] & 0xFF) << 8) | (full[formatByte + 2] & 0xFF))
                    : -1;
            for (int len = 0; len < minimum; len++) {
                if (len == nameOnly) {
                    continue;
                }
                RawMessage cut = new RawMessage(golden.typeId(), 0, 0, ByteBuffer.wrap(full, 0, len).slice());
                assertThat(catchThrowable(() -> MessageCodec.decode(cut)))
                        .as("type %d cut at %d", golden.typeId(), len)
                        .isInstanceOf(RtmpProtocolException.class);
            }
        }
    }

    @Test
    void randomCorruptionOfGoldenBodiesThrowsOnlyRtmpProtocolException() {
        Random random = new Random(20121221);
        for (RawMessage golden : goldenMessages()) {
            byte[] full = Bytes.toArray(golden.payload());
            for (int round = 0; round < 500; round++) {
                byte[] bad = full.clone();
                int flips = 1 + random.nextInt(3);
                for (int i = 0; i < flips && bad.length > 0; i++) {
                    bad[random.nextInt(bad.length)] = (byte) random.nextInt(256);
                }
                RawMessage raw = Bytes.raw(golden.typeId(), 0, 1, bad);
                Throwable t = catchThrowable(() -> decodeFully(raw));
                if (t != null) {
                    assertThat(t).as("type %d round %d", golden.typeId(), round).isInstanceOf(RtmpProtocolException.class);
                }
            }
        }
    }

    private static void decodeFully(RawMessage raw) {
        RtmpMessage m = MessageCodec.decode(raw);
        if (m instanceof AggregateMessage a) {
            a.split();
        }
    }
}
