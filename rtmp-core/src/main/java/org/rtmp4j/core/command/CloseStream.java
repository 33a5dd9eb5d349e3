package org.rtmp4j.core.command;

import org.rtmp4j.core.message.CommandMessage;

/**
 * Typed view of {@code closeStream} (RTMP 1.0 §7.2.2; sent by players when they stop, on the
 * stream's own message stream id, with no arguments). Immutable.
 *
 * @param streamId the message stream id the command arrived on, i.e. the stream to close
 */
public record CloseStream(int streamId) {
    /**
     * @param message the decoded command
     * @return the view of {@code message}; never throws
     */
    public static CloseStream from(CommandMessage message) {
        return new CloseStream(message.streamId());
    }
}
