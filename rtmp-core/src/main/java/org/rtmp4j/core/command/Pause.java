package org.rtmp4j.core.command;

import org.rtmp4j.core.message.CommandMessage;

/**
 * Typed view of {@code pause} (RTMP 1.0 §7.2.2.8): {@code "pause", 0, null, pauseFlag,
 * milliSeconds}. The server answers {@code NetStream.Pause.Notify} or {@code
 * NetStream.Unpause.Notify}, or {@code _error}. Immutable.
 *
 * @param pause true to pause, false to resume (argument 0)
 * @param milliseconds the client's stream time in ms when paused; on resume the server sends only
 *     messages with later timestamps (argument 1)
 */
public record Pause(boolean pause, double milliseconds) {
    /**
     * Reads the pause flag (argument 0) and the stream time (argument 1).
     *
     * @param message the decoded command
     * @return the view
     * @throws org.rtmp4j.core.RtmpProtocolException if the flag is missing or not a boolean, or the
     *     time is missing or not a number
     */
    public static Pause from(CommandMessage message) {
        return new Pause(CommandArgs.requireBoolean(message, 0, "pause flag"),
                CommandArgs.requireNumber(message, 1, "milliseconds"));
    }
}
