package org.rtmp4j.core.command;

import org.rtmp4j.core.message.CommandMessage;

/**
 * Typed view of {@code publish} (RTMP 1.0 §7.2.2.6).
 *
 * @param name publishing name (stream key) without query string
 * @param query the part after {@code ?}, or {@code ""}
 * @param type live, record or append
 */
public record Publish(String name, String query, PublishType type) {
    /** @throws org.rtmp4j.core.RtmpProtocolException if the name is missing or not a string */
    public static Publish from(CommandMessage message) {
        throw new UnsupportedOperationException("TODO");
    }
}
