package org.rtmp4j.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rtmp4j.core.chunk.ChunkTestSupport.bytes;
import static org.rtmp4j.core.chunk.ChunkTestSupport.concat;
import static org.rtmp4j.core.chunk.ChunkTestSupport.decodeWhole;
import static org.rtmp4j.core.chunk.ChunkTestSupport.decoder;
import static org.rtmp4j.core.chunk.ChunkTestSupport.message;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChunkEncoderTest {
    private final ChunkEncoder encoder = new ChunkEncoder();

    private List<ByteBuffer> encode(RawMessage m, int csid) {
        List<ByteBuffer> out = new ArrayList<>();
        encoder.encode(m, csid, out);
        return out;
    }

    private static byte[] first(List<ByteBuffer> out, int n) {
        return Arrays.copyOf(concat(out), n);
    }

    private static int fmt(List<ByteBuffer> out) {
        return (out.get(0).get(out.get(0).position()) & 0xFF) >>> 6;
    }

    @Test
    void goldenType0HeaderWritesTheMessageStreamIdLittleEndian() {
        List<ByteBuffer> out = encode(message(20, 1000, 0x01020304, bytes('h', 'i')), 3);
        assertThat(concat(out)).containsExactly(0x03, 0x00, 0x03, 0xE8, 0x00, 0x00, 0x02, 0x14, 0x04, 0x03, 0x02, 0x01, 'h', 'i');
    }

    @Test
    void specExampleOneCompressesAudioHeadersDownToOneByte() {
        int[] expectedChunkLengths = {44, 36, 33, 33};
        int[] expectedTypes = {0, 2, 3, 3};
        for (int i = 0; i < 4; i++) {
            List<ByteBuffer> out = encode(message(8, 1000 + 20 * i, 12345, 32, i), 3);
            assertThat(concat(out)).hasSize(expectedChunkLengths[i]);
            assertThat(fmt(out)).isEqualTo(expectedTypes[i]);
        }
    }

    @Test
    void specExampleTwoSplitsA307ByteMessageInto128ByteChunks() {
        List<ByteBuffer> out = encode(message(9, 1000, 12346, 307, 1), 4);
        assertThat(out).extracting(ByteBuffer::remaining).containsExactly(12, 128, 1, 128, 1, 51);
        assertThat(out.get(2).get(out.get(2).position())).isEqualTo((byte) 0xC4);
        assertThat(out.get(4).get(out.get(4).position())).isEqualTo((byte) 0xC4);
    }

    @Test
    void headerTypeFollowsWhatChangedSinceThePreviousMessageOnTheChunkStreamId() {
        assertThat(fmt(encode(message(9, 100, 1, 10, 0), 6))).isZero();
        assertThat(fmt(encode(message(9, 133, 1, 11, 0), 6))).as("new length").isEqualTo(1);
        assertThat(fmt(encode(message(8, 166, 1, 11, 0), 6))).as("new type").isEqualTo(1);
        assertThat(fmt(encode(message(8, 199, 1, 11, 0), 6))).as("same delta").isEqualTo(3);
        assertThat(fmt(encode(message(8, 200, 1, 11, 0), 6))).as("new delta").isEqualTo(2);
        assertThat(fmt(encode(message(8, 300, 2, 11, 0), 6))).as("new message stream id").isZero();
        assertThat(fmt(encode(message(8, 250, 2, 11, 0), 6))).as("timestamp went backwards").isZero();
        assertThat(fmt(encode(message(8, 250, 2, 11, 0), 6))).as("delta 0 after type 0").isEqualTo(2);
        assertThat(fmt(encode(message(8, 250, 2, 11, 0), 6))).as("delta 0 again").isEqualTo(3);
        assertThat(fmt(encode(message(8, 0, 2, 11, 0), 7))).as("other chunk stream id").isZero();
    }

    @Test
    void extendedTimestampIsRepeatedOnContinuationChunks() {
        List<ByteBuffer> out = encode(message(9, 0x0100_0000, 1, 300, 1), 4);
        assertThat(out).extracting(ByteBuffer::remaining).containsExactly(16, 128, 5, 128, 5, 44);
        assertThat(first(out, 16)).containsExactly(0x04, 0xFF, 0xFF, 0xFF, 0, 1, 0x2C, 9, 1, 0, 0, 0, 1, 0, 0, 0);
        assertThat(concat(out.subList(2, 3))).containsExactly(0xC4, 1, 0, 0, 0);
        assertThat(concat(out.subList(4, 5))).containsExactly(0xC4, 1, 0, 0, 0);
    }

    @Test
    void extendedDeltaIsRepeatedOnATypeThreeStartingANewMessage() {
        encode(message(8, 0, 1, 1, 0), 5);
        List<ByteBuffer> second = encode(message(8, 0x0100_0000, 1, 1, 0), 5);
        List<ByteBuffer> third = encode(message(8, 0x0200_0000, 1, 1, 0), 5);
        assertThat(first(second, 8)).containsExactly(0x85, 0xFF, 0xFF, 0xFF, 1, 0, 0, 0);
        assertThat(first(third, 5)).containsExactly(0xC5, 1, 0, 0, 0);
    }

    @Test
    void deltaOf0xFFFFFFUsesTheExtendedField() {
        encode(message(8, 1, 1, 1, 0), 5);
        assertThat(first(encode(message(8, 0x0100_0000, 1, 1, 0), 5), 8)).containsExactly(0x85, 0xFF, 0xFF, 0xFF, 0, 0xFF, 0xFF, 0xFF);
    }

    @Test
    void timestampWrapIsAForwardDelta() {
        encode(message(8, 0xFFFF_FFF0, 1, 1, 0), 5);
        List<ByteBuffer> out = encode(message(8, 0x10, 1, 1, 0), 5);
        assertThat(first(out, 4)).containsExactly(0x85, 0, 0, 0x20);
    }

    @ParameterizedTest(name = "chunk stream id {0}")
    @CsvSource({"2, 02", "63, 3F", "64, 0000", "319, 00FF", "320, 010001", "65599, 01FFFF", "365, 012D01"})
    void basicHeaderUsesTheSmallestForm(int csid, String hex) {
        byte[] expected = java.util.HexFormat.of().parseHex(hex);
        assertThat(first(encode(message(8, 0, 1, 0, 0), csid), expected.length)).isEqualTo(expected);
        assertThat(concat(encode(message(8, 0, 1, 0, 0), csid))).hasSize(expected.length + 3);
    }

    @Test
    void payloadSlicesShareTheMessageBytesAndAreReadOnly() {
        byte[] body = new byte[300];
        RawMessage m = new RawMessage(9, 0, 1, ByteBuffer.wrap(body));
        List<ByteBuffer> out = encode(m, 6);
        body[0] = 42;
        body[299] = 43;
        assertThat(out.get(1).isReadOnly()).isTrue();
        assertThat(out.get(1).get(out.get(1).position())).isEqualTo((byte) 42);
        ByteBuffer last = out.get(out.size() - 1);
        assertThat(last.get(last.limit() - 1)).isEqualTo((byte) 43);
        assertThat(m.payload().position()).isZero();
    }

    @Test
    void onlyThePayloadFromItsPositionIsSent() {
        ByteBuffer payload = ByteBuffer.wrap(bytes(9, 9, 1, 2, 3)).position(2).asReadOnlyBuffer();
        List<ByteBuffer> out = encode(new RawMessage(8, 0, 1, payload), 3);
        assertThat(concat(out)).endsWith(1, 2, 3).hasSize(12 + 3);
        assertThat(decodeWhole(decoder(), concat(out))).containsExactly(message(8, 0, 1, bytes(1, 2, 3)));
    }

    @Test
    void forcedTypeZeroUpdatesTheStateForTheNextMessage() {
        encode(message(8, 100, 1, 4, 0), 4);
        encode(message(8, 120, 1, 4, 0), 4);
        List<ByteBuffer> forced = new ArrayList<>();
        encoder.encodeType0(message(8, 140, 1, 4, 0), 4, forced);
        assertThat(fmt(forced)).isZero();
        assertThat(first(forced, 4)).containsExactly(0x04, 0, 0, 140);
        List<ByteBuffer> next = encode(message(8, 160, 1, 4, 0), 4);
        assertThat(first(next, 4)).containsExactly(0x84, 0, 0, 20);
        List<ByteBuffer> viaFlag = new ArrayList<>();
        encoder.encode(message(8, 180, 1, 4, 0), 4, true, viaFlag);
        assertThat(fmt(viaFlag)).isZero();
    }

    @Test
    void standaloneEncodingMatchesAFreshEncoderAndIsReadOnly() {
        for (RawMessage m : List.of(message(9, 1234, 1, 1000, 3), message(9, 0x0500_0000, 1, 1000, 4), message(9, 5, 1, 0, 5))) {
            ByteBuffer standalone = ChunkEncoder.encodeStandalone(m, 320, 128);
            List<ByteBuffer> out = new ArrayList<>();
            new ChunkEncoder().encodeType0(m, 320, out);
            byte[] expected = concat(out);
            assertThat(standalone.isReadOnly()).isTrue();
            assertThat(standalone.position()).isZero();
            byte[] actual = new byte[standalone.remaining()];
            standalone.duplicate().get(actual);
            assertThat(actual).isEqualTo(expected);
            assertThat(decodeWhole(decoder(), actual)).containsExactly(m);
        }
    }

    @Test
    void recordType0LetsTheNextMessageCompressAgainstAStandaloneOne() {
        RawMessage keyframe = message(9, 1000, 1, 500, 1);
        ByteBuffer standalone = ChunkEncoder.encodeStandalone(keyframe, 6, 128);
        encoder.recordType0(keyframe, 6);
        List<ByteBuffer> next = encode(message(9, 1040, 1, 500, 2), 6);
        assertThat(fmt(next)).isEqualTo(2);
        byte[] wire = ChunkTestSupport.join(bytesOf(standalone), concat(next));
        assertThat(decodeWhole(decoder(), wire)).extracting(RawMessage::timestamp).containsExactly(1000, 1040);
    }

    private static byte[] bytesOf(ByteBuffer b) {
        byte[] a = new byte[b.remaining()];
        b.duplicate().get(a);
        return a;
    }

    @Test
    void chunkSizeIsValidatedAndApplied() {
        assertThat(encoder.chunkSize()).isEqualTo(128);
        assertThatThrownBy(() -> encoder.setChunkSize(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.setChunkSize(-5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ChunkEncoder.encodeStandalone(message(8, 0, 1, 1, 0), 3, 0))
                .isInstanceOf(IllegalArgumentException.class);
        encoder.setChunkSize(Integer.MAX_VALUE);
        assertThat(encode(message(8, 0, 1, 100_000, 0), 3)).hasSize(2);
        encoder.setChunkSize(1);
        assertThat(encode(message(8, 0, 1, 3, 0), 4)).extracting(ByteBuffer::remaining).containsExactly(12, 1, 1, 1, 1, 1);
    }

    @Test
    void invalidChunkStreamIdsAndMessagesAreRefused() {
        List<ByteBuffer> out = new ArrayList<>();
        RawMessage ok = message(8, 0, 1, 1, 0);
        assertThatThrownBy(() -> encoder.encode(ok, 1, out)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chunk stream id 1");
        assertThatThrownBy(() -> encoder.encode(ok, 65600, out)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.encode(new RawMessage(256, 0, 1, ByteBuffer.allocate(0)), 3, out))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> encoder.encode(new RawMessage(8, 0, 1, ByteBuffer.allocate(0x0100_0000)), 3, out))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("16777216");
        assertThat(out).isEmpty();
    }
}
