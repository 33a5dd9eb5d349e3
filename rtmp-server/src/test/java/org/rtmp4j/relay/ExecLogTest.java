package org.rtmp4j.relay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExecLogTest {
    private static void append(ExecLog log, String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        log.append(b, 0, b.length);
    }

    @Test
    void lfCrAndCrlfEndLinesAndPartialLinesWaitForTheirEnd() {
        ExecLog log = new ExecLog(10, 100);
        append(log, "one\ntwo\r\nthr");
        assertThat(log.tail()).containsExactly("one", "two");
        append(log, "ee\rfour\r");
        append(log, "\nfive");
        log.flush();
        assertThat(log.tail()).containsExactly("one", "two", "three", "four", "five");
    }

    @Test
    void keepsTheLastLinesAndCutsLongOnes() {
        ExecLog log = new ExecLog(3, 5);
        append(log, "1\n2\n3\n4\n");
        assertThat(log.tail()).containsExactly("2", "3", "4");
        append(log, "abcdefghijklmnopqrstuvwxyz".repeat(100) + "\n");
        assertThat(log.tail()).last().isEqualTo("abcde…");
    }

    @Test
    void utf8SplitAcrossReadsStaysOneCharacterAndNotesAreMarked() {
        ExecLog log = new ExecLog(5, 50);
        byte[] b = "é\n".getBytes(StandardCharsets.UTF_8);
        log.append(b, 0, 1);
        log.append(b, 1, b.length - 1);
        append(log, "half");
        log.note("started pid 1");
        assertThat(log.tail()).containsExactly("é", "half", "[rtmp4j] started pid 1");
    }
}
