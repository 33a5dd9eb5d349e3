package org.rtmp4j.relay;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The bounds and schedule of exec relays (issue 15 §3). Immutable; start from {@link #DEFAULT} and
 * change fields with the {@code with...} methods.
 *
 * @param grace how long a process may take to end after TERM ({@link Process#destroy()}) before it
 *     and its descendants get KILL ({@link Process#destroyForcibly()}); default 5 s, positive
 * @param drain how long a process may keep running after its stream ended, to finish on its own (an
 *     ffmpeg reading {@code {url}} ends by itself at the end of the stream and writes its trailer),
 *     before TERM; default 0 (TERM at once), not negative
 * @param liveAfter how long a process must run before the relay counts as {@link RelayState#LIVE}
 *     and its retry count restarts; a process that exits sooner is a failed start, so a command that
 *     crashes at once backs off to {@link Backoff#max()} instead of restarting twice a second;
 *     default 1 s, not negative
 * @param maxProcesses exec relays (processes, and so log reader threads) running at once; more are
 *     refused; default 64, at least 1
 * @param maxLogLines lines of output kept per relay ({@link ExecLog}); default 200, at least 1
 * @param maxLineLength characters kept of one output line; default 1000, at least 1
 * @param backoff the restart schedule; default {@link Backoff#DEFAULT}
 * @param environment variables added to each process's environment (which is otherwise this JVM's);
 *     default none
 * @param playQuery appended to {@code {url}} after {@code ?} when not empty, for a host whose play
 *     decision wants a token (e.g. {@code token=SECRET}); default empty (plays are open unless the
 *     host's {@code authorizePlay} refuses)
 */
public record ExecOptions(Duration grace, Duration drain, Duration liveAfter, int maxProcesses, int maxLogLines,
        int maxLineLength, Backoff backoff, Map<String, String> environment, String playQuery) {
    /** Default {@link #grace()}: 5 s. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(5);
    /** Default {@link #maxProcesses()}. */
    public static final int DEFAULT_MAX_PROCESSES = 64;
    /** Default {@link #maxLogLines()}. */
    public static final int DEFAULT_MAX_LOG_LINES = 200;
    /** Default {@link #maxLineLength()}. */
    public static final int DEFAULT_MAX_LINE_LENGTH = 1000;
    /** The defaults listed with the fields. */
    public static final ExecOptions DEFAULT = new ExecOptions(DEFAULT_GRACE, Duration.ZERO, Duration.ofSeconds(1),
            DEFAULT_MAX_PROCESSES, DEFAULT_MAX_LOG_LINES, DEFAULT_MAX_LINE_LENGTH, Backoff.DEFAULT, Map.of(), "");

    /** @throws IllegalArgumentException when a field is out of its range */
    public ExecOptions {
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(drain, "drain");
        Objects.requireNonNull(liveAfter, "liveAfter");
        Objects.requireNonNull(backoff, "backoff");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(playQuery, "playQuery");
        if (grace.isNegative() || grace.isZero()) {
            throw new IllegalArgumentException("exec grace must be positive: " + grace);
        }
        if (drain.isNegative() || liveAfter.isNegative()) {
            throw new IllegalArgumentException("exec drain and liveAfter must not be negative: " + drain + ", " + liveAfter);
        }
        if (maxProcesses < 1 || maxLogLines < 1 || maxLineLength < 1) {
            throw new IllegalArgumentException("maxProcesses, maxLogLines and maxLineLength must be at least 1: "
                    + maxProcesses + ", " + maxLogLines + ", " + maxLineLength);
        }
    }

    /**
     * @param value the new {@link #grace()}
     * @return a copy with it
     */
    public ExecOptions withGrace(Duration value) {
        return new ExecOptions(value, drain, liveAfter, maxProcesses, maxLogLines, maxLineLength, backoff, environment, playQuery);
    }

    /**
     * @param value the new {@link #drain()}
     * @return a copy with it
     */
    public ExecOptions withDrain(Duration value) {
        return new ExecOptions(grace, value, liveAfter, maxProcesses, maxLogLines, maxLineLength, backoff, environment, playQuery);
    }

    /**
     * @param value the new {@link #liveAfter()}
     * @return a copy with it
     */
    public ExecOptions withLiveAfter(Duration value) {
        return new ExecOptions(grace, drain, value, maxProcesses, maxLogLines, maxLineLength, backoff, environment, playQuery);
    }

    /**
     * @param value the new {@link #maxProcesses()}
     * @return a copy with it
     */
    public ExecOptions withMaxProcesses(int value) {
        return new ExecOptions(grace, drain, liveAfter, value, maxLogLines, maxLineLength, backoff, environment, playQuery);
    }

    /**
     * @param lines the new {@link #maxLogLines()}
     * @param lineLength the new {@link #maxLineLength()}
     * @return a copy with them
     */
    public ExecOptions withLog(int lines, int lineLength) {
        return new ExecOptions(grace, drain, liveAfter, maxProcesses, lines, lineLength, backoff, environment, playQuery);
    }

    /**
     * @param value the new {@link #backoff()}
     * @return a copy with it
     */
    public ExecOptions withBackoff(Backoff value) {
        return new ExecOptions(grace, drain, liveAfter, maxProcesses, maxLogLines, maxLineLength, value, environment, playQuery);
    }

    /**
     * @param value the new {@link #environment()}
     * @return a copy with it
     */
    public ExecOptions withEnvironment(Map<String, String> value) {
        return new ExecOptions(grace, drain, liveAfter, maxProcesses, maxLogLines, maxLineLength, backoff, value, playQuery);
    }

    /**
     * @param value the new {@link #playQuery()}
     * @return a copy with it
     */
    public ExecOptions withPlayQuery(String value) {
        return new ExecOptions(grace, drain, liveAfter, maxProcesses, maxLogLines, maxLineLength, backoff, environment, value);
    }
}
