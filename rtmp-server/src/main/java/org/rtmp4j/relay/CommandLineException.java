package org.rtmp4j.relay;

/**
 * A command line that {@link CommandLineSplitter} cannot split: an unterminated quote or a trailing
 * backslash. The HTTP API answers 400 with its message; the CLI exits with a usage error.
 */
public final class CommandLineException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String reason;

    /**
     * @param offset where the problem starts, as a {@code char} index into the command line
     * @param reason what is wrong, e.g. {@code unterminated single quote}
     */
    public CommandLineException(int offset, String reason) {
        super("bad command line at offset " + offset + ": " + reason);
        this.offset = offset;
        this.reason = reason;
    }

    /** @return the {@code char} index into the command line where the problem starts */
    public int offset() {
        return offset;
    }

    /** @return what is wrong, without the offset */
    public String reason() {
        return reason;
    }
}
