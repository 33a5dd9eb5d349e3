package org.rtmp4j.http;

import java.nio.ByteBuffer;

/**
 * Receives a request body (Content-Length or chunked, RFC 9112 §6, §7.1) as it arrives: what an
 * HTTP-FLV ingest (POST or PUT of an FLV byte stream) reads. Every method runs on the connection's
 * thread. A request whose handler sets no listener has its body read and dropped.
 */
public interface HttpBodyListener {
    /**
     * Body bytes, without the chunked framing.
     *
     * @param data a read-only view of the connection's read buffer, valid only during the call
     *     (consume or copy it before returning)
     */
    void onBody(ByteBuffer data);

    /** The body is complete (the last chunk or the Content-Length reached). */
    default void onEnd() {}

    /**
     * The connection closed (or the request was refused) before the body was complete.
     *
     * @param reason why, for the log
     */
    default void onAbort(String reason) {}
}
