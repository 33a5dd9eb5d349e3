package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ffmpeg publishes a generated H.264 + AAC stream to a server running {@link RecordToFlv}. */
@Tag("ffmpeg")
@Timeout(120)
class RecordToFlvIT {
    @RegisterExtension
    final FfmpegServer fixture = FfmpegServer.perTestMethod();

    /** Where RecordToFlv writes: under target/interop, kept after the run for inspection. */
    private Path recordings;
    private ObservingController observed;
    private Ffmpeg ffmpeg;

    @BeforeEach
    void setUp() throws Exception {
        ffmpeg = fixture.ffmpeg();
        recordings = fixture.out().resolve("recordings");
        Ffmpeg.deleteRecursively(recordings);
        observed = fixture.startObserved(new RecordToFlv(recordings, RecordMode.OVERWRITE));
    }

    /**
     * ffmpeg publishes {@code seconds} of testsrc2 (320x240, 25 fps) and a 440 Hz sine, encoded with
     * {@code encoderArgs}, at real time to {@code live/<name>}.
     *
     * @return the recording, closed (RecordToFlv has closed the file when the unpublish event is recorded)
     */
    private Path publishAndRecord(String name, int seconds, String... encoderArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("-re", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", String.valueOf(seconds)));
        args.addAll(List.of(encoderArgs));
        args.addAll(List.of("-f", "flv", fixture.url("live/" + name)));
        ffmpeg.run("publish", Duration.ofSeconds(30), args.toArray(String[]::new));
        observed.await("unpublish", 15);
        return recordings.resolve("live").resolve(name + ".flv");
    }

    @Test
    void recordsAFiveSecondH264AacStreamFromFfmpegFrameForFrame() throws Exception {
        Path file = publishAndRecord("test", 5,
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-pix_fmt", "yuv420p", "-c:a", "aac");

        Ffmpeg.ProbeInfo probe = ffmpeg.probe(file);
        assertThat(probe.stream("video").codecName()).isEqualTo("h264");
        assertThat(probe.stream("video").frames()).as("video frames: 5 s at 25 fps").isEqualTo(125);
        assertThat(probe.stream("audio").codecName()).isEqualTo("aac");
        assertThat(probe.durationSeconds()).isCloseTo(5.0, within(0.5));
        assertThat(ffmpeg.decodeErrors(file)).as("decode errors").isEmpty();
    }

    @Test
    void recordsAnEnhancedRtmpHevcStreamFromFfmpeg() throws Exception {
        Path file = publishAndRecord("hevc", 2,
                "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", "-g", "25",
                "-pix_fmt", "yuv420p", "-c:a", "aac", "-rtmp_enhanced_codecs", "hvc1");

        Ffmpeg.ProbeInfo probe = ffmpeg.probe(file);
        assertThat(probe.stream("video").codecName()).as("E-RTMP FourCC hvc1").isEqualTo("hevc");
        assertThat(probe.stream("video").frames()).as("video frames: 2 s at 25 fps").isEqualTo(50);
        assertThat(probe.stream("audio").codecName()).isEqualTo("aac");
        assertThat(ffmpeg.decodeErrors(file)).as("decode errors").isEmpty();
    }
}
