package org.rtmp4j.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandLineSplitterTest {
    @Test
    void whitespaceSeparatesAndRunsCountAsOne() {
        assertThat(CommandLineSplitter.split("  ffmpeg\t-i  {url}\n-f\r\nflv  ")).containsExactly("ffmpeg", "-i", "{url}", "-f", "flv");
        assertThat(CommandLineSplitter.split("")).isEmpty();
        assertThat(CommandLineSplitter.split(" \t ")).isEmpty();
    }

    @Test
    void singleQuotesKeepEverythingLiteral() {
        assertThat(CommandLineSplitter.split("echo 'a b' 'c\\d' '\"'")).containsExactly("echo", "a b", "c\\d", "\"");
    }

    @Test
    void doubleQuotesEscapeOnlyQuoteAndBackslash() {
        assertThat(CommandLineSplitter.split("x \"a \\\"b\\\" \\\\ \\n $HOME\"")).containsExactly("x", "a \"b\" \\ \\n $HOME");
    }

    @Test
    void unquotedBackslashEscapesTheNextCharacter() {
        assertThat(CommandLineSplitter.split("a\\ b c\\'d \\\\")).containsExactly("a b", "c'd", "\\");
    }

    @Test
    void adjacentPartsJoinAndEmptyQuotesGiveAnEmptyArgument() {
        assertThat(CommandLineSplitter.split("a'b c'd\"e\"f '' \"\"")).containsExactly("ab cdef", "", "");
    }

    @Test
    void shellSyntaxIsPlainText() {
        assertThat(CommandLineSplitter.split("a|b > c; $(rm) * &")).containsExactly("a|b", ">", "c;", "$(rm)", "*", "&");
    }

    @Test
    void badInputNamesTheOffset() {
        assertThatThrownBy(() -> CommandLineSplitter.split("ffmpeg -i 'oops"))
                .isInstanceOfSatisfying(CommandLineException.class, e -> {
                    assertThat(e.offset()).isEqualTo(10);
                    assertThat(e.reason()).isEqualTo("unterminated single quote");
                    assertThat(e).hasMessage("bad command line at offset 10: unterminated single quote");
                });
        assertThatThrownBy(() -> CommandLineSplitter.split("a \"b\\\""))
                .isInstanceOfSatisfying(CommandLineException.class, e -> assertThat(e.offset()).isEqualTo(2));
        assertThatThrownBy(() -> CommandLineSplitter.split("a b\\"))
                .isInstanceOfSatisfying(CommandLineException.class, e -> assertThat(e.offset()).isEqualTo(3));
    }

    @Test
    void theIssuesExampleSplitsIntoItsNineArguments() {
        assertThat(CommandLineSplitter.split("ffmpeg -i {url} -c copy -f rtsp rtsp://127.0.0.1:8554/{key}"))
                .isEqualTo(List.of("ffmpeg", "-i", "{url}", "-c", "copy", "-f", "rtsp", "rtsp://127.0.0.1:8554/{key}"));
    }
}
