package org.rtmp4j.core.command;

import org.rtmp4j.core.message.CommandMessage;

/**
 * Typed view of {@code seek} (RTMP 1.0 §7.2.2.7): {@code "seek", 0, null, milliSeconds}. The
 * server answers {@code NetStream.Seek.Notify}, or {@code _error} on failure. Immutable.
 *
 * @param milliseconds offset into the media file or playlist, in ms (argument 0)
 */
public record Seek(double milliseconds) {
    /**
     * Reads argument 0, the offset in ms.
     *
     * @param message the decoded command
     * @return the view
     * @throws org.rtmp4j.core.RtmpProtocolException if it is missing or not a number
     */
    public static Seek from(CommandMessage message) {
        return new Seek(CommandArgs.requireNumber(message, 0, "milliseconds"));
    }
}
