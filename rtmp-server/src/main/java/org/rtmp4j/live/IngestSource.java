package org.rtmp4j.live;

import java.net.SocketAddress;

/**
 * Who publishes into a stream name, whatever the transport: an RTMP publisher, an HTTP-FLV POST,
 * later a pull relay. The hub uses it for logs, for the E-RTMP v2 Reconnect Request handover and to
 * end a publisher that another one takes over ({@link PublisherPolicy#TAKEOVER}).
 *
 * <p>Thread-safety: called from any thread.
 */
public interface IngestSource {
    /** @return an id for logs, e.g. a session id */
    String id();

    /**
     * @return the input protocol's lower-case name for the HTTP API and metrics, e.g. {@code rtmp} or
     *     {@code http-flv}; {@code other} unless overridden
     */
    default String protocol() {
        return "other";
    }

    /** @return the peer's address, or {@code null} when there is none (an in-process source) */
    default SocketAddress remoteAddress() {
        return null;
    }

    /**
     * The query string the publisher sent, for the publish decision ({@link
     * LiveBroadcastController#authorizePublish}), e.g. a token: raw, percent-encoded as received,
     * without {@code ?}. RTMP (RTMP 1.0 §7.2.2.6): the publishing name's query ({@code KEY?token=T}),
     * then the {@code connect} URL's query after an {@code &}; HTTP-FLV ingest: the request
     * target's query ({@code POST /live/KEY.flv?token=T}).
     *
     * @return the query, {@code ""} if none (the default, for in-process sources)
     */
    default String query() {
        return "";
    }

    /**
     * @return whether this source was asked to move elsewhere (E-RTMP v2, Reconnect Request): the
     *     next publisher of its name then continues the stream whatever the policy, unannounced
     */
    default boolean reconnectRequested() {
        return false;
    }

    /** Ends the source because another publisher took its name over; must not block. */
    void close();
}
