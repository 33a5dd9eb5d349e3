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
import org.rtmp4j.core.chunk.ChunkEncoder;
import org.rtmp4j.core.chunk.RawMessage;

/**
 * Chunks one 100 KB video message per operation (RTMP 1.0 §5.3.1): {@code encode} into a
 * connection's encoder (headers plus payload slices, no copy) and {@code encodeStandalone} into
 * one buffer (the shared "encode once" form of {@code EncodedMedia}, a copy).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ChunkEncoderBenchmark {
    /** Chunk size, bytes. */
    @Param({"4096", "128"})
    public int chunkSize;

    private ChunkEncoder encoder;
    private RawMessage message;
    private final List<ByteBuffer> out = new ArrayList<>(1024);
    private ByteBuffer standalone;
    private int timestamp;

    /** Creates the encoder and the message. */
    @Setup
    public void setup() {
        encoder = new ChunkEncoder();
        encoder.setChunkSize(chunkSize);
        message = new RawMessage(9, 0, 1, ByteBuffer.allocate(ChunkDecoderBenchmark.MESSAGE_BYTES).asReadOnlyBuffer());
        standalone = ByteBuffer.allocateDirect(ChunkEncoder.standaloneLength(message, 6, chunkSize));
    }

    /** A connection's encoder: type-1/2/3 first header against the previous message, views of the payload. */
    @Benchmark
    public List<ByteBuffer> encode() {
        out.clear();
        timestamp += 40;
        encoder.encode(new RawMessage(9, timestamp, 1, message.payload()), 6, out);
        return out;
    }

    /** The shared form: type-0 header and every chunk copied into one (direct) buffer. */
    @Benchmark
    public ByteBuffer encodeStandalone() {
        standalone.clear();
        ChunkEncoder.encodeStandalone(message, 6, chunkSize, standalone);
        return standalone;
    }
}
