package org.rtmp4j.core.command;

import org.rtmp4j.core.message.CommandMessage;

/**
 * Typed view of {@code receiveAudio} (RTMP 1.0 §7.2.2.4): {@code "receiveAudio", 0, null, flag}. With
 * false the server sends no reply and stops sending audio to this stream; with true it resumes and
 * answers {@code NetStream.Seek.Notify} and {@code NetStream.Play.Start}. Immutable.
 *
 * @param receive whether the client wants audio (argument 0)
 */
public record ReceiveAudio(boolean receive) {
    /**
     * Reads argument 0, the flag.
     *
     * @param message the decoded command
     * @return the view
     * @throws org.rtmp4j.core.RtmpProtocolException if it is missing or not a boolean
     */
    public static ReceiveAudio from(CommandMessage message) {
        return new ReceiveAudio(CommandArgs.requireBoolean(message, 0, "receiveAudio flag"));
    }
}
