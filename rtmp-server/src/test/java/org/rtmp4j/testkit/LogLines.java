package org.rtmp4j.testkit;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Captures the log lines of a test. The tests' SLF4J binding (slf4j-simple, without output caching)
 * looks {@code System.err} up at every line, so replacing it with a tee (the console and a buffer)
 * sees every line logged until {@link #close()} puts the original back. Tests in a JVM run one at a
 * time, so the lines are the test's own (and its server's).
 */
public final class LogLines implements AutoCloseable {
    private final PrintStream original = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    /** Starts capturing: {@code System.err} becomes a tee until {@link #close()}. */
    public LogLines() {
        OutputStream tee = new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (captured) {
                    captured.write(b);
                }
            }

            @Override
            public void write(byte[] b, int off, int len) {
                original.write(b, off, len);
                synchronized (captured) {
                    captured.write(b, off, len);
                }
            }
        };
        System.setErr(new PrintStream(tee, true, StandardCharsets.UTF_8));
    }

    /** @return every complete line logged so far that contains {@code text} */
    public List<String> containing(String text) {
        String all;
        synchronized (captured) {
            all = captured.toString(StandardCharsets.UTF_8);
        }
        int end = all.lastIndexOf('\n');
        return end < 0 ? List.of() : all.substring(0, end).lines().filter(l -> l.contains(text)).toList();
    }

    @Override
    public void close() {
        System.setErr(original);
    }
}
