package org.rtmp4j.examples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

/** The {@code load} option {@code --publisher-restart-every} and its duration syntax. */
class LoadCommandOptionsTest {
    private final StringWriter err = new StringWriter();

    private CommandLine commandLine() {
        return new CommandLine(new LoadCommand()).setErr(new PrintWriter(err)).setOut(new PrintWriter(new StringWriter()));
    }

    private LoadCommand parse(String... args) {
        CommandLine cl = commandLine();
        cl.parseArgs(args);
        return (LoadCommand) cl.getCommandSpec().userObject();
    }

    @Test
    void durationsTakeMillisecondsSecondsMinutesHoursOrABareNumberOfSeconds() {
        DurationConverter c = new DurationConverter();
        assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(c.convert("60s")).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.convert("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(c.convert("1H")).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> c.convert("-5s")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> c.convert("5 days")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> c.convert("")).isInstanceOf(TypeConversionException.class);
        assertThatThrownBy(() -> c.convert("99999999999s")).isInstanceOf(TypeConversionException.class);
    }

    @Test
    void publisherRestartsDefaultToNeverAndParse() {
        assertThat(parse("rtmp://127.0.0.1/live/k").publisherRestartEvery).isZero();
        assertThat(parse("rtmp://127.0.0.1/live/k", "--synthetic", "500", "--publisher-restart-every", "60s")
                .publisherRestartEvery).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void restartingWithoutAPublisherIsAUsageError() {
        int code = commandLine().execute("rtmp://127.0.0.1:1/live/k", "--publisher-restart-every", "1s");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--publisher-restart-every needs --publish or --synthetic");
    }

    @Test
    void theSyntheticPublisherDefaultsTo30FpsWithAudio() {
        LoadCommand c = parse("rtmp://127.0.0.1/live/k", "--synthetic", "2000");
        assertThat(c.fps).isEqualTo(30);
        assertThat(c.noAudio).isFalse();
        LoadCommand d = parse("rtmp://127.0.0.1/live/k", "--synthetic", "2000", "--fps", "25", "--no-audio");
        assertThat(d.fps).isEqualTo(25);
        assertThat(d.noAudio).isTrue();
    }

    @Test
    void aBitRateBelowTheAudiosIsAUsageErrorThatPointsAtNoAudio() {
        int code = commandLine().execute("rtmp://127.0.0.1:1/live/k", "--synthetic", "100");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--synthetic 100 kbit/s leaves no room for video").contains("--no-audio");
        assertThat(commandLine().execute("rtmp://127.0.0.1:1/live/k", "--synthetic", "2000", "--fps", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--fps must be 1 to 240: 0");
    }

    @Test
    void publishingToAnHttpUrlIsAUsageError() {
        int code = commandLine().execute("http://127.0.0.1:1/live/k.flv", "--synthetic", "500");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("need an rtmp:// URL to publish to; give the HTTP-FLV URL with --http-flv");
    }

    @Test
    void httpFlvNeedsAnHttpUrl() {
        int code = commandLine().execute("rtmp://127.0.0.1:1/live/k", "--http-flv", "rtmp://127.0.0.1:1/live/k");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--http-flv must be http://HOST[:PORT]/APP/KEY.flv");
    }
}
