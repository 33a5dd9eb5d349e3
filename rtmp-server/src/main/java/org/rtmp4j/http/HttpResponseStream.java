package org.rtmp4j.http;

import java.nio.ByteBuffer;

/**
 * An open-ended response body going out on one connection with visible back-pressure: what an
 * HTTP-FLV player writes FLV tags to. On HTTP/1.1 each {@link #write} is one chunk of the chunked
 * transfer coding (RFC 9112 §7.1); on HTTP/1.0 the body is close-delimited (RFC 9112 §6.3 item 8)
 * and {@link #end()} closes the connection. A {@link WebSocketSession} is the same contract with one
 * binary message (RFC 6455 §5.6) per {@link #write}, so one player serves both.
 *
 * <p>Zero copy: {@link #write} queues the caller's buffer itself (a framing header and trailer are
 * separate small buffers around it, for a gathering socket write), so one encoded FLV tag, as a
 * shared read-only slice, can be written to many streams. The caller must not change the bytes
 * afterwards.
 *
 * <p>Back-pressure: nothing is refused or dropped here; {@link #queuedBytes()} grows while the peer
 * reads slower than the stream is written, and the writer (the hub's slow-player policy) decides
 * when to skip to the next keyframe or {@link #abort()}.
 *
 * <p>Threading: {@link #execute}, {@link #executorKey()}, {@link #inStreamThread()},
 * {@link #queuedBytes()} and {@link #isOpen()} from any thread; the other methods on the stream's
 * thread only (post them with {@link #execute}). Streams with the same {@link #executorKey()} share
 * one thread (an event loop), so a fan-out can post one task per loop.
 */
public interface HttpResponseStream {
    /**
     * Queues {@code data}'s remaining bytes as the next piece of the body, after everything written
     * before. An empty buffer is ignored. After {@link #end()}, {@link #abort()} or a close by the
     * peer the bytes are dropped silently (check {@link #isOpen()}).
     *
     * @param data the bytes, typically a read-only slice shared with other streams; taken over, not
     *     copied (its position is advanced as it is written)
     * @throws IllegalStateException if called off the stream's thread
     */
    void write(ByteBuffer data);

    /**
     * As {@link #write(ByteBuffer)}, for bytes that may wait up to {@code holdNanos} for this
     * connection's next write (or {@link #end()}) before they are sent, so that both leave in one
     * socket write: the hub's holdable audio (DESIGN-NOTES.md, "Audio rides with video (issue 17)").
     * The default ignores the hold.
     *
     * @param data as for {@link #write(ByteBuffer)}
     * @param holdNanos the longest wait in nanoseconds; 0 = as {@link #write(ByteBuffer)}
     * @throws IllegalStateException if called off the stream's thread
     */
    default void write(ByteBuffer data, long holdNanos) {
        write(data);
    }

    /**
     * @return bytes queued on this connection and not yet handed to the network (framing included);
     *     0 once closed. Any thread; the value may be slightly stale.
     */
    long queuedBytes();

    /**
     * Ends the body: on HTTP/1.1 the last chunk {@code 0 CRLF CRLF} follows what is queued and the
     * connection serves the next request (keep-alive); on HTTP/1.0 or WebSocket the connection is
     * closed after the queue is flushed. Idempotent.
     */
    void end();

    /** Closes the connection now, dropping what is still queued (a player over its hard cap). Idempotent. */
    void abort();

    /** @return whether writes still go out: neither ended, aborted nor closed by the peer. Any thread. */
    boolean isOpen();

    /**
     * Registers a callback that runs once on the stream's thread when the stream stops (ended,
     * aborted, or the connection closed for any reason); at once if it already stopped. A player
     * unsubscribes from its stream there.
     *
     * @param callback the callback
     */
    void onClose(Runnable callback);

    /**
     * Runs {@code task} on the stream's thread, soon. Any thread. Dropped if the server has stopped.
     *
     * @param task the task
     */
    void execute(Runnable task);

    /** @return whether the caller is on the stream's thread */
    boolean inStreamThread();

    /**
     * @return the key of the thread that runs {@link #execute} tasks: streams (and RTMP transports)
     *     with the same key ({@code ==}) share that thread
     */
    Object executorKey();
}
