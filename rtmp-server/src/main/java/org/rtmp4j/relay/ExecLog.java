package org.rtmp4j.relay;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The bounded log of one exec relay: the last {@code maxLines} lines of its processes' merged
 * stdout and stderr, each cut to {@code maxLineLength} characters, plus the supervisor's own lines
 * (started, exited, restarting, stopping) marked {@code [rtmp4j]}. LF, CR and CRLF end a line (so
 * ffmpeg's CR-separated progress lines are lines); bytes are read as UTF-8 (malformed sequences become
 * U+FFFD). Memory stays below about {@code maxLines × maxLineLength} characters whatever the process
 * writes: the bytes of an over-long line past the cap are dropped as they arrive.
 *
 * <p>Thread-safety: thread-safe; one reader thread appends while any thread reads {@link #tail()}.
 */
public final class ExecLog {
    private final int maxLines;
    private final int maxLineLength;
    private final ArrayDeque<String> lines = new ArrayDeque<>(); // guarded by this
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream(); // guarded by this
    private boolean truncated; // the partial line passed maxLineLength; guarded by this
    private boolean afterCr; // the last byte was CR (a following LF ends nothing); guarded by this

    /**
     * @param maxLines lines kept, at least 1
     * @param maxLineLength characters kept of one line, at least 1; longer lines end with {@code …}
     * @throws IllegalArgumentException when a bound is below 1
     */
    public ExecLog(int maxLines, int maxLineLength) {
        if (maxLines < 1 || maxLineLength < 1) {
            throw new IllegalArgumentException("maxLines and maxLineLength must be at least 1: " + maxLines + ", "
                    + maxLineLength);
        }
        this.maxLines = maxLines;
        this.maxLineLength = maxLineLength;
    }

    /**
     * Adds process output.
     *
     * @param bytes the buffer
     * @param offset the first byte
     * @param length how many bytes
     */
    public synchronized void append(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n' && afterCr) {
                afterCr = false;
                continue;
            }
            afterCr = b == '\r';
            if (b == '\n' || b == '\r') {
                endLine();
            } else if (partial.size() < maxLineLength * 4) { // UTF-8: at most 4 bytes per character
                partial.write(b);
            } else {
                truncated = true;
            }
        }
    }

    /** Ends a partial last line (the process's output ended without a newline). */
    public synchronized void flush() {
        if (partial.size() > 0 || truncated) {
            endLine();
        }
        afterCr = false;
    }

    /**
     * Adds a line of the supervisor's, prefixed {@code [rtmp4j] }, after ending any partial line.
     *
     * @param message the line
     */
    public synchronized void note(String message) {
        flush();
        add("[rtmp4j] " + message);
    }

    /** @return the kept lines, oldest first */
    public synchronized List<String> tail() {
        return List.copyOf(lines);
    }

    private void endLine() {
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        if (line.length() > maxLineLength) {
            line = line.substring(0, maxLineLength);
            truncated = true;
        }
        add(truncated ? line + "…" : line);
        truncated = false;
    }

    private void add(String line) {
        if (lines.size() == maxLines) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }
}
