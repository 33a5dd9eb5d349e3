package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's embedded files are the repository's files: each block between {@code <!-- BEGIN path -->} and
 * {@code <!-- END path -->} holds one fenced code block whose text equals the file at {@code path} (relative
 * to the checkout), so a README example can never drift from code that the build compiles.
 */
class ReadmeTest {
    private static final Path ROOT = Path.of("..");
    private static final Pattern BLOCK = Pattern.compile(
            "<!-- BEGIN (\\S+) -->\\n```[a-z]*\\n(.*?)```\\n<!-- END \\1 -->", Pattern.DOTALL);

    @Test
    void everyEmbeddedFileEqualsTheFileInTheRepository() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        List<String> embedded = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            embedded.add(m.group(1));
            assertThat(m.group(2)).as("README block for %s", m.group(1))
                    .isEqualTo(Files.readString(ROOT.resolve(m.group(1))));
        }
        assertThat(embedded).as("BEGIN markers with a matching END and one fenced block")
                .hasSize(countOf(readme, "<!-- BEGIN "))
                .contains("examples/src/main/java/org/rtmp4j/examples/RecordToFlv.java",
                        "docs/consumer-example/pom.xml",
                        "docs/consumer-example/src/main/java/com/example/LiveServer.java");
    }

    private static int countOf(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
