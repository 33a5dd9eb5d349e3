package org.rtmp4j.server.internal;

import java.io.IOException;

/**
 * Something registered with an {@link EventLoop}: a connection or the acceptor. Every method is
 * called on the loop's thread only.
 */
public interface LoopChannel {
    /**
     * The channel is ready for {@code readyOps} ({@code SelectionKey.OP_*}).
     *
     * @param readyOps the ready operations
     * @throws IOException on an I/O failure; the loop then calls {@link #closeNow(Throwable)}
     */
    void onReady(int readyOps) throws IOException;

    /**
     * The loop's periodic tick (about every 100 ms).
     *
     * @param nowNanos {@code System.nanoTime()}
     */
    default void onTick(long nowNanos) {}

    /** Writes what was queued during this loop iteration (write coalescing). */
    default void flush() {}

    /** Starts a graceful close: flush what is queued, then close (server shutdown). */
    void closeGracefully();

    /**
     * Closes at once, without flushing. Idempotent.
     *
     * @param causeOrNull the failure, or {@code null}
     */
    void closeNow(Throwable causeOrNull);
}
