package org.rtmp4j.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExecCommandTest {
    @Test
    void placeholdersAreReplacedInsideArguments() {
        ExecCommand c = ExecCommand.parse("ffmpeg -i {url} -f rtsp rtsp://127.0.0.1:8554/{app}-{key} {other} {}");
        assertThat(c.expand("rtmp://127.0.0.1:1935/live/cam", "live", "cam")).containsExactly("ffmpeg", "-i",
                "rtmp://127.0.0.1:1935/live/cam", "-f", "rtsp", "rtsp://127.0.0.1:8554/live-cam", "{other}", "{}");
        assertThat(c.line()).startsWith("ffmpeg -i {url}");
    }

    @Test
    void aStreamNameWithSpacesOrQuotesStaysOneArgumentAndIsNotExpandedAgain() {
        ExecCommand c = ExecCommand.parse("tool --name={key} {app}");
        assertThat(c.expand("u", "{key}", "a b' -x \"y")).containsExactly("tool", "--name=a b' -x \"y", "{key}");
    }

    @Test
    void anEmptyLineIsRefused() {
        assertThatThrownBy(() -> ExecCommand.parse("   ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty command line");
        assertThatThrownBy(() -> ExecCommand.parse("a 'b")).isInstanceOf(CommandLineException.class);
    }
}
