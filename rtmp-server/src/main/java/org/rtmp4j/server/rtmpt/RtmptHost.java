package org.rtmp4j.server.rtmpt;

import java.net.SocketAddress;
import org.rtmp4j.core.session.Transport;

/**
 * What RTMPT needs from the server it runs in: loops to pin sessions to, its clock, and RTMP engines that
 * count as ordinary connections. {@code RtmpServer} implements it for its HTTP listener. Thread-safe.
 */
public interface RtmptHost {
    /**
     * @return the loop for a new session (round robin over the server's loops)
     * @throws IllegalStateException if the server is not started
     */
    RtmptLoop nextLoop();

    /** @return the server's monotonic clock, in nanoseconds */
    long nanoTime();

    /**
     * Opens the RTMP engine of a new session, on the session's loop. Refused while the server drains or
     * stops, or when the server's connection limit is reached (counted as a rejected connection).
     *
     * @param transport the session, which the engine writes to
     * @param remote the address of the HTTP peer that opened it
     * @param overTls whether the {@code /open} request came over HTTPS: the session is then RTMPTS
     *     ({@link org.rtmp4j.core.session.RtmpSession#transportProtocol()} {@code rtmpts}, else {@code rtmpt})
     * @return the engine, or {@code null} when refused
     */
    RtmptEngine open(Transport transport, SocketAddress remote, boolean overTls);
}
