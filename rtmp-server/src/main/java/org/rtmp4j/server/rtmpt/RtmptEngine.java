package org.rtmp4j.server.rtmpt;

import java.nio.ByteBuffer;

/**
 * The RTMP side of one RTMPT session as the server's runtime opened it: the same sans-I/O server engine
 * (handshake, chunk stream, commands, the application's controller and the live hub) that a TCP connection
 * gets, already counted as an open connection and listed among the server's clients. Loop thread of the
 * session only.
 */
public interface RtmptEngine {
    /**
     * Feeds RTMP bytes from a {@code /send} body; consumes all of them. A protocol error closes the engine,
     * which then closes the session's transport; it is not thrown.
     *
     * @param in the bytes, in order
     */
    void onBytes(ByteBuffer in);

    /**
     * Drives the engine's deadlines (handshake, connect, idle, ping).
     *
     * @param nowNanos the server's monotonic clock, in nanoseconds
     */
    void onTick(long nowNanos);

    /**
     * Counts tunnelled bytes for this client (the HTTP connections that carry them count the wire bytes).
     *
     * @param in RTMP bytes received
     * @param out RTMP bytes sent
     */
    void countBytes(long in, long out);

    /**
     * The session ended: the engine hears that its transport closed, the client leaves the list and the
     * connection slot is released. Called once.
     *
     * @param causeOrNull why, or {@code null} for a clean close
     */
    void closed(Throwable causeOrNull);
}
