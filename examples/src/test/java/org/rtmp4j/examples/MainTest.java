package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

class MainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine commandLine() {
        return Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    }

    @Test
    void serverDefaultsToAllInterfacesOnPort1935UnlessTheEnvironmentSaysOtherwise() {
        ParseResult parsed = commandLine().parseArgs("server");
        ServerCommand server = (ServerCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(server.server.host).isEqualTo(envOr("RTMP_HOST", "0.0.0.0"));
        assertThat(server.server.port).isEqualTo(Integer.parseInt(envOr("RTMP_PORT", "1935")));
        assertThat(server.recordDir).isNull();
    }

    @Test
    void serverOptionsParse() {
        ParseResult parsed = commandLine().parseArgs(
                "server", "--host", "127.0.0.1", "--port", "0", "--max-streams", "7", "--log-level", "DEBUG", "--record-dir", "rec");
        ServerCommand server = (ServerCommand) parsed.subcommand().commandSpec().userObject();
        assertThat(server.server.host).isEqualTo("127.0.0.1");
        assertThat(server.server.port).isZero();
        assertThat(server.maxStreams).isEqualTo(7);
        assertThat(server.server.logging.level).isEqualTo(LogLevel.DEBUG);
        assertThat(server.recordDir).isEqualTo(Path.of("rec"));
    }

    @Test
    void helpListsTheEnvironmentVariables() {
        int code = commandLine().execute("server", "--help");
        assertThat(code).isZero();
        assertThat(out.toString()).contains("RTMP_HOST", "RTMP_PORT", "RTMP_LOG_LEVEL", "RTMP_MAX_STREAMS", "--record-dir");
    }

    @Test
    void aMissingCommandIsAUsageError() {
        assertThat(commandLine().execute()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command");
    }

    @Test
    void publishRejectsANonRtmpUrlAsAUsageError() {
        assertThat(commandLine().execute("publish", "in.flv", "http://example.invalid/live/key")).isEqualTo(2);
        assertThat(err.toString()).contains("Expected rtmp://HOST[:PORT]/APP/KEY");
    }

    @Test
    void playRejectsAUrlWithoutAStreamKey() {
        assertThat(commandLine().execute("play", "rtmp://127.0.0.1/live", "out.flv")).isEqualTo(2);
        assertThat(err.toString()).contains("Expected rtmp://HOST[:PORT]/APP/KEY");
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }
}
