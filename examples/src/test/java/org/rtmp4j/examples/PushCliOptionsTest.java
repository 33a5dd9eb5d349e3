package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.relay.PushOptions;
import org.rtmp4j.relay.PushRule;
import picocli.CommandLine;

/** The {@code server} command's push options: rules, defaults as documented, and usage errors. */
class PushCliOptionsTest {
    private final StringWriter err = new StringWriter();

    private CommandLine commandLine() {
        return Main.commandLine().setOut(new PrintWriter(new StringWriter())).setErr(new PrintWriter(err));
    }

    private ServerCommand parse(String... args) {
        return (ServerCommand) commandLine().parseArgs(args).subcommand().commandSpec().userObject();
    }

    private static boolean noPushEnvironment() {
        return System.getenv().keySet().stream().noneMatch(k -> k.startsWith("RTMP_PUSH"));
    }

    @Test
    void theDefaultsAreTheLibrarys() {
        ServerCommand s = parse("server");
        if (noPushEnvironment()) {
            assertThat(s.push.parseRules(commandLine())).isEmpty();
            PushOptions o = s.push.options(commandLine());
            assertThat(o.limits()).isEqualTo(OutboundLimits.DEFAULT);
            assertThat(o.backoff()).isEqualTo(PushOptions.DEFAULT.backoff());
            assertThat(o.client().timeout()).isEqualTo(Duration.ofSeconds(10));
            assertThat(o.stallTimeout()).isEqualTo(PushOptions.DEFAULT.stallTimeout());
        }
    }

    @Test
    void rulesRepeatAndSplitAtCommas() {
        ServerCommand s = parse("server", "--push", "rtmp://a.example/live2", "--push",
                "live/*=rtmp://b.example/in/{key}_hd,rtmp://c.example/x", "--push-max-queue", "1024", "--push-retry-max", "5",
                "--push-timeout", "3");
        var rules = s.push.parseRules(commandLine());
        assertThat(rules).extracting(PushRule::toString).containsExactly("*/*=rtmp://a.example/live2/{key}",
                "live/*=rtmp://b.example/in/{key}_hd", "*/*=rtmp://c.example/x/{key}");
        assertThat(rules.get(1).destinationFor(new StreamKey("live", "cam")))
                .contains(URI.create("rtmp://b.example/in/cam_hd"));
        PushOptions o = s.push.options(commandLine());
        assertThat(o.limits().maxQueued()).isEqualTo(1024 * 1024);
        assertThat(o.limits().highWatermark()).isEqualTo(256 * 1024);
        assertThat(o.backoff().max()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.client().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(o.stallTimeout()).isEqualTo(Duration.ofSeconds(6));
    }

    @Test
    void badValuesAreUsageErrorsNamingTheOption() {
        CommandLine cl = commandLine();
        for (String[] bad : new String[][] {{"--push", "http://h/app"}, {"--push", "live=rtmp://h/app"},
                {"--push-max-queue", "10"}, {"--push-retry-max", "0"}, {"--push-timeout", "0"}}) {
            ServerCommand s = parse("server", bad[0], bad[1]);
            assertThatThrownBy(() -> {
                s.push.parseRules(cl);
                s.push.options(cl);
            }).as(bad[0] + " " + bad[1]).isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining(bad[0]);
        }
        assertThat(commandLine().execute("server", "--port", "0", "--http-port", "0", "--host", "127.0.0.1",
                "--push", "ftp://h/app")).isNotZero();
        assertThat(err.toString()).contains("--push: push rule 'ftp://h/app': push destination 'ftp://h/app/{key}' is not an rtmp:// or rtmps:// URL");
    }
}
