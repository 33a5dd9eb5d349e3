package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.relay.ExecCommand;
import picocli.CommandLine;

/** The {@code server} options of exec relays: {@code --exec}, {@code --exec-grace}, {@code --exec-max}, {@code --exec-api}. */
class ExecCliOptionsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine commandLine() {
        return Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    }

    private ServerCommand parse(String... args) {
        return (ServerCommand) commandLine().parseArgs(args).subcommand().commandSpec().userObject();
    }

    @Test
    void noCommandByDefaultFiveSecondsGraceAndNoApi() {
        ServerCommand s = parse("server");
        String env = System.getenv("RTMP_EXEC");
        assertThat(s.exec.commands).isEqualTo(env == null ? List.of() : List.of(env));
        if (System.getenv("RTMP_EXEC_GRACE") == null) {
            assertThat(s.exec.grace).isEqualTo(Duration.ofSeconds(5));
        }
        if (System.getenv("RTMP_EXEC_API") == null) {
            assertThat(s.exec.api).isFalse();
        }
    }

    @Test
    void theOptionsRepeatAndParseIntoCommands() {
        ServerCommand s = parse("server", "--exec", "ffmpeg -i {url} -f rtsp 'rtsp://h/{key}'", "--exec", "echo \"a b\"",
                "--exec-grace", "500ms", "--exec-max", "3", "--exec-api");
        List<ExecCommand> commands = s.exec.validate(new CommandLine(s));
        assertThat(commands).extracting(ExecCommand::arguments).containsExactly(
                List.of("ffmpeg", "-i", "{url}", "-f", "rtsp", "rtsp://h/{key}"), List.of("echo", "a b"));
        assertThat(s.exec.options().grace()).isEqualTo(Duration.ofMillis(500));
        assertThat(s.exec.options().maxProcesses()).isEqualTo(3);
        assertThat(s.exec.api).isTrue();
    }

    @Test
    void aSelectorLimitsACommandToTheStreamsItMatchesAsPushRulesDo() {
        ServerCommand s = parse("server", "--exec", "live/cam*=ffmpeg -i {url} -f flv out-{key}.flv", "--exec", "echo {key}");
        List<ExecCommand> commands = s.exec.validate(new CommandLine(s));
        assertThat(commands.get(0).arguments()).containsExactly("ffmpeg", "-i", "{url}", "-f", "flv", "out-{key}.flv");
        assertThat(commands.get(0).selects(new StreamKey("live", "cam7"))).isTrue();
        assertThat(commands.get(0).selects(new StreamKey("live", "studio"))).isFalse();
        assertThat(commands.get(1).selects(new StreamKey("live", "studio"))).isTrue();
        assertThat(commandLine().execute("server", "--port", "0", "--host", "127.0.0.1", "--no-http", "--exec", "live/*="))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--exec 'live/*=': empty command line after the selector 'live/*=' (offset 7)");
    }

    @Test
    void aCommandThatCannotBeSplitIsAUsageErrorNamingTheOffset() {
        assertThat(commandLine().execute("server", "--port", "0", "--host", "127.0.0.1", "--no-http", "--exec", "ffmpeg -i 'x"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--exec 'ffmpeg -i 'x': bad command line at offset 10: unterminated single quote");
    }

    @Test
    void aZeroGraceIsAUsageError() {
        assertThat(commandLine().execute("server", "--port", "0", "--host", "127.0.0.1", "--no-http", "--exec-grace", "0s"))
                .isEqualTo(2);
        assertThat(err.toString()).contains("--exec-grace must be more than 0");
    }

    @Test
    void helpListsTheEnvironmentVariables() {
        assertThat(commandLine().execute("server", "--help")).isZero();
        assertThat(out.toString()).contains("RTMP_EXEC", "RTMP_EXEC_GRACE", "RTMP_EXEC_MAX", "RTMP_EXEC_API");
    }
}
