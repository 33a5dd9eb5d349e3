package org.rtmp4j.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.core.chunk.ChunkTestSupport.bytes;
import static org.rtmp4j.core.chunk.ChunkTestSupport.concat;
import static org.rtmp4j.core.chunk.ChunkTestSupport.decodeByteAtATime;
import static org.rtmp4j.core.chunk.ChunkTestSupport.decodeRandomSplits;
import static org.rtmp4j.core.chunk.ChunkTestSupport.decodeWhole;
import static org.rtmp4j.core.chunk.ChunkTestSupport.decoder;
import static org.rtmp4j.core.chunk.ChunkTestSupport.join;
import static org.rtmp4j.core.chunk.ChunkTestSupport.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Timestamps crossing 2^24 (the extended timestamp switch, RTMP 1.0 §5.3.1.3), 2^31 (the sign of
 * a Java int) and 2^32 (the wrap): the wire value stays 32-bit, the decoder's per chunk stream
 * timeline keeps counting.
 */
@Timeout(60)
class ChunkTimestampBoundaryTest {
    private static final long TWO_24 = 1L << 24;
    private static final long TWO_31 = 1L << 31;
    private static final long TWO_32 = 1L << 32;
    private static final int AUDIO_CSID = 4;
    private static final int VIDEO_CSID = 6;
    private static final int FRAMES = 20;

    /** One frame of audio and one of video per 40 ms, video bigger than a chunk (continuations). */
    private static List<RawMessage> frames(long start) {
        List<RawMessage> out = new ArrayList<>();
        for (int i = 0; i < FRAMES; i++) {
            long t = start + 40L * i;
            out.add(withTimeline(message(9, (int) t, 1, i == 0 ? 700 : 300 + i, i), t));
            out.add(withTimeline(message(8, (int) (t + 3), 1, 20, 1000 + i), t + 3));
        }
        return out;
    }

    private static RawMessage withTimeline(RawMessage m, long unwrapped) {
        return new RawMessage(m.typeId(), m.timestamp(), m.streamId(), m.payload(), unwrapped);
    }

    private static byte[] encode(List<RawMessage> messages, int chunkSize) {
        ChunkEncoder encoder = new ChunkEncoder();
        encoder.setChunkSize(chunkSize);
        List<ByteBuffer> out = new ArrayList<>();
        for (RawMessage m : messages) {
            encoder.encode(m, m.typeId() == 9 ? VIDEO_CSID : AUDIO_CSID, out);
        }
        return concat(out);
    }

    private static byte[] setChunkSizeWire(int size) {
        ByteBuffer b = ChunkEncoder.encodeStandalone(ChunkTestSupport.setChunkSize(size), 2, 128);
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }

    private static void assertDecodesAllWays(byte[] wire, List<RawMessage> expected) {
        assertThat(decodeWhole(decoder(), wire)).containsExactlyElementsOf(expected);
        assertThat(decodeByteAtATime(decoder(), wire)).containsExactlyElementsOf(expected);
        for (long seed = 0; seed < 5; seed++) {
            assertThat(decodeRandomSplits(decoder(), wire, seed, 23)).containsExactlyElementsOf(expected);
        }
    }

    @ParameterizedTest(name = "start {0} ms")
    @ValueSource(longs = {0, TWO_24 - 400, TWO_31 - 400, TWO_32 - 400})
    void framesAdvancingAcrossABoundaryKeepTheirWireTimestampAndAMonotonicTimeline(long start) {
        List<RawMessage> sent = frames(start);
        byte[] wire = encode(sent, 128);
        assertDecodesAllWays(wire, sent);
        List<RawMessage> got = decodeWhole(decoder(), wire);
        for (int i = 0; i < got.size(); i++) {
            assertThat(got.get(i).timestamp()).isEqualTo((int) got.get(i).unwrappedTimestamp());
        }
        assertThat(got.get(got.size() - 2).unwrappedTimestamp()).isEqualTo(start + 40L * (FRAMES - 1));
    }

    @Test
    void theWrapIsCrossedWithADeltaAndTheTimelinePassesTwoTo32() {
        List<RawMessage> sent = frames(TWO_32 - 400);
        byte[] wire = encode(sent, 128);
        List<RawMessage> got = decodeWhole(decoder(), wire);
        assertThat(got).extracting(RawMessage::unwrappedTimestamp).isSorted().contains(TWO_32, TWO_32 + 3);
        assertThat(got).filteredOn(m -> m.unwrappedTimestamp() == TWO_32).extracting(RawMessage::timestamp)
                .containsExactly(0);
    }

    @Test
    void encoderSwitchesToTheExtendedTimestampAtExactly0xFFFFFF() {
        ChunkEncoder encoder = new ChunkEncoder();
        List<ByteBuffer> below = new ArrayList<>();
        encoder.encodeType0(message(8, 0xFF_FFFE, 1, bytes(1, 1)), 5, below);
        assertThat(concat(below)).containsExactly(0x05, 0xFF, 0xFF, 0xFE, 0, 0, 2, 8, 1, 0, 0, 0, 1, 1);
        List<ByteBuffer> at = new ArrayList<>();
        encoder.encodeType0(message(8, 0xFF_FFFF, 1, bytes(2, 2)), 5, at);
        assertThat(concat(at)).containsExactly(0x05, 0xFF, 0xFF, 0xFF, 0, 0, 2, 8, 1, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 2, 2);
        // the next message crosses 2^24 with a small delta: no extended field on it or its continuations
        List<ByteBuffer> after = new ArrayList<>();
        encoder.setChunkSize(1);
        encoder.encode(message(8, 0x100_0027, 1, bytes(3, 4)), 5, after);
        assertThat(concat(after)).containsExactly(0x85, 0, 0, 0x28, 3, 0xC5, 4);
        List<RawMessage> decoded = new ArrayList<>();
        ChunkDecoder d = decoder();
        d.decode(ByteBuffer.wrap(join(concat(below), concat(at))), decoded::add);
        d.decode(ByteBuffer.wrap(join(setChunkSizeWire(1), concat(after))), decoded::add);
        assertThat(decoded).extracting(RawMessage::timestamp).containsExactly(0xFF_FFFE, 0xFF_FFFF, 0, 0x100_0027);
    }

    @Test
    void standaloneEncodingOfAWrappedTimestampUsesTheExtendedField() {
        ByteBuffer b = ChunkEncoder.encodeStandalone(message(9, 0xFFFF_FFD8, 1, bytes(7, 8)), 6, 1);
        byte[] all = new byte[b.remaining()];
        b.get(all);
        assertThat(all).containsExactly(0x06, 0xFF, 0xFF, 0xFF, 0, 0, 2, 9, 1, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xD8, 7,
                0xC6, 0xFF, 0xFF, 0xFF, 0xD8, 8);
        ChunkDecoder d = decoder();
        List<RawMessage> got = new ArrayList<>();
        d.decode(ByteBuffer.wrap(join(setChunkSizeWire(1), all)), got::add);
        assertThat(got.get(1).unwrappedTimestamp()).isEqualTo(0xFFFF_FFD8L);
    }

    @Test
    void aTypeZeroAfterTheWrapIsUnwrappedAgainstTheSameChunkStream() {
        ChunkEncoder encoder = new ChunkEncoder();
        List<ByteBuffer> out = new ArrayList<>();
        encoder.encode(message(9, 0xFFFF_FFE2, 1, bytes(1)), VIDEO_CSID, out); // 2^32 - 30
        encoder.encodeType0(message(9, 10, 1, bytes(2)), VIDEO_CSID, out); // absolute, after the wrap
        encoder.encodeType0(message(9, 0xFFFF_FFF0, 1, bytes(3)), VIDEO_CSID, out); // backwards across it
        encoder.encodeType0(message(9, 0x7FFF_FFEF, 1, bytes(4)), VIDEO_CSID, out); // 2^31 - 1 ahead
        assertThat(decodeWhole(decoder(), concat(out))).extracting(RawMessage::unwrappedTimestamp)
                .containsExactly(TWO_32 - 30, TWO_32 + 10, TWO_32 - 16, TWO_32 + TWO_31 - 17);
    }

    @Test
    void aChunkStreamStartingAfterTheWrapJoinsTheOtherChunkStreamsEpoch() {
        ChunkEncoder encoder = new ChunkEncoder();
        List<ByteBuffer> out = new ArrayList<>();
        encoder.encode(message(8, 0xFFFF_FFEC, 1, bytes(1)), AUDIO_CSID, out); // 2^32 - 20
        encoder.encode(message(9, 20, 1, bytes(2)), VIDEO_CSID, out); // first on its chunk stream: 2^32 + 20
        encoder.encode(message(20, 0, 0, bytes(5)), 3, out); // a command at 0 on a third one
        encoder.encode(message(8, 23, 1, bytes(3)), AUDIO_CSID, out);
        assertThat(decodeWhole(decoder(), concat(out))).extracting(RawMessage::unwrappedTimestamp)
                .containsExactly(TWO_32 - 20, TWO_32 + 20, TWO_32, TWO_32 + 23);
    }

    @Test
    void aTimestampBeyondTwoTo31InAFreshDecoderIsItsUnsignedValue() {
        byte[] wire = concat(List.of(ChunkEncoder.encodeStandalone(message(8, 0x8000_0000, 1, bytes(1)), 4, 128)));
        RawMessage m = decodeWhole(decoder(), wire).get(0);
        assertThat(m.timestamp()).isEqualTo(Integer.MIN_VALUE);
        assertThat(m.unwrappedTimestamp()).isEqualTo(TWO_31);
    }

    @Test
    void aRawMessageRefusesAnUnwrappedTimestampThatDisagreesWithTheWireValue() {
        ByteBuffer body = ByteBuffer.allocate(0);
        assertThat(new RawMessage(8, 5, 1, body).unwrappedTimestamp()).isEqualTo(5);
        assertThat(new RawMessage(8, -1, 1, body).unwrappedTimestamp()).isEqualTo(0xFFFF_FFFFL);
        assertThat(new RawMessage(8, 5, 1, body, TWO_32 + 5).timestamp()).isEqualTo(5);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RawMessage(8, 5, 1, body, 6))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new RawMessage(8, 0, 1, body, -TWO_32))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Arrays.asList(new RawMessage(8, 5, 1, body, 5))).containsExactly(new RawMessage(8, 5, 1, body));
    }
}
