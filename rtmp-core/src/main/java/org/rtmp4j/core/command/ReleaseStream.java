package org.rtmp4j.core.command;

import org.rtmp4j.core.message.CommandMessage;

/**
 * Typed view of {@code releaseStream} (not in RTMP 1.0; FMS/FMLE convention): {@code "releaseStream", txId, null, streamName}. Sent by encoders (FMLE, ffmpeg, OBS) before {@code publish} to free a stale publisher of the name. Immutable.
 *
 * @param name the stream name (argument 0) without any query string
 * @param query the part after {@code ?}, or {@code ""}
 */
public record ReleaseStream(String name, String query) {
    /**
     * A view with no query string.
     *
     * @param name the stream name
     */
    public ReleaseStream(String name) {
        this(name, "");
    }

    /**
     * Reads argument 0, split at the first {@code ?} into name and query.
     *
     * @param message the decoded command
     * @return the view
     * @throws org.rtmp4j.core.RtmpProtocolException if the name is missing or not a string
     */
    public static ReleaseStream from(CommandMessage message) {
        String[] nq = CommandArgs.splitQuery(CommandArgs.requireString(message, 0, "stream name"));
        return new ReleaseStream(nq[0], nq[1]);
    }
}
