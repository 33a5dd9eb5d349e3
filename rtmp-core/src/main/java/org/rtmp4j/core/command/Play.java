package org.rtmp4j.core.command;

import org.rtmp4j.core.message.CommandMessage;

/**
 * Typed view of {@code play} (RTMP 1.0 §7.2.2.1).
 *
 * @param name stream name without query string
 * @param query the part after {@code ?}, or {@code ""}
 * @param start start in seconds: -2 live or recorded (default), -1 live only, ≥ 0 recorded from there
 * @param duration seconds to play: -1 all (default), 0 a single frame, > 0 that long
 * @param reset whether to flush any previous playlist (default true)
 */
public record Play(String name, String query, double start, double duration, boolean reset) {
    /** @throws org.rtmp4j.core.RtmpProtocolException if the name is missing or not a string */
    public static Play from(CommandMessage message) {
        throw new UnsupportedOperationException("TODO");
    }
}
