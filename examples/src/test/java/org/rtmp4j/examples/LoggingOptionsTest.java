package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** Parsing of the issue 11 §3 options: {@code --log-file}, {@code --[no-]wait-for-publisher}, {@code play --wait}. */
class LoggingOptionsTest {
    private final StringWriter err = new StringWriter();

    private CommandLine commandLine() {
        return Main.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err));
    }

    private ServerCommand server(String... args) {
        ParseResult parsed = commandLine().parseArgs(args);
        return (ServerCommand) parsed.subcommand().commandSpec().userObject();
    }

    @Test
    void serverAndRecordTakeALogFile() {
        assertThat(server("server", "--log-file", "logs/rtmp_server.log").server.logging.file)
                .isEqualTo(Path.of("logs/rtmp_server.log"));
        ParseResult parsed = commandLine().parseArgs("record", "--log-file", "r.log");
        assertThat(((RecordCommand) parsed.subcommand().commandSpec().userObject()).server.logging.file)
                .isEqualTo(Path.of("r.log"));
    }

    @Test
    void playersWaitForThePublisherUnlessToldNotTo() {
        String env = System.getenv("RTMP_WAIT_FOR_PUBLISHER");
        assertThat(server("server").waitForPublisher).isEqualTo(env == null || Boolean.parseBoolean(env));
        assertThat(server("server", "--no-wait-for-publisher").waitForPublisher).isFalse();
        assertThat(server("server", "--wait-for-publisher").waitForPublisher).isTrue();
    }

    @Test
    void playWaitsForeverByDefaultAndRefusesANegativeWait() {
        ParseResult parsed = commandLine().parseArgs("play", "--wait", "5", "rtmp://127.0.0.1/live/k", "o.flv");
        assertThat(((PlayCommand) parsed.subcommand().commandSpec().userObject()).waitSeconds).isEqualTo(5);
        parsed = commandLine().parseArgs("play", "rtmp://127.0.0.1/live/k", "o.flv");
        assertThat(((PlayCommand) parsed.subcommand().commandSpec().userObject()).waitSeconds).isZero();

        assertThat(commandLine().execute("play", "--wait", "-1", "rtmp://127.0.0.1/live/k", "o.flv")).isEqualTo(2);
        assertThat(err.toString()).contains("--wait must be 0 (no limit) or more seconds: -1");
    }
}
