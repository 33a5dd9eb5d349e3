package org.rtmp4j.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rtmp4j.live.StreamKey;

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
    void aSelectorBeforeTheCommandChoosesStreamsByAppAndKeyGlobs() {
        ExecCommand c = ExecCommand.parse("live/cam*=ffmpeg -i {url} -metadata title=x");
        assertThat(c.appGlob()).isEqualTo("live");
        assertThat(c.keyGlob()).isEqualTo("cam*");
        assertThat(c.line()).isEqualTo("ffmpeg -i {url} -metadata title=x");
        assertThat(c.arguments()).containsExactly("ffmpeg", "-i", "{url}", "-metadata", "title=x");
        assertThat(c.selects(new StreamKey("live", "cam2"))).isTrue();
        assertThat(c.selects(new StreamKey("live", "other"))).isFalse();
        assertThat(c.selects(new StreamKey("vod", "cam2"))).isFalse();
        ExecCommand nested = ExecCommand.parse("a/b/*=tool {key}");
        assertThat(nested.appGlob()).isEqualTo("a/b");
        assertThat(nested.selects(new StreamKey("a/b", "x"))).isTrue();
    }

    @Test
    void withoutASelectorEveryStreamIsSelectedAndAnEqualsSignInACommandIsNotOne() {
        for (String line : new String[] {"ffmpeg -i {url} -metadata title=a/b", "/usr/bin/tool=x {key}",
                "./bin/run=1 {key}", "env FOO=a/b tool", "'live/x'=tool"}) {
            ExecCommand c = ExecCommand.parse(line);
            assertThat(c.appGlob() + "/" + c.keyGlob()).as(line).isEqualTo("*/*");
            assertThat(c.line()).isEqualTo(line);
            assertThat(c.selects(new StreamKey("any", "thing"))).isTrue();
        }
    }

    @Test
    void aSelectorWithoutACommandIsRefusedWithTheOffset() {
        assertThatThrownBy(() -> ExecCommand.parse("live/*=  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty command line after the selector 'live/*='").hasMessageContaining("offset 7");
    }

    @Test
    void anEmptyLineIsRefused() {
        assertThatThrownBy(() -> ExecCommand.parse("   ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty command line");
        assertThatThrownBy(() -> ExecCommand.parse("a 'b")).isInstanceOf(CommandLineException.class);
    }
}
