package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rtmp4j.hls.HlsContainer;
import org.rtmp4j.hls.HlsOptions;
import picocli.CommandLine;

/** The {@code server} command's HLS options: defaults as documented, values, and usage errors. */
class HlsCliOptionsTest {
    private final StringWriter err = new StringWriter();

    private CommandLine commandLine() {
        return Main.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err));
    }

    private ServerCommand parse(String... args) {
        return (ServerCommand) commandLine().parseArgs(args).subcommand().commandSpec().userObject();
    }

    private static boolean noHlsEnvironment() {
        return System.getenv().keySet().stream().noneMatch(k -> k.startsWith("RTMP_HLS"));
    }

    @Test
    void theDefaultsAreTheLibrarysHlsOnWithHttp() {
        ServerCommand s = parse("server");
        if (noHlsEnvironment()) {
            assertThat(s.hls.enabled).isTrue();
            assertThat(s.hls.dir).isNull();
            assertThat(s.hls.options(commandLine())).isEqualTo(HlsOptions.defaults());
        }
    }

    @Test
    void everyOptionParses() {
        ServerCommand s = parse("server", "--no-hls", "--hls-segment-duration", "4s", "--hls-segments", "5",
                "--hls-part-duration", "333ms", "--no-ll-hls", "--hls-container", "MpegTs", "--hls-always-on",
                "--hls-dir", "out/hls");
        assertThat(s.hls.enabled).isFalse();
        assertThat(s.hls.dir).isEqualTo(Path.of("out/hls"));
        HlsOptions o = s.hls.options(commandLine());
        assertThat(o.segmentDuration()).isEqualTo(Duration.ofSeconds(4));
        assertThat(o.segmentsKept()).isEqualTo(5);
        assertThat(o.partDuration()).isEqualTo(Duration.ofMillis(333));
        assertThat(o.lowLatency()).isFalse();
        assertThat(o.container()).isEqualTo(HlsContainer.MPEGTS);
        assertThat(o.alwaysOn()).isTrue();
        assertThat(HlsCliOptions.duration(commandLine(), "--x", "1.5")).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void badValuesAreUsageErrorsNamingTheOption() {
        CommandLine cl = commandLine();
        for (String[] bad : new String[][] {{"--hls-container", "webm"}, {"--hls-segments", "0"},
                {"--hls-segment-duration", "two"}, {"--hls-part-duration", "0ms"},
                {"--hls-part-duration", "3s"}}) {
            ServerCommand s = parse(new String[] {"server", bad[0], bad[1]});
            assertThatThrownBy(() -> s.hls.options(cl)).as(bad[0] + " " + bad[1])
                    .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining(bad[0].equals("--hls-part-duration")
                            && bad[1].equals("3s") ? "partDuration" : bad[0]);
        }
        assertThat(commandLine().execute("server", "--port", "0", "--http-port", "0", "--host", "127.0.0.1",
                "--hls-container", "webm")).isNotZero();
        assertThat(err.toString()).contains("--hls-container must be fmp4 or mpegts: webm");
    }
}
