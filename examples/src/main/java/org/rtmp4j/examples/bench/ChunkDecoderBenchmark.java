package org.rtmp4j.examples.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;
import org.rtmp4j.core.chunk.ChunkDecoder;
import org.rtmp4j.core.chunk.ChunkEncoder;
import org.rtmp4j.core.chunk.ChunkLimits;
import org.rtmp4j.core.chunk.RawMessage;
import org.rtmp4j.core.message.MessageCodec;
import org.rtmp4j.core.message.SetChunkSize;

/**
 * Decodes one 100 KB video message (message type id 9, chunk stream id 6, type-0 first chunk,
 * type-3 continuations; RTMP 1.0 §5.3.1) per operation, fed in 64 KiB slices as a socket read
 * would, at chunk size 4096 and 128. Throughput: ops/s × 100 KB.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChunkDecoderBenchmark {
    /** Video message payload size in bytes. */
    static final int MESSAGE_BYTES = 100 * 1024;
    private static final int READ_SIZE = 64 * 1024;

    /** Chunk size of the encoded stream, bytes. */
    @Param({"4096", "128"})
    public int chunkSize;

    private ChunkDecoder decoder;
    private ByteBuffer message;

    /** Sets the decoder's chunk size with a Set Chunk Size message, then pre-encodes the message. */
    @Setup
    public void setup() {
        decoder = new ChunkDecoder(ChunkLimits.DEFAULT);
        ChunkEncoder encoder = new ChunkEncoder();
        List<ByteBuffer> out = new ArrayList<>();
        encoder.encode(MessageCodec.encode(new SetChunkSize(chunkSize)), 2, out);
        decoder.decode(concat(out), m -> { });
        encoder.setChunkSize(chunkSize);
        out.clear();
        encoder.encodeType0(new RawMessage(9, 40, 1, ByteBuffer.allocate(MESSAGE_BYTES)), 6, out);
        message = concat(out);
    }

    static ByteBuffer concat(List<ByteBuffer> parts) {
        int n = 0;
        for (ByteBuffer b : parts) {
            n += b.remaining();
        }
        ByteBuffer all = ByteBuffer.allocate(n);
        for (ByteBuffer b : parts) {
            all.put(b.duplicate());
        }
        return all.flip();
    }

    /** Decodes the message, 64 KiB at a time. */
    @Benchmark
    public void decode(Blackhole bh) {
        ByteBuffer in = message;
        int end = in.capacity();
        for (int p = 0; p < end; p += READ_SIZE) {
            in.limit(Math.min(end, p + READ_SIZE)).position(p);
            decoder.decode(in, bh::consume);
        }
    }
}
