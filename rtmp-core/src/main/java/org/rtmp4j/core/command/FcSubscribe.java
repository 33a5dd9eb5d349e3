package org.rtmp4j.core.command;

import org.rtmp4j.core.message.CommandMessage;

/**
 * Typed view of {@code FCSubscribe} (not in RTMP 1.0; FMS/CDN convention): {@code "FCSubscribe",
 * txId, null, streamName}. Sent by some players before {@code play} so that an edge server pulls the
 * stream; servers may answer {@code onFCSubscribe}. Immutable.
 *
 * @param name the stream name (argument 0) without any query string
 * @param query the part after {@code ?}, or {@code ""}
 */
public record FcSubscribe(String name, String query) {
    /**
     * A view with no query string.
     *
     * @param name the stream name
     */
    public FcSubscribe(String name) {
        this(name, "");
    }

    /**
     * Reads argument 0, split at the first {@code ?} into name and query.
     *
     * @param message the decoded command
     * @return the view
     * @throws org.rtmp4j.core.RtmpProtocolException if the name is missing or not a string
     */
    public static FcSubscribe from(CommandMessage message) {
        String[] nq = CommandArgs.splitQuery(CommandArgs.requireString(message, 0, "stream name"));
        return new FcSubscribe(nq[0], nq[1]);
    }
}
