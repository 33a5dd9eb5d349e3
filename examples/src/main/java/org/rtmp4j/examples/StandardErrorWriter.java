package org.rtmp4j.examples;

import java.io.Writer;

/**
 * A {@link Writer} onto whatever {@code System.err} is at each write, for the command line's error
 * lines ({@code rtmp4j COMMAND: message}, {@code play}'s "no media received"). picocli keeps the
 * {@code System.err} it was built with; {@code --log-file} replaces {@code System.err} with a tee
 * later ({@link LogFile}), so error lines written through this writer reach the log file too, as
 * log lines do. Thread-safe as {@code System.err} is.
 */
final class StandardErrorWriter extends Writer {
    @Override
    public void write(char[] cbuf, int off, int len) {
        System.err.print(new String(cbuf, off, len));
    }

    @Override
    public void flush() {
        System.err.flush();
    }

    @Override
    public void close() {
        flush(); // System.err stays open
    }
}
