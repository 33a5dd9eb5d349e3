package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import java.util.concurrent.TimeUnit;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.live.Ingest;
import org.rtmp4j.live.IngestSource;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.snapshot.DecodeException;
import org.rtmp4j.snapshot.KeyframeDecoder;
import org.rtmp4j.snapshot.KeyframeSample;
import org.rtmp4j.snapshot.SnapshotOptions;
import org.rtmp4j.snapshot.SnapshotResult;
import org.rtmp4j.snapshot.Snapshots;
import org.rtmp4j.snapshot.UnsupportedCodecException;

/**
 * Snapshot decoders against the real ffmpeg the interop tests use (bytedeco's build from Maven Central): the
 * shared E-FLV's AV1 goes past JCodec to {@link FfmpegDecoder} and comes out at the stream's size. Prints the
 * decode time per codec and decoder (the median of {@value #RUNS} runs after one warm-up).
 */
@Timeout(120)
class SnapshotFfmpegIT {
    private static final int RUNS = 5;
    private Ffmpeg ffmpeg;
    private FfmpegDecoder ffmpegDecoder;

    @BeforeEach
    void locate(TestInfo info) throws Exception {
        ffmpeg = Ffmpeg.locate(Ffmpeg.outputDir(getClass(), info.getDisplayName()));
        ffmpegDecoder = FfmpegDecoder.locate(ffmpeg.ffmpegPath().toString(), ffmpeg.environment(),
                Duration.ofSeconds(20), FfmpegDecoder.DEFAULT_MAX_JPEG_BYTES);
    }

    @AfterEach
    void close() {
        ffmpeg.close();
    }

    @Test
    void av1GoesPastJCodecToFfmpegAndHasTheStreamsSize() throws Exception {
        KeyframeDecoder chain = KeyframeDecoder.firstOf(List.of(new JCodecDecoder(), ffmpegDecoder));
        KeyframeSample av1 = KeyframeSamples.keyframe(Media.av1Opus(), 1);
        assertThat(av1.codec()).isEqualTo("av1");
        BufferedImage image = read(chain.decode(av1));
        assertThat(image.getWidth()).isEqualTo(980);
        assertThat(image.getHeight()).isEqualTo(540);
        report("AV1 980x540", "ffmpeg process", av1, ffmpegDecoder);
    }

    @Test
    void h264DecodesInBothDecodersToTheSameSize() throws Exception {
        KeyframeSample h264 = KeyframeSamples.keyframe(Media.h264Aac(), 2);
        for (KeyframeDecoder d : List.of(new JCodecDecoder(), ffmpegDecoder)) {
            BufferedImage image = read(d.decode(h264));
            assertThat(image.getWidth()).isEqualTo(768);
            assertThat(image.getHeight()).isEqualTo(320);
        }
        report("H.264 768x320", "JCodec in process", h264, new JCodecDecoder());
        report("H.264 768x320", "ffmpeg process", h264, ffmpegDecoder);
    }

    @Test
    void aCorruptKeyframeFailsInFfmpegTooAndLeavesNoProcess() throws Exception {
        KeyframeSample corrupt = KeyframeSamples.corrupted(KeyframeSamples.keyframe(Media.av1Opus(), 1), 5 + 2);
        assertThatThrownBy(() -> ffmpegDecoder.decode(corrupt)).isInstanceOf(DecodeException.class)
                .hasMessageContaining("ffmpeg exit code");
        assertThat(ProcessHandle.current().children().filter(p -> p.info().command().orElse("").endsWith("ffmpeg")))
                .as("ffmpeg children left").isEmpty();
    }

    @Test
    void aCorruptH264KeyframeThroughTheChainIs500WithinTheTimeoutAndThePoolStaysUsable() throws Exception {
        KeyframeDecoder chain = KeyframeDecoder.firstOf(List.of(new JCodecDecoder(), ffmpegDecoder));
        LiveBroadcastController relay = new LiveBroadcastController();
        Duration timeout = Duration.ofSeconds(3);
        try (Snapshots snapshots = new Snapshots(relay, chain, SnapshotOptions.DEFAULT.withTimeout(timeout)
                .withInterval(Duration.ZERO))) {
            StreamKey key = new StreamKey("live", "corrupt");
            Ingest ingest = relay.publish(key, new IngestSource() {
                @Override
                public String id() {
                    return "test";
                }

                @Override
                public void close() {}
            });
            KeyframeSample good = KeyframeSamples.keyframe(Media.h264Aac(), 2);
            KeyframeSample corrupt = KeyframeSamples.corrupted(good, 5 + 4 + 8);
            ingest.media(new VideoMessage(0, 1, good.sequenceHeader()));
            ingest.media(new VideoMessage(40, 1, corrupt.keyframe()));

            long start = System.nanoTime();
            SnapshotResult r = snapshots.snapshot(key).get(timeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
            long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertThat(r).isInstanceOf(SnapshotResult.Unavailable.class);
            SnapshotResult.Unavailable u = (SnapshotResult.Unavailable) r;
            System.out.printf("corrupt H.264 keyframe through JCodec then ffmpeg: %s (HTTP %d) in %d ms: %s%n", u.reason(),
                    u.reason().httpStatus(), tookMs, u.detail());
            assertThat(u.reason().httpStatus()).isIn(500, 503);
            assertThat(tookMs).isLessThan(timeout.toMillis() + 1000);
            assertThat(snapshots.stats().poolThreads()).isLessThanOrEqualTo(SnapshotOptions.DEFAULT_THREADS);

            ingest.media(new VideoMessage(80, 1, good.keyframe())); // the next keyframe is fine: the pool still decodes
            SnapshotResult next = snapshots.snapshot(key).get(timeout.toMillis() + 5000, TimeUnit.MILLISECONDS);
            assertThat(next).isInstanceOf(SnapshotResult.Image.class);
            assertThat(snapshots.stats().poolThreads()).isLessThanOrEqualTo(SnapshotOptions.DEFAULT_THREADS);
        }
    }

    @Test
    void anAbsentFfmpegRefusesSoTheChainSays503() {
        FfmpegDecoder absent = FfmpegDecoder.locate("no-such-ffmpeg-" + ProcessHandle.current().pid(), java.util.Map.of(),
                Duration.ofSeconds(1), 1024);
        assertThat(absent.ffmpeg()).isNull();
        assertThatThrownBy(() -> KeyframeDecoder.firstOf(List.of(new JCodecDecoder(), absent))
                .decode(KeyframeSamples.keyframe(Media.av1Opus(), 1)))
                .isInstanceOf(UnsupportedCodecException.class)
                .hasMessageContaining("not av1").hasMessageContaining("ffmpeg not found");
    }

    private static BufferedImage read(byte[] jpeg) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
        assertThat(image).as("a JPEG ImageIO reads back").isNotNull();
        return image;
    }

    /** Prints the median decode time of {@code RUNS} decodes after a warm-up one. */
    private static void report(String what, String how, KeyframeSample sample, KeyframeDecoder decoder) throws Exception {
        decoder.decode(sample);
        long[] micros = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            decoder.decode(sample);
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        java.util.Arrays.sort(micros);
        System.out.printf("snapshot decode time: %s keyframe (%d bytes), %s: median %.1f ms (min %.1f, max %.1f) of %d runs%n",
                what, sample.keyframe().remaining(), how, micros[RUNS / 2] / 1000.0, micros[0] / 1000.0,
                micros[RUNS - 1] / 1000.0, RUNS);
    }

}
