package org.rtmp4j.live;

import org.rtmp4j.core.command.Connect;
import org.rtmp4j.core.session.RtmpSession;
import org.rtmp4j.http.HttpRequestHead;

/**
 * The query string a play or publish decision sees ({@link PlayAttempt#query()}, {@link
 * IngestSource#query()}), the same shape for every protocol: raw, percent-encoded as received,
 * without the {@code ?}, {@code ""} if none.
 */
final class Queries {
    private Queries() {}

    /**
     * RTMP: the play or publish name's query (RTMP 1.0 §7.2.2.1, §7.2.2.6: {@code KEY?token=T}), then
     * the {@code connect} URL's query ({@code rtmp://host/live?token=T}, from the app or {@code
     * tcUrl}) after an {@code &}, so a token in either place reaches the one decision.
     *
     * @param nameQuery the part of the play or publish name after {@code ?}
     * @param session the player's or publisher's session
     * @return the combined query
     */
    static String rtmp(String nameQuery, RtmpSession session) {
        String connectQuery = session.connectCommand().map(Connect::query).orElse("");
        if (connectQuery.isEmpty()) {
            return nameQuery;
        }
        return nameQuery.isEmpty() ? connectQuery : nameQuery + "&" + connectQuery;
    }

    /**
     * HTTP: the request target's query (RFC 3986 §3.4), without a fragment.
     *
     * @param head the request head
     * @return the query
     */
    static String http(HttpRequestHead head) {
        String target = head.target();
        int q = target.indexOf('?');
        if (q < 0) {
            return "";
        }
        int hash = target.indexOf('#', q);
        return hash < 0 ? target.substring(q + 1) : target.substring(q + 1, hash);
    }
}
