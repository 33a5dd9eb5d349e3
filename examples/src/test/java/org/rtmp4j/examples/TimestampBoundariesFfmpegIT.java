package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.flv.FlvHeader;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.FlvWriter;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.server.RtmpServer;

/**
 * ffmpeg plays a real H.264/AAC stream whose timestamps cross a boundary (RTMP 1.0 §5.3.1.3: the
 * extended timestamp from 0xFFFFFF; 2^32: the wrap) halfway: an {@link RtmpClient} publishes the
 * first 3 s of the shared file with every timestamp shifted to start 1.5 s before the boundary,
 * back to back (the publisher is the clock), through {@link LiveBroadcastController}.
 */
@Tag("ffmpeg")
@Timeout(120)
class TimestampBoundariesFfmpegIT {
    private static final int SPAN_MS = 3000;
    private static final int BEFORE_BOUNDARY_MS = 1500;

    private Ffmpeg ffmpeg;
    private Path out;
    private ObservingController observed;
    private RtmpServer server;

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        out = Ffmpeg.outputDir(getClass(), test.getDisplayName().replaceAll("[^A-Za-z0-9]+", "_"));
        ffmpeg = Ffmpeg.locate(out);
        observed = new ObservingController(new LiveBroadcastController());
        server = RtmpServer.builder().bind(new InetSocketAddress("127.0.0.1", 0)).controller(observed).build().start();
    }

    @AfterEach
    void tearDown() {
        if (ffmpeg != null) {
            ffmpeg.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @ParameterizedTest(name = "boundary {0}")
    @ValueSource(longs = {1L << 24, 1L << 32})
    void anFfmpegPlayerGetsEveryFrameAcrossTheBoundaryWithoutADecodeErrorOrAJump(long boundary) throws Exception {
        List<FlvTag> tags = new ArrayList<>();
        Path source = out.resolve("source.flv");
        try (FlvReader reader = FlvReader.open(Media.h264Aac()); FlvWriter writer = FlvWriter.create(source,
                new FlvHeader(true, true))) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent() && t.get().timestamp() <= SPAN_MS; t = reader.next()) {
                tags.add(t.get());
                writer.write(t.get());
            }
        }
        FlvFrames published = FlvFrames.read(source);
        String url = "rtmp://127.0.0.1:" + server.port() + "/live/clock";
        Path output = out.resolve("player.flv");
        Ffmpeg.Run player = ffmpeg.start("player", "-i", url, "-c", "copy", "-f", "flv", output.toString());
        observed.await("play clock", 30);

        long shift = boundary - BEFORE_BOUNDARY_MS;
        try (RtmpClient client = RtmpClient.connect(URI.create(url), ClientOptions.defaults());
                Publisher publisher = client.publish("clock")) {
            for (FlvTag t : tags) {
                publisher.send(new FlvTag(t.type(), (int) (t.timestamp() + shift), t.body()));
            }
        }
        player.awaitSuccess(Duration.ofSeconds(60)); // ends on NetStream.Play.UnpublishNotify

        assertThat(ffmpeg.decodeErrors(output)).as("decode errors").isEmpty();
        published.assertReceivedAll(FlvFrames.read(output), "ffmpeg player");
        List<Long> videoTimestamps = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(output)) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                if (t.get().type() == FlvTagType.VIDEO) {
                    videoTimestamps.add(Integer.toUnsignedLong(t.get().timestamp()));
                }
            }
        }
        long first = videoTimestamps.get(0);
        long last = videoTimestamps.get(videoTimestamps.size() - 1);
        assertThat(last - first).as("span of ffmpeg's recorded video timestamps: no jump at the boundary")
                .isBetween(SPAN_MS - 200L, (long) SPAN_MS);
        for (int i = 1; i < videoTimestamps.size(); i++) {
            assertThat(videoTimestamps.get(i) - videoTimestamps.get(i - 1)).as("video step %d", i).isBetween(0L, 200L);
        }
    }
}
