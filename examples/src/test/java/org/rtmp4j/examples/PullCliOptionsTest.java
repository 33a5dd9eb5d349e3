package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code server} command's pull options (issue 15 §2): {@code --pull}, {@code --origin}, {@code --origin-idle}. */
class PullCliOptionsTest {
    private final StringWriter err = new StringWriter();

    private CommandLine commandLine() {
        return Main.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err));
    }

    private PullCliOptions parse(String... args) {
        return ((ServerCommand) commandLine().parseArgs(args).subcommand().commandSpec().userObject()).pull;
    }

    @Test
    void pullsAndOriginsRepeatAndSplitOnCommasAndTheIdleDelayDefaultsTo10Seconds() {
        PullCliOptions p = parse("server", "--pull", "rtmp://a/live/cam,rtmp://b/live/cam=copy/cam", "--pull",
                "rtmp://c/live/x", "--origin", "rtmp://o1/live", "--origin", "rtmp://o2/live");
        assertThat(p.pulls).containsExactly("rtmp://a/live/cam", "rtmp://b/live/cam=copy/cam", "rtmp://c/live/x");
        assertThat(p.origins).containsExactly("rtmp://o1/live", "rtmp://o2/live");
        String env = System.getenv("RTMP_ORIGIN_IDLE");
        assertThat(p.originIdleSeconds).isEqualTo(env == null ? 10.0 : Double.parseDouble(env));
        assertThat(parse("server", "--origin-idle", "2.5").originIdleSeconds).isEqualTo(2.5);
    }

    @Test
    void aMalformedPullIsRefusedWithTheReason() {
        assertThat(commandLine().execute("server", "--port", "0", "--host", "127.0.0.1", "--no-http", "--pull",
                "rtmp://origin/live")).isNotZero();
        assertThat(err.toString()).contains("--pull rtmp://origin/live").contains("stream key");
    }

    @Test
    void aMalformedOriginIsRefusedWithTheReason() {
        assertThat(commandLine().execute("server", "--port", "0", "--host", "127.0.0.1", "--no-http", "--origin",
                "http://origin/live")).isNotZero();
        assertThat(err.toString()).contains("--origin http://origin/live").contains("rtmp://");
    }

    @Test
    void aNegativeIdleDelayIsRefused() {
        assertThat(commandLine().execute("server", "--port", "0", "--host", "127.0.0.1", "--no-http", "--origin-idle",
                "-1")).isNotZero();
        assertThat(err.toString()).contains("--origin-idle must be 0..86400 seconds");
    }
}
