package org.rtmp4j.core.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Fuzzes {@link ChunkDecoder} (RTMP 1.0 §5.3, with Set Chunk Size §5.4.1 and Abort §5.4.2 applied
 * from the next chunk). The chunk stream is decoded once whole and once in splits (one byte up to
 * 64 bytes, including empty reads); each way the only failure allowed is {@link ChunkException},
 * and both must give the same messages and the same failure (offset and reason), since where
 * reads are cut must not matter. Small limits keep memory bounded and are checked on every
 * message.
 *
 * <p>Input layout: byte 0 = split seed; byte 1 = prefix (modulo 3: none, a Set Chunk Size, an
 * Abort) sent on chunk stream id 2 before the rest; byte 2 = the prefix's parameter (chunk size
 * from a table that includes 1 and a value above the limit, or the chunk stream id to abort);
 * the rest = the chunk stream. Regression inputs:
 * {@code src/test/resources/org/rtmp4j/core/chunk/ChunkDecoderFuzzTestInputs/decode/}.
 */
class ChunkDecoderFuzzTest {
    static final ChunkLimits LIMITS = new ChunkLimits(64 * 1024, 64 * 1024, 8, 128 * 1024);
    private static final int[] CHUNK_SIZES = {1, 2, 3, 64, 127, 128, 129, 1000, 4096, 64 * 1024, 64 * 1024 + 1, 0x7FFFFFFF};

    @FuzzTest
    void decode(byte[] data) {
        if (data.length < 3) {
            return;
        }
        int seed = data[0] & 0xFF;
        byte[] stream = withPrefix(data[1] & 0xFF, data[2] & 0xFF, Arrays.copyOfRange(data, 3, data.length));
        Outcome whole = run(stream, null);
        Outcome split = run(stream, new Random(seed));
        assertThat(split.messages).isEqualTo(whole.messages);
        assertThat(split.failure).isEqualTo(whole.failure);
    }

    private static byte[] withPrefix(int kind, int param, byte[] rest) {
        int type;
        int value;
        switch (kind % 3) {
            case 1:
                type = ChunkDecoder.SET_CHUNK_SIZE;
                value = CHUNK_SIZES[param % CHUNK_SIZES.length];
                break;
            case 2:
                type = ChunkDecoder.ABORT;
                value = param;
                break;
            default:
                return rest;
        }
        ByteBuffer b = ByteBuffer.allocate(16 + rest.length);
        b.put((byte) 0x02).put(new byte[3]).put(new byte[] {0, 0, 4}).put((byte) type).putInt(0).putInt(value);
        b.put(rest);
        return b.array();
    }

    private static Outcome run(byte[] stream, Random splits) {
        ChunkDecoder decoder = new ChunkDecoder(LIMITS);
        Outcome o = new Outcome();
        try {
            int at = 0;
            while (at < stream.length) {
                int n = splits == null ? stream.length - at : Math.min(stream.length - at, splits.nextInt(65));
                ByteBuffer in = ByteBuffer.wrap(stream, at, n);
                decoder.decode(in, m -> o.messages.add(describe(m)));
                assertThat(in.hasRemaining()).as("decode consumes all input").isFalse();
                at += n;
                assertThat(decoder.pendingBytes()).isBetween(0L, LIMITS.maxPendingBytes());
                assertThat(decoder.bytesConsumed()).isEqualTo(at);
                assertThat(decoder.chunkSize()).isBetween(1, LIMITS.maxIncomingChunkSize());
            }
        } catch (ChunkException e) {
            assertThat(e.getMessage()).isNotBlank();
            o.failure = e.getMessage();
        }
        return o;
    }

    private static String describe(RawMessage m) {
        assertThat(m.payload().isReadOnly()).isTrue();
        assertThat(m.length()).isBetween(0, LIMITS.maxMessageSize());
        byte[] body = new byte[m.payload().remaining()];
        m.payload().duplicate().get(body);
        return m.typeId() + "@" + m.timestamp() + "/" + m.streamId() + ":" + Arrays.hashCode(body) + "/" + body.length;
    }

    private static final class Outcome {
        final List<String> messages = new ArrayList<>();
        String failure;
    }
}
