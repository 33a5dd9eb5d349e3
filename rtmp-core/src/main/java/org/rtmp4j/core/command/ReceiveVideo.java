package org.rtmp4j.core.command;

import org.rtmp4j.core.message.CommandMessage;

/**
 * Typed view of {@code receiveVideo} (RTMP 1.0 §7.2.2.5): {@code "receiveVideo", 0, null, flag}. With
 * false the server sends no reply and stops sending video to this stream; with true it resumes and
 * answers {@code NetStream.Seek.Notify} and {@code NetStream.Play.Start}. Immutable.
 *
 * @param receive whether the client wants video (argument 0)
 */
public record ReceiveVideo(boolean receive) {
    /**
     * Reads argument 0, the flag.
     *
     * @param message the decoded command
     * @return the view
     * @throws org.rtmp4j.core.RtmpProtocolException if it is missing or not a boolean
     */
    public static ReceiveVideo from(CommandMessage message) {
        return new ReceiveVideo(CommandArgs.requireBoolean(message, 0, "receiveVideo flag"));
    }
}
