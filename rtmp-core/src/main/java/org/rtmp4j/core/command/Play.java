package org.rtmp4j.core.command;

import org.rtmp4j.core.message.CommandMessage;

/**
 * Typed view of {@code play} (RTMP 1.0 §7.2.2.1): {@code "play", txId, null, streamName, start,
 * duration, reset}. Immutable.
 *
 * @param name stream name without query string
 * @param query the part after {@code ?}, or {@code ""}
 * @param start start in seconds: -2 live or recorded (default), -1 live only, ≥ 0 recorded from there
 * @param duration seconds to play: -1 all (default), 0 a single frame, > 0 that long
 * @param reset whether to flush any previous playlist (default true)
 */
public record Play(String name, String query, double start, double duration, boolean reset) {
    /** Default {@link #start()}: live, else recorded. */
    public static final double DEFAULT_START = -2;
    /** Default {@link #duration()}: play until the end. */
    public static final double DEFAULT_DURATION = -1;

    /**
     * Reads argument 0, the stream name (split at the first {@code ?}), then the optional start
     * (argument 1, default -2), duration (argument 2, default -1) and reset (argument 3, a boolean or
     * a number where nonzero means true; default true). Optional arguments of the wrong type take
     * their defaults.
     *
     * @param message the decoded command
     * @return the view
     * @throws org.rtmp4j.core.RtmpProtocolException if the name is missing or not a string
     */
    public static Play from(CommandMessage message) {
        String[] nq = CommandArgs.splitQuery(CommandArgs.requireString(message, 0, "stream name"));
        double start = CommandArgs.optionalNumber(message, 1, DEFAULT_START);
        double duration = CommandArgs.optionalNumber(message, 2, DEFAULT_DURATION);
        Object r = message.argument(3);
        boolean reset = r instanceof Boolean b ? b : r instanceof Number n ? n.doubleValue() != 0 : true;
        return new Play(nq[0], nq[1], start, duration, reset);
    }
}
