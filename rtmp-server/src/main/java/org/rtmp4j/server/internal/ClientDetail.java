package org.rtmp4j.server.internal;

/**
 * What a connection's protocol tells the client list about it: kind, stream, RTT, drops, and how to
 * end it. Set on a {@link ClientEntry} by the protocol ({@code ServerConnections} for RTMP, the HTTP
 * connection for HTTP). Thread-safety: read from any thread (a monitoring request).
 */
public interface ClientDetail {
    /** @return what the connection does now, e.g. {@code rtmp-player}, {@code http-flv} */
    String kind();

    /** @return the stream as {@code APP/KEY}, or {@code null} */
    String stream();

    /** @return the last round-trip time in ms, or -1 when unknown */
    default long rttMillis() {
        return -1;
    }

    /** @return media messages dropped for it by the slow-player policy */
    default long droppedMessages() {
        return 0;
    }

    /**
     * Ends the connection as the protocol prefers (an RTMP session closes through its engine, so its
     * controller hears it at once). Any thread.
     *
     * @return whether this detail closed it; {@code false} lets the caller close the transport
     */
    default boolean close() {
        return false;
    }
}
