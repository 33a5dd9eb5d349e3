package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code --record-mode} on {@code server} and {@code record}. */
class RecordModeOptionTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine commandLine() {
        return Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    }

    private Object parse(String... args) {
        return commandLine().parseArgs(args).subcommand().commandSpec().userObject();
    }

    @Test
    void defaultsToUniqueUnlessTheEnvironmentSaysOtherwise() {
        String env = System.getenv("RTMP_RECORD_MODE");
        RecordMode expected = env == null ? RecordMode.UNIQUE : RecordMode.valueOf(env.toUpperCase(java.util.Locale.ROOT));
        assertThat(((ServerCommand) parse("server")).recordMode.mode).isEqualTo(expected);
        assertThat(((RecordCommand) parse("record")).recordMode.mode).isEqualTo(expected);
    }

    @Test
    void parsesEachModeOnServerAndRecord() {
        assertThat(((ServerCommand) parse("server", "--record-mode", "append")).recordMode.mode).isEqualTo(RecordMode.APPEND);
        assertThat(((RecordCommand) parse("record", "--record-mode", "overwrite")).recordMode.mode).isEqualTo(RecordMode.OVERWRITE);
        assertThat(((RecordCommand) parse("record", "--record-mode", "UNIQUE")).recordMode.mode).isEqualTo(RecordMode.UNIQUE);
    }

    @Test
    void anUnknownModeIsAUsageErrorNamingTheChoices() {
        assertThat(commandLine().execute("record", "--record-mode", "keep")).isEqualTo(2);
        assertThat(err.toString()).contains("--record-mode", "keep", "UNIQUE", "APPEND", "OVERWRITE");
    }

    @Test
    void helpNamesTheEnvironmentVariable() {
        assertThat(commandLine().execute("record", "--help")).isZero();
        assertThat(out.toString()).contains("--record-mode", "RTMP_RECORD_MODE", "unique", "append", "overwrite");
    }
}
