package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code server --snapshot-*} (issue 14 §5) through picocli, in process. */
class SnapshotCliOptionsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine commandLine() {
        return Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    }

    private ServerCommand parse(String... args) {
        return (ServerCommand) commandLine().parseArgs(args).subcommand().commandSpec().userObject();
    }

    @Test
    void defaultsAre5sAnd3sFfmpegOnThePathAndNoDirectory() {
        SnapshotCliOptions s = parse("server").snapshots;
        if (System.getenv("RTMP_SNAPSHOT_INTERVAL") == null) {
            assertThat(s.interval).isEqualTo(Duration.ofSeconds(5));
        }
        if (System.getenv("RTMP_SNAPSHOT_TIMEOUT") == null) {
            assertThat(s.timeout).isEqualTo(Duration.ofSeconds(3));
        }
        if (System.getenv("RTMP_SNAPSHOT_FFMPEG") == null) {
            assertThat(s.ffmpeg).isEqualTo("ffmpeg");
        }
        if (System.getenv("RTMP_SNAPSHOT_DIR") == null) {
            assertThat(s.dir).isNull();
        }
    }

    @Test
    void theOptionsParseWithUnits() {
        SnapshotCliOptions s = parse("server", "--snapshot-interval", "500ms", "--snapshot-timeout", "2m",
                "--snapshot-ffmpeg", "/opt/ffmpeg/bin/ffmpeg", "--snapshot-dir", "thumbs").snapshots;
        assertThat(s.interval).isEqualTo(Duration.ofMillis(500));
        assertThat(s.timeout).isEqualTo(Duration.ofMinutes(2));
        assertThat(s.ffmpeg).isEqualTo("/opt/ffmpeg/bin/ffmpeg");
        assertThat(s.dir).isEqualTo(Path.of("thumbs"));
        assertThat(s.options().interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.options().timeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aZeroTimeoutOrABadDurationIsAUsageError() {
        assertThat(commandLine().execute("server", "--port", "0", "--host", "127.0.0.1", "--snapshot-timeout", "0"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--snapshot-timeout must be more than 0");
        assertThat(commandLine().execute("server", "--port", "0", "--host", "127.0.0.1", "--snapshot-interval", "5 parsecs"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--snapshot-interval");
    }

    @Test
    void helpListsTheOptions() {
        assertThat(commandLine().execute("server", "--help")).isZero();
        assertThat(out.toString()).contains("--snapshot-interval=DURATION", "--snapshot-timeout=DURATION",
                "--snapshot-ffmpeg=PATH", "--snapshot-dir=DIR", "RTMP_SNAPSHOT_FFMPEG");
    }

    @Test
    void anAbsentFfmpegIsFoundNowhereAndAPathIsTakenAsIs(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        assertThat(FfmpegDecoder.find("ffmpeg", dir.toString())).isNull();
        Path fake = java.nio.file.Files.createFile(dir.resolve("ffmpeg"));
        assertThat(FfmpegDecoder.find("ffmpeg", dir.toString())).as("not executable").isNull();
        assertThat(fake.toFile().setExecutable(true)).isTrue();
        assertThat(FfmpegDecoder.find("ffmpeg", "/nonexistent" + java.io.File.pathSeparator + dir)).isEqualTo(fake);
        assertThat(FfmpegDecoder.find(fake.toString(), "")).isEqualTo(fake);
    }
}
