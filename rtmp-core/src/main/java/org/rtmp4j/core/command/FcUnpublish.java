package org.rtmp4j.core.command;

import org.rtmp4j.core.message.CommandMessage;

/**
 * Typed view of {@code FCUnpublish} (not in RTMP 1.0; FMS/FMLE convention): {@code "FCUnpublish", txId, null, streamName}. Sent by encoders before {@code deleteStream} when they stop publishing. Immutable.
 *
 * @param name the stream name (argument 0) without any query string
 * @param query the part after {@code ?}, or {@code ""}
 */
public record FcUnpublish(String name, String query) {
    /**
     * A view with no query string.
     *
     * @param name the stream name
     */
    public FcUnpublish(String name) {
        this(name, "");
    }

    /**
     * Reads argument 0, split at the first {@code ?} into name and query.
     *
     * @param message the decoded command
     * @return the view
     * @throws org.rtmp4j.core.RtmpProtocolException if the name is missing or not a string
     */
    public static FcUnpublish from(CommandMessage message) {
        String[] nq = CommandArgs.splitQuery(CommandArgs.requireString(message, 0, "stream name"));
        return new FcUnpublish(nq[0], nq[1]);
    }
}
