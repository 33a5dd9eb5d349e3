package org.rtmp4j.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Fuzzes {@link CommandLineSplitter}: any text either splits or fails with a
 * {@link CommandLineException} whose offset is inside the line and names a quote or a backslash; the
 * arguments it gives, each single-quoted again ({@code '} as {@code '\''}), split back into the same
 * arguments, so quoting loses nothing.
 *
 * <p>Regression inputs: {@code src/test/resources/org/rtmp4j/relay/CommandLineSplitterFuzzTestInputs/split/}.
 */
class CommandLineSplitterFuzzTest {
    @FuzzTest
    void split(byte[] data) {
        String line = new String(data, StandardCharsets.UTF_8);
        List<String> args;
        try {
            args = CommandLineSplitter.split(line);
        } catch (CommandLineException e) {
            assertThat(e.offset()).isBetween(0, line.length() - 1);
            assertThat(line.charAt(e.offset())).isIn('\'', '"', '\\');
            assertThat(e.reason()).isNotBlank();
            return;
        }
        String quoted = args.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
        assertThat(CommandLineSplitter.split(quoted)).isEqualTo(args);
    }
}
