package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ffmpeg publishes a key twice (a reconnect) to {@link RecordToFlv} in {@link RecordMode#APPEND}; ffprobe reads the result. */
@Tag("ffmpeg")
@Timeout(120)
class RecordAppendIT {
    @RegisterExtension
    final FfmpegServer fixture = FfmpegServer.perTestMethod();

    private Path recordings;
    private ObservingController observed;
    private Ffmpeg ffmpeg;

    @BeforeEach
    void setUp() throws Exception {
        ffmpeg = fixture.ffmpeg();
        recordings = fixture.out().resolve("recordings");
        Ffmpeg.deleteRecursively(recordings);
        observed = fixture.startObserved(new RecordToFlv(recordings, RecordMode.APPEND));
    }

    /** ffmpeg publishes 2 s of testsrc2 ({@code size}, 25 fps, H.264) and a sine (AAC) at real time to live/cam. */
    private void publish(String size) throws Exception {
        ffmpeg.run("publish", Duration.ofSeconds(30), "-re", "-f", "lavfi", "-i", "testsrc2=size=" + size + ":rate=25",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100", "-t", "2",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac",
                "-f", "flv", fixture.url("live/cam"));
        observed.await("unpublish", 15);
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(recordings.resolve("live"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aReconnectWithTheSameEncoderSettingsContinuesOneFileThatDecodesWithoutErrors() throws Exception {
        publish("320x240");
        publish("320x240");

        assertThat(files()).containsExactly("cam.flv");
        Path file = recordings.resolve("live/cam.flv");
        Ffmpeg.ProbeInfo probe = ffmpeg.probe(file);
        assertThat(probe.stream("video").frames()).as("video frames: 2 x 2 s at 25 fps").isEqualTo(100);
        assertThat(probe.durationSeconds()).as("onMetaData duration, patched").isCloseTo(4.0, within(0.5));
        assertThat(ffmpeg.decodeErrors(file)).as("decode errors").isEmpty();
    }

    @Test
    void aReconnectWithAnotherFrameSizeGoesToAUniqueFile() throws Exception {
        publish("320x240");
        publish("640x360"); // another SPS: another AVC sequence header

        List<String> files = files();
        assertThat(files).hasSize(2).contains("cam.flv");
        assertThat(files.get(0)).matches("cam-\\d{8}-\\d{6}\\.flv");
        assertThat(ffmpeg.probe(recordings.resolve("live/cam.flv")).stream("video").frames()).isEqualTo(50);
        assertThat(ffmpeg.probe(recordings.resolve("live").resolve(files.get(0))).stream("video").frames()).isEqualTo(50);
    }
}
