package org.rtmp4j.core.session;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;

/**
 * What an engine ({@link ServerConnection}, {@link ClientConnection}) writes to: the SPI between
 * the sans-I/O core and a runtime. {@code rtmp-server} implements it with NIO, tests with an
 * in-memory pipe.
 *
 * <p>Threading: every method except {@link #execute}, {@link #inConnectionThread} and {@link
 * #executorKey} is called only on the connection's thread.
 */
public interface Transport {
    /**
     * Queues {@code buffers} for writing, in order. The transport takes the buffers over (it may
     * advance their positions); their contents must not change afterwards.
     *
     * @param buffers buffers to write, in order
     */
    void write(List<ByteBuffer> buffers);

    /**
     * Queues the chunks of one media message, after everything queued before. Unlike {@link
     * #write(List)}, whose bytes go out promptly, a runtime may hold media back for a while to merge
     * it with more into one socket write (rtmp-server: {@code RtmpServer.Builder.mergedWriteDelay});
     * a later {@link #write(List)} takes held media out with it, in order. The default is {@link
     * #write(List)} with a one-element list.
     *
     * @param chunks the encoded chunks; the transport takes the buffer over
     */
    default void writeMedia(ByteBuffer chunks) {
        write(List.of(chunks));
    }

    /**
     * Queues the chunks of one media message that may wait for this connection's next write: audio
     * that "rides with video" (DESIGN-NOTES.md, "Audio rides with video (issue 17)"). With {@code
     * holdNanos > 0} a runtime may keep the chunks queued, without a socket write of their own, until
     * the next {@link #writeMedia(ByteBuffer)} (the next video message), {@link #write(List)} or
     * {@link #close()} of this connection, which takes them out first, in order, in the same socket
     * write; or until {@code holdNanos} after the first held message, whichever comes first. The
     * bytes count in {@link #queuedBytes()} while they wait. The default ignores the hold: {@link
     * #writeMedia(ByteBuffer)}.
     *
     * @param chunks the encoded chunks; the transport takes the buffer over
     * @param holdNanos the longest wait in nanoseconds; {@code 0} (or less) writes as {@link
     *     #writeMedia(ByteBuffer)} does
     */
    default void writeMedia(ByteBuffer chunks, long holdNanos) {
        writeMedia(chunks);
    }

    /** @return bytes accepted by {@link #write} and not yet handed to the network */
    long queuedBytes();

    /** Flushes what is queued (best effort, bounded) and closes the connection. Idempotent. */
    void close();

    /** @return the peer's address, or {@code null} if unknown */
    SocketAddress remoteAddress();

    /**
     * Runs {@code task} on the connection's thread, soon. Callable from any thread.
     *
     * @param task the task
     */
    void execute(Runnable task);

    /** @return whether the caller is on the connection's thread */
    boolean inConnectionThread();

    /**
     * Identifies the thread that runs this transport's {@link #execute} tasks, so that a sender can
     * post one task for many connections (the live relay's fan-out): transports with equal keys
     * (by {@code ==}) run their tasks on the same thread, in one order, whichever of them they were
     * posted through. Any thread.
     *
     * @return the key; by default this transport itself (no batching across transports)
     */
    default Object executorKey() {
        return this;
    }
}
