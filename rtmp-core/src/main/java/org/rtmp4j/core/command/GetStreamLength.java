package org.rtmp4j.core.command;

import org.rtmp4j.core.message.CommandMessage;

/**
 * Typed view of {@code getStreamLength} (not in RTMP 1.0; FMS convention): {@code "getStreamLength", txId, null, streamName}. Asks for the duration of a recorded stream; the reply is {@code _result} with the length in seconds. Immutable.
 *
 * @param name the stream name (argument 0) without any query string
 * @param query the part after {@code ?}, or {@code ""}
 */
public record GetStreamLength(String name, String query) {
    /**
     * A view with no query string.
     *
     * @param name the stream name
     */
    public GetStreamLength(String name) {
        this(name, "");
    }

    /**
     * Reads argument 0, split at the first {@code ?} into name and query.
     *
     * @param message the decoded command
     * @return the view
     * @throws org.rtmp4j.core.RtmpProtocolException if the name is missing or not a string
     */
    public static GetStreamLength from(CommandMessage message) {
        String[] nq = CommandArgs.splitQuery(CommandArgs.requireString(message, 0, "stream name"));
        return new GetStreamLength(nq[0], nq[1]);
    }
}
