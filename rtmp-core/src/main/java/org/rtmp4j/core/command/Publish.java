package org.rtmp4j.core.command;

import org.rtmp4j.core.message.CommandMessage;

/**
 * Typed view of {@code publish} (RTMP 1.0 §7.2.2.6): {@code "publish", txId, null, name, type}.
 * Immutable.
 *
 * @param name publishing name (stream key) without query string
 * @param query the part after {@code ?}, or {@code ""}
 * @param type live, record or append
 */
public record Publish(String name, String query, PublishType type) {
    /**
     * Reads argument 0, the publishing name (split at the first {@code ?} into name and query), and
     * argument 1, the publishing type (via {@link PublishType#of(String)}: missing or not a string →
     * {@link PublishType#LIVE}).
     *
     * @param message the decoded command
     * @return the view
     * @throws org.rtmp4j.core.RtmpProtocolException if the name is missing or not a string
     */
    public static Publish from(CommandMessage message) {
        String[] nq = CommandArgs.splitQuery(CommandArgs.requireString(message, 0, "publishing name"));
        Object type = message.argument(1);
        return new Publish(nq[0], nq[1], PublishType.of(type instanceof String s ? s : null));
    }
}
