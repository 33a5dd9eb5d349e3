package org.rtmp4j.examples.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.hls.HlsContainer;
import org.rtmp4j.hls.HlsHandler;
import org.rtmp4j.hls.HlsOptions;
import org.rtmp4j.live.Ingest;
import org.rtmp4j.live.IngestSource;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.StreamKey;

/**
 * The CPU to mux one live stream to HLS, and the memory it holds (issue 13, Performance): the shared H.264/AAC
 * file ({@code -Drtmp4j.media.dir}, default {@code media}) with each video frame padded by an H.264 filler NAL unit
 * (type 12, ISO/IEC 14496-10 §7.3.2.7) to {@code kbps}, published in a loop (timestamps continue) through an
 * {@link Ingest} of a {@link LiveBroadcastController} whose {@link HlsHandler} muxes every stream ({@code
 * alwaysOn}: 2 s segments, 7 listed, 200 ms parts). One op = the whole file once (11.4 s of media), on the calling
 * thread as on a publisher's event loop; CPU per stream = (1 / ops per second) / 11.4. The tear-down prints the
 * bytes the stream's HLS output holds (segments listed, those kept for their availability period, parts, init).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HlsMuxBenchmark {
    private static final StreamKey KEY = new StreamKey("live", "bench");
    private static final int FILE_MS = 11_400;

    /** Video bitrate the frames are padded to, kbit/s (2 Mbit/s: 10 KB per frame at 25 fps). */
    @Param({"2000"})
    public int kbps;

    /** {@code FMP4} or {@code MPEGTS}. */
    @Param({"FMP4", "MPEGTS"})
    public String container;

    private final List<FlvTag> tags = new ArrayList<>();
    private LiveBroadcastController relay;
    private HlsHandler hls;
    private Ingest ingest;
    private int offset;

    /** Reads and pads the file, starts the hub, the HLS output and the publisher. */
    @Setup
    public void setUp() throws IOException {
        Path file = Path.of(System.getProperty("rtmp4j.media.dir", "media"), "h264-aac-avatar.flv");
        int frameBytes = kbps * 1000 / 8 / 25;
        try (FlvReader reader = FlvReader.open(file)) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                FlvTag tag = t.get();
                if (tag.type() == FlvTagType.VIDEO && (tag.body().get(0) & 0x0F) == 7 && tag.body().get(1) == 1
                        && tag.dataSize() + 5 < frameBytes) {
                    tags.add(new FlvTag(FlvTagType.VIDEO, tag.timestamp(), padded(tag.body(), frameBytes)));
                } else if (tag.type() != FlvTagType.SCRIPT) {
                    tags.add(tag);
                }
            }
        }
        relay = new LiveBroadcastController();
        hls = new HlsHandler(relay, HlsOptions.builder().alwaysOn(true).container(HlsContainer.valueOf(container)).build());
        ingest = relay.publish(KEY, new IngestSource() {
            @Override
            public String id() {
                return "bench";
            }

            @Override
            public void close() {}
        });
    }

    /** {@code body} (an AVC NALU tag) plus one filler NAL unit so that the tag has {@code size} bytes. */
    private static ByteBuffer padded(ByteBuffer body, int size) {
        ByteBuffer out = ByteBuffer.allocate(size);
        out.put(body.duplicate());
        int nal = size - out.position() - 4;
        out.putInt(nal).put((byte) 0x0C);
        while (out.hasRemaining()) {
            out.put((byte) 0xFF);
        }
        out.put(size - 1, (byte) 0x80); // rbsp_trailing_bits
        return out.flip();
    }

    /** @return the bytes held, so the work is not dead code */
    @Benchmark
    public long muxTheFileOnce() {
        for (FlvTag t : tags) {
            int ts = t.timestamp() + offset;
            ingest.media(t.type() == FlvTagType.VIDEO ? new VideoMessage(ts, 1, t.body().duplicate())
                    : new AudioMessage(ts, 1, t.body().duplicate()));
        }
        offset += FILE_MS;
        return hls.retainedBytes(KEY);
    }

    /** Prints what the stream's HLS output holds, then stops everything. */
    @TearDown
    public void tearDown() {
        System.out.printf("%n[hls-memory] container=%s kbps=%d retainedBytes=%d (%.1f MiB) after %.0f s of media%n",
                container, kbps, hls.retainedBytes(KEY), hls.retainedBytes(KEY) / 1048576.0, offset / 1000.0);
        ingest.close();
        hls.close();
    }
}
