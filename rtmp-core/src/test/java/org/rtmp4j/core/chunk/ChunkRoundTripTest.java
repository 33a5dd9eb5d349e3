package org.rtmp4j.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.core.chunk.ChunkTestSupport.concat;
import static org.rtmp4j.core.chunk.ChunkTestSupport.decodeByteAtATime;
import static org.rtmp4j.core.chunk.ChunkTestSupport.decodeRandomSplits;
import static org.rtmp4j.core.chunk.ChunkTestSupport.decodeWhole;
import static org.rtmp4j.core.chunk.ChunkTestSupport.decoder;
import static org.rtmp4j.core.chunk.ChunkTestSupport.message;
import static org.rtmp4j.core.chunk.ChunkTestSupport.setChunkSize;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@Timeout(120)
class ChunkRoundTripTest {
    private static final int[] CHUNK_SIZES = {1, 128, 4096, 65536};
    private static final int[] PAYLOAD_SIZES = {0, 1, 127, 128, 129, 100_000};
    private static final int[] CHUNK_STREAM_IDS = {2, 63, 64, 319, 320, 65599};

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (int chunkSize : CHUNK_SIZES) {
            for (int payloadSize : PAYLOAD_SIZES) {
                for (int csid : CHUNK_STREAM_IDS) {
                    boolean huge = chunkSize == 1 && payloadSize == 100_000; // 1.4M chunks: two basic header sizes suffice
                    if (huge && csid != 2 && csid != 65599) {
                        continue;
                    }
                    cases.add(Arguments.of(chunkSize, payloadSize, csid));
                }
            }
        }
        return cases.stream();
    }

    /**
     * A Set Chunk Size, then messages exercising every header type: first (type 0), same length
     * (type 2), same delta (type 3), new length (type 1), extended-timestamp delta, and a new
     * message stream id (type 0 again).
     */
    private static List<RawMessage> messages(int payloadSize, int csid) {
        List<RawMessage> m = new ArrayList<>();
        m.add(message(9, 1000, 1, payloadSize, csid));
        m.add(message(9, 1040, 1, payloadSize, csid + 1));
        m.add(message(9, 1080, 1, payloadSize, csid + 2));
        m.add(message(9, 1120, 1, payloadSize / 2 + 1, csid + 3));
        m.add(message(9, 1120 + 0x0100_0000, 1, payloadSize, csid + 4));
        m.add(message(9, 1120 + 0x0200_0000, 1, payloadSize, csid + 5));
        m.add(message(8, 0x7FFF_FFF0, 2, payloadSize, csid + 6));
        return m;
    }

    private static byte[] encode(int chunkSize, List<RawMessage> messages, int csid) {
        ChunkEncoder encoder = new ChunkEncoder();
        List<ByteBuffer> out = new ArrayList<>();
        encoder.encode(setChunkSize(chunkSize), 2, out);
        encoder.setChunkSize(chunkSize);
        for (RawMessage m : messages) {
            encoder.encode(m, csid, out);
        }
        return concat(out);
    }

    @ParameterizedTest(name = "chunk size {0}, payload {1} bytes, chunk stream id {2}")
    @MethodSource("cases")
    void encoderOutputDecodesToTheSameMessagesWhateverTheSplit(int chunkSize, int payloadSize, int csid) {
        List<RawMessage> messages = messages(payloadSize, csid);
        byte[] wire = encode(chunkSize, messages, csid);
        List<RawMessage> expected = new ArrayList<>();
        expected.add(setChunkSize(chunkSize));
        expected.addAll(messages);

        ChunkDecoder whole = decoder();
        assertThat(decodeWhole(whole, wire)).containsExactlyElementsOf(expected);
        assertThat(whole.chunkSize()).isEqualTo(chunkSize);
        assertThat(whole.bytesConsumed()).isEqualTo(wire.length);
        assertThat(whole.pendingBytes()).isZero();

        assertThat(decodeRandomSplits(decoder(), wire, chunkSize * 31L + payloadSize, 300)).containsExactlyElementsOf(expected);
        if (payloadSize <= 129 || csid == 65599) {
            assertThat(decodeByteAtATime(decoder(), wire)).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void byteAtATimeHandlesALargeMessageInOneByteChunks() {
        List<RawMessage> messages = messages(100_000, 5);
        byte[] wire = encode(1, messages.subList(0, 2), 5);
        List<RawMessage> decoded = decodeByteAtATime(decoder(), wire);
        assertThat(decoded).hasSize(3);
        assertThat(decoded.subList(1, 3)).containsExactlyElementsOf(messages.subList(0, 2));
    }

    @Test
    void messagesInterleavedChunkByChunkAcrossChunkStreamsReassemble() {
        ChunkEncoder encoder = new ChunkEncoder();
        int[] csids = {3, 4, 6, 100, 5000};
        Map<Integer, List<RawMessage>> sent = new LinkedHashMap<>();
        Map<Integer, List<List<ByteBuffer>>> chunks = new LinkedHashMap<>();
        Random random = new Random(77);
        for (int i = 0; i < csids.length; i++) {
            int csid = csids[i];
            int streamId = i + 1;
            List<RawMessage> mine = new ArrayList<>();
            List<List<ByteBuffer>> myChunks = new ArrayList<>();
            int ts = random.nextInt(1000);
            for (int k = 0; k < 6; k++) {
                ts += random.nextInt(50);
                RawMessage m = message(8 + (k % 2), ts, streamId, 1 + random.nextInt(700), random.nextLong());
                mine.add(m);
                List<ByteBuffer> out = new ArrayList<>();
                encoder.encode(m, csid, out);
                myChunks.addAll(splitIntoChunks(out));
            }
            sent.put(streamId, mine);
            chunks.put(csid, myChunks);
        }
        // round-robin one chunk per chunk stream id at a time
        List<ByteBuffer> wire = new ArrayList<>();
        boolean any = true;
        for (int round = 0; any; round++) {
            any = false;
            for (List<List<ByteBuffer>> c : chunks.values()) {
                if (round < c.size()) {
                    wire.addAll(c.get(round));
                    any = true;
                }
            }
        }
        byte[] bytes = concat(wire);
        for (List<RawMessage> decoded : List.of(decodeWhole(decoder(), bytes), decodeByteAtATime(decoder(), bytes),
                decodeRandomSplits(decoder(), bytes, 5, 40))) {
            Map<Integer, List<RawMessage>> byStream = new LinkedHashMap<>();
            for (RawMessage m : decoded) {
                byStream.computeIfAbsent(m.streamId(), k -> new ArrayList<>()).add(m);
            }
            assertThat(byStream).isEqualTo(sent);
        }
    }

    /** Groups an encoder's output into chunks: a header buffer followed by its payload slice (messages here are never empty). */
    private static List<List<ByteBuffer>> splitIntoChunks(List<ByteBuffer> out) {
        List<List<ByteBuffer>> chunks = new ArrayList<>();
        for (int i = 0; i < out.size(); i += 2) {
            List<ByteBuffer> chunk = new ArrayList<>(out.subList(i, Math.min(i + 2, out.size())));
            chunks.add(chunk);
        }
        return chunks;
    }
}
