package org.rtmp4j.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rtmp4j.core.chunk.ChunkTestSupport.bytes;
import static org.rtmp4j.core.chunk.ChunkTestSupport.decodeByteAtATime;
import static org.rtmp4j.core.chunk.ChunkTestSupport.decodeRandomSplits;
import static org.rtmp4j.core.chunk.ChunkTestSupport.decodeWhole;
import static org.rtmp4j.core.chunk.ChunkTestSupport.decoder;
import static org.rtmp4j.core.chunk.ChunkTestSupport.filled;
import static org.rtmp4j.core.chunk.ChunkTestSupport.join;
import static org.rtmp4j.core.chunk.ChunkTestSupport.message;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120)
class ChunkDecoderTest {

    /** Decodes whole, byte at a time and in random splits; all three must agree. Returns the messages. */
    private static List<RawMessage> decodeAllWays(Supplier<ChunkDecoder> decoders, byte[] wire) {
        List<RawMessage> whole = decodeWhole(decoders.get(), wire);
        assertThat(decodeByteAtATime(decoders.get(), wire)).containsExactlyElementsOf(whole);
        for (long seed = 0; seed < 5; seed++) {
            assertThat(decodeRandomSplits(decoders.get(), wire, seed, 17)).containsExactlyElementsOf(whole);
        }
        return whole;
    }

    private static List<RawMessage> decodeAllWays(byte[] wire) {
        return decodeAllWays(ChunkTestSupport::decoder, wire);
    }

    /** Type-0 header on a 1-byte basic header chunk stream id. */
    private static byte[] type0(int csid, int ts, int length, int typeId, int streamId) {
        return bytes(csid, ts >>> 16 & 0xFF, ts >>> 8 & 0xFF, ts & 0xFF, length >>> 16 & 0xFF, length >>> 8 & 0xFF,
                length & 0xFF, typeId, streamId & 0xFF, streamId >>> 8 & 0xFF, streamId >>> 16 & 0xFF, streamId >>> 24);
    }

    private static byte[] int32(int v) {
        return bytes(v >>> 24, v >>> 16 & 0xFF, v >>> 8 & 0xFF, v & 0xFF);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static ChunkDecoder limited(int maxMessageSize, int maxChunkSize, int maxChunkStreams, long maxPending) {
        return new ChunkDecoder(new ChunkLimits(maxMessageSize, maxChunkSize, maxChunkStreams, maxPending));
    }

    @Test
    void goldenType0HeaderCarriesTheMessageStreamIdLittleEndian() {
        byte[] wire = join(bytes(0x03, 0x00, 0x03, 0xE8, 0x00, 0x00, 0x05, 0x14, 0x04, 0x03, 0x02, 0x01), ascii("hello"));
        assertThat(decodeAllWays(wire)).containsExactly(message(20, 1000, 0x01020304, ascii("hello")));
    }

    @Test
    void aFreshDecoderUsesChunkSize128() {
        ChunkDecoder d = decoder();
        assertThat(d.chunkSize()).isEqualTo(128);
        assertThat(d.bytesConsumed()).isZero();
        assertThat(d.pendingBytes()).isZero();
    }

    @Test
    void messagesInterleavedAcrossChunkStreamIdsReassembleInCompletionOrder() {
        byte[] wire = join(
                type0(4, 1000, 300, 9, 1), filled(128, 0xAA),
                type0(6, 5, 10, 8, 1), filled(10, 0xBB),
                bytes(0xC4), filled(128, 0xAA),
                bytes(0x86, 0, 0, 20), filled(10, 0xCC),
                bytes(0xC4), filled(44, 0xAA));
        assertThat(decodeAllWays(wire)).containsExactly(
                message(8, 5, 1, filled(10, 0xBB)),
                message(8, 25, 1, filled(10, 0xCC)),
                message(9, 1000, 1, filled(300, 0xAA)));
    }

    @Test
    void typeOneChangesLengthAndTypeAndKeepsTheMessageStreamId() {
        byte[] wire = join(type0(3, 100, 2, 20, 7), bytes(1, 2), bytes(0x43, 0, 0, 10, 0, 0, 3, 18), bytes(3, 4, 5));
        assertThat(decodeAllWays(wire)).containsExactly(message(20, 100, 7, bytes(1, 2)), message(18, 110, 7, bytes(3, 4, 5)));
    }

    @Test
    void extendedTimestampIsReadOnTypeZeroAndRepeatedOnTypeThreeContinuations() {
        byte[] wire = join(
                bytes(0x04, 0xFF, 0xFF, 0xFF, 0, 0, 200, 9, 1, 0, 0, 0), int32(0x0100_0000), filled(128, 1),
                bytes(0xC4), int32(0x0100_0000), filled(72, 1));
        assertThat(decodeAllWays(wire)).containsExactly(message(9, 0x0100_0000, 1, filled(200, 1)));
    }

    @Test
    void timestampOfExactly0xFFFFFFUsesTheExtendedField() {
        byte[] wire = join(bytes(0x04, 0xFF, 0xFF, 0xFF, 0, 0, 1, 9, 1, 0, 0, 0), int32(0xFF_FFFF), bytes(7));
        assertThat(decodeAllWays(wire)).containsExactly(message(9, 0xFF_FFFF, 1, bytes(7)));
    }

    @Test
    void typeThreeStartingANewMessageReusesAnExtendedDeltaAndRepeatsIt() {
        byte[] wire = join(
                type0(5, 0, 1, 8, 1), bytes(1),
                bytes(0x85, 0xFF, 0xFF, 0xFF), int32(0x0100_0000), bytes(2),
                bytes(0xC5), int32(0x0100_0000), bytes(3));
        assertThat(decodeAllWays(wire)).containsExactly(
                message(8, 0, 1, bytes(1)), message(8, 0x0100_0000, 1, bytes(2)), message(8, 0x0200_0000, 1, bytes(3)));
    }

    @Test
    void typeThreeRightAfterTypeZeroUsesTheTypeZeroTimestampAsDelta() {
        byte[] wire = join(type0(5, 100, 1, 8, 1), bytes(1), bytes(0xC5), bytes(2), bytes(0xC5), bytes(3));
        assertThat(decodeAllWays(wire)).extracting(RawMessage::timestamp).containsExactly(100, 200, 300);
    }

    @Test
    void typeTwoAndThreeRepeatTheLastDelta() {
        byte[] wire = join(type0(3, 1000, 1, 8, 1), bytes(1), bytes(0x83, 0, 0, 20), bytes(2), bytes(0xC3), bytes(3),
                bytes(0xC3), bytes(4));
        assertThat(decodeAllWays(wire)).extracting(RawMessage::timestamp).containsExactly(1000, 1020, 1040, 1060);
    }

    @Test
    void timestampsWrapAt2To32() {
        byte[] wire = join(bytes(0x03, 0xFF, 0xFF, 0xFF, 0, 0, 1, 8, 1, 0, 0, 0), int32(0xFFFF_FFF0), bytes(1),
                bytes(0x83, 0, 0, 0x20), bytes(2));
        assertThat(decodeAllWays(wire)).extracting(RawMessage::timestamp).containsExactly(0xFFFF_FFF0, 0x10);
    }

    @Test
    void setChunkSizeAppliesToTheVeryNextChunkInTheSameBuffer() {
        byte[] wire = join(type0(2, 0, 4, 1, 0), int32(200), type0(3, 0, 200, 20, 1), filled(200, 9));
        ChunkDecoder d = decoder();
        List<RawMessage> out = decodeWhole(d, wire);
        assertThat(out).containsExactly(message(1, 0, 0, int32(200)), message(20, 0, 1, filled(200, 9)));
        assertThat(d.chunkSize()).isEqualTo(200);
        assertThat(decodeAllWays(wire)).isEqualTo(out);
    }

    @Test
    void setChunkSizeArrivingBetweenChunksOfAnotherMessageChangesItsRemainingChunks() {
        byte[] wire = join(type0(4, 0, 300, 9, 1), filled(128, 5),
                type0(2, 0, 4, 1, 0), int32(1000),
                bytes(0xC4), filled(172, 5));
        assertThat(decodeAllWays(wire)).containsExactly(message(1, 0, 0, int32(1000)), message(9, 0, 1, filled(300, 5)));
    }

    @Test
    void abortDropsThePartialMessageOnItsChunkStreamId() {
        byte[] wire = join(type0(4, 0, 300, 9, 1), filled(128, 5),
                type0(2, 0, 4, 2, 0), int32(4),
                type0(4, 50, 3, 9, 1), bytes(1, 2, 3),
                bytes(0xC4), bytes(4, 5, 6));
        ChunkDecoder d = decoder();
        List<RawMessage> out = new ArrayList<>();
        ByteBuffer in = ByteBuffer.wrap(wire);
        in.limit(12 + 128);
        d.decode(in, out::add);
        assertThat(d.pendingBytes()).isEqualTo(300);
        in.limit(12 + 128 + 16);
        d.decode(in, out::add);
        assertThat(d.pendingBytes()).isZero();
        in.limit(wire.length);
        d.decode(in, out::add);
        assertThat(out).containsExactly(message(2, 0, 0, int32(4)), message(9, 50, 1, bytes(1, 2, 3)),
                message(9, 100, 1, bytes(4, 5, 6)));
        assertThat(decodeAllWays(wire)).isEqualTo(out);
    }

    @Test
    void abortForAnIdleOrUnknownChunkStreamIdIsHarmless() {
        byte[] wire = join(type0(2, 0, 4, 2, 0), int32(9), bytes(0xC2), int32(70000));
        assertThat(decodeAllWays(wire)).hasSize(2);
    }

    @Test
    void zeroLengthMessagesAreEmittedAsSoonAsTheirHeaderIsRead() {
        ChunkDecoder d = decoder();
        List<RawMessage> out = decodeWhole(d, type0(3, 7, 0, 20, 1));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).length()).isZero();
        assertThat(out.get(0).timestamp()).isEqualTo(7);
        assertThat(d.pendingBytes()).isZero();
    }

    @Test
    void emittedPayloadsAreReadOnlyAndExactlySized() {
        List<RawMessage> out = decodeWhole(decoder(), join(type0(3, 0, 5, 9, 1), ascii("abcde")));
        ByteBuffer payload = out.get(0).payload();
        assertThat(payload.isReadOnly()).isTrue();
        assertThat(payload.position()).isZero();
        assertThat(payload.capacity()).isEqualTo(5);
    }

    @Test
    void twoAndThreeByteBasicHeadersNameTheSameChunkStreamIds() {
        byte[] wire = join(
                bytes(0x00, 0x00), type0Body(0, 2, 8, 1), bytes(1, 2), // csid 64, 2-byte form
                bytes(0x00, 0xFF), type0Body(0, 1, 8, 2), bytes(3), // csid 319
                bytes(0x01, 0x00, 0x01), type0Body(0, 1, 8, 3), bytes(4), // csid 320, 3-byte form
                bytes(0x01, 0xFF, 0xFF), type0Body(0, 1, 8, 4), bytes(5), // csid 65599
                bytes(0x01, 0x24, 0x00), type0Body(0, 1, 8, 5), bytes(6), // csid 100 in the 3-byte form
                bytes(0xC0, 0x24), bytes(7), // type 3 for csid 100 in the 2-byte form
                bytes(0xC1, 0xFF, 0xFF), bytes(8)); // type 3 for csid 65599
        List<RawMessage> out = decodeAllWays(wire);
        assertThat(out).extracting(RawMessage::streamId).containsExactly(1, 2, 3, 4, 5, 5, 4);
    }

    private static byte[] type0Body(int ts, int length, int typeId, int streamId) {
        byte[] full = type0(3, ts, length, typeId, streamId);
        return java.util.Arrays.copyOfRange(full, 1, full.length);
    }

    @Test
    void bytesConsumedCountsEveryByte() {
        byte[] wire = join(type0(3, 0, 300, 9, 1), filled(128, 0), bytes(0xC3), filled(100, 0));
        ChunkDecoder d = decoder();
        decodeWhole(d, wire);
        assertThat(d.bytesConsumed()).isEqualTo(wire.length);
        assertThat(d.pendingBytes()).isEqualTo(300);
    }

    // ---- malformed input and limits ----

    @Test
    void typeOneOnAnUnknownChunkStreamIdNamesItAndTheOffset() {
        byte[] wire = join(type0(3, 0, 5, 20, 1), ascii("hello"), bytes(0x45, 0, 0, 1, 0, 0, 1, 8), bytes(1));
        for (ChunkDecoder d : List.of(decoder(), decoder())) {
            assertThatThrownBy(() -> decodeWhole(d, wire))
                    .isInstanceOf(ChunkException.class)
                    .hasMessageContaining("no previous header for chunk stream id 5")
                    .hasMessageStartingWith("at offset 17:");
        }
        assertThatThrownBy(() -> decodeByteAtATime(decoder(), wire)).hasMessageStartingWith("at offset 17:");
    }

    @Test
    void typeTwoAndThreeOnAnUnknownChunkStreamIdAreRejected() {
        assertThatThrownBy(() -> decodeWhole(decoder(), bytes(0x83, 0, 0, 1)))
                .isInstanceOf(ChunkException.class).hasMessageContaining("chunk stream id 3");
        assertThatThrownBy(() -> decodeWhole(decoder(), bytes(0xC0, 0x10)))
                .isInstanceOf(ChunkException.class).hasMessageContaining("chunk stream id 80");
    }

    @Test
    void aDeclaredLengthAboveTheLimitIsRefusedBeforeAllocation() {
        ChunkDecoder d = limited(1000, 4096, 8, 1 << 20);
        byte[] wire = type0(3, 0, 1001, 9, 1);
        assertThatThrownBy(() -> decodeWhole(d, wire))
                .isInstanceOf(ChunkException.class)
                .hasMessageStartingWith("at offset 4:")
                .hasMessageContaining("message length 1001")
                .hasMessageContaining("limit of 1000");
        assertThat(d.pendingBytes()).isZero();
        assertThat(decodeWhole(limited(1000, 4096, 8, 1 << 20), type0(3, 0, 1000, 9, 1))).isEmpty();
    }

    @Test
    void aTypeOneHeaderDeclaringTooLongAMessageIsRefusedToo() {
        ChunkDecoder d = limited(1000, 4096, 8, 1 << 20);
        byte[] wire = join(type0(3, 0, 1, 9, 1), bytes(0), bytes(0x43, 0, 0, 0, 0x01, 0, 0, 9));
        assertThatThrownBy(() -> decodeWhole(d, wire)).isInstanceOf(ChunkException.class)
                .hasMessageContaining("message length 65536").hasMessageStartingWith("at offset 17:");
    }

    @Test
    void tooManyChunkStreamIdsAreRefused() {
        ChunkDecoder d = limited(1000, 4096, 2, 1 << 20);
        byte[] wire = join(type0(3, 0, 1, 9, 1), bytes(0), type0(4, 0, 1, 9, 1), bytes(0), type0(5, 0, 1, 9, 1), bytes(0));
        assertThatThrownBy(() -> decodeWhole(d, wire)).isInstanceOf(ChunkException.class)
                .hasMessageContaining("chunk stream id 5").hasMessageContaining("limit of 2 chunk streams")
                .hasMessageStartingWith("at offset 26:");
    }

    @Test
    void pendingBytesAcrossPartialMessagesAreCapped() {
        ChunkDecoder d = limited(1000, 4096, 8, 500);
        byte[] wire = join(type0(3, 0, 300, 9, 1), filled(128, 0), type0(4, 0, 300, 9, 1));
        assertThatThrownBy(() -> decodeWhole(d, wire)).isInstanceOf(ChunkException.class)
                .hasMessageContaining("above the limit of 500");
        assertThat(d.pendingBytes()).isEqualTo(300);
    }

    @Test
    void pendingBytesAreReleasedWhenMessagesComplete() {
        ChunkDecoder d = limited(1000, 4096, 8, 500);
        byte[] one = join(type0(3, 0, 300, 9, 1), filled(128, 0), bytes(0xC3), filled(128, 0), bytes(0xC3), filled(44, 0));
        decodeWhole(d, one);
        decodeWhole(d, join(type0(4, 0, 300, 9, 1), filled(128, 0)));
        assertThat(d.pendingBytes()).isEqualTo(300);
    }

    @Test
    void incomingChunkSizeAboveTheLimitIsRefused() {
        ChunkDecoder d = limited(1000, 4096, 8, 1 << 20);
        assertThatThrownBy(() -> decodeWhole(d, join(type0(2, 0, 4, 1, 0), int32(4097))))
                .isInstanceOf(ChunkException.class)
                .hasMessageContaining("Set Chunk Size 4097")
                .hasMessageStartingWith("at offset 12:");
        ChunkDecoder ok = limited(1000, 4096, 8, 1 << 20);
        decodeWhole(ok, join(type0(2, 0, 4, 1, 0), int32(4096)));
        assertThat(ok.chunkSize()).isEqualTo(4096);
    }

    @Test
    void setChunkSizeWithTheTopBitSetOrZeroIsRefused() {
        assertThatThrownBy(() -> decodeWhole(decoder(), join(type0(2, 0, 4, 1, 0), int32(0x8000_0001))))
                .isInstanceOf(ChunkException.class).hasMessageContaining("2147483649");
        assertThatThrownBy(() -> decodeWhole(decoder(), join(type0(2, 0, 4, 1, 0), int32(0))))
                .isInstanceOf(ChunkException.class).hasMessageContaining("Set Chunk Size 0");
    }

    @Test
    void setChunkSizeOfOneByteIsAccepted() {
        byte[] wire = join(type0(2, 0, 4, 1, 0), int32(1), type0(3, 0, 3, 8, 1), bytes(1), bytes(0xC3, 2), bytes(0xC3, 3));
        assertThat(decodeAllWays(wire)).containsExactly(message(1, 0, 0, int32(1)), message(8, 0, 1, bytes(1, 2, 3)));
    }

    @Test
    void controlMessagesShorterThanFourBytesAreRefused() {
        assertThatThrownBy(() -> decodeWhole(decoder(), join(type0(2, 0, 2, 1, 0), bytes(0, 1))))
                .isInstanceOf(ChunkException.class).hasMessageContaining("Set Chunk Size message has 2 bytes");
        assertThatThrownBy(() -> decodeWhole(decoder(), type0(2, 0, 0, 2, 0)))
                .isInstanceOf(ChunkException.class).hasMessageContaining("Abort message has 0 bytes");
    }

    @Test
    void aNewMessageHeaderWhileAMessageIsPartlyReceivedIsRefused() {
        for (byte[] intruder : List.of(type0(4, 0, 300, 9, 1), bytes(0x44, 0, 0, 0, 0, 0, 10, 9), bytes(0x84, 0, 0, 1))) {
            byte[] wire = join(type0(4, 0, 300, 9, 1), filled(128, 0), intruder);
            assertThatThrownBy(() -> decodeWhole(decoder(), wire)).isInstanceOf(ChunkException.class)
                    .hasMessageStartingWith("at offset 140:")
                    .hasMessageContaining("partly received");
        }
    }

    @Test
    void defaultLimitsMatchTheDocumentedValues() {
        assertThat(ChunkLimits.DEFAULT.maxMessageSize()).isEqualTo(16 * 1024 * 1024);
        assertThat(ChunkLimits.DEFAULT.maxChunkStreams()).isEqualTo(64);
        assertThatThrownBy(() -> new ChunkLimits(0, 1, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
