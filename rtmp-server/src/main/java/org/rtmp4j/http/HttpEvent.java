package org.rtmp4j.http;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * What {@link HttpRequestParser#next(java.nio.ByteBuffer)} found. Per request the parser gives one
 * {@link Request}, zero or more {@link Body}, then one {@link EndOfRequest}; in between it answers
 * {@link NeedData} when the bytes run out.
 */
public sealed interface HttpEvent {
    /** The parser needs more bytes; the input buffer was consumed entirely. */
    HttpEvent NEED_DATA = new NeedData();
    /** The request ended; the parser waits for {@link HttpRequestParser#startNextRequest()}. */
    HttpEvent PAUSED = new Paused();
    /** The last request ended without keep-alive; no more requests will be read. */
    HttpEvent CLOSED = new Closed();

    /**
     * A request head arrived.
     *
     * @param head the request line, headers and framing
     */
    record Request(HttpRequestHead head) implements HttpEvent {
        /** @param head not null */
        public Request {
            Objects.requireNonNull(head, "head");
        }
    }

    /**
     * Body bytes (chunk data without its framing): a read-only slice of the caller's input buffer,
     * not a copy, valid until the caller overwrites that buffer.
     *
     * @param data at least one byte
     */
    record Body(ByteBuffer data) implements HttpEvent {
        /** @param data not null */
        public Body {
            Objects.requireNonNull(data, "data");
        }
    }

    /**
     * The request body is complete.
     *
     * @param trailers the trailer fields of a chunked body (RFC 9112 §7.1.2), else empty
     */
    record EndOfRequest(HttpHeaders trailers) implements HttpEvent {
        /** @param trailers not null */
        public EndOfRequest {
            Objects.requireNonNull(trailers, "trailers");
        }
    }

    /** See {@link #NEED_DATA}. */
    record NeedData() implements HttpEvent {}

    /**
     * See {@link #PAUSED}: unread input (a pipelined request) stays in the buffer until the runtime
     * has answered and calls {@link HttpRequestParser#startNextRequest()}, so responses go out in
     * request order and pipelining cannot queue unbounded work.
     */
    record Paused() implements HttpEvent {}

    /** See {@link #CLOSED}: the runtime closes the connection after its response. */
    record Closed() implements HttpEvent {}
}
