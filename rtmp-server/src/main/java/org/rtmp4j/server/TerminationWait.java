package org.rtmp4j.server;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rtmp4j.server.internal.EventLoop;
import org.rtmp4j.server.internal.EventLoopGroup;

/**
 * The blocking part of {@link RtmpServer#close()}: waits for the server's termination, except on one of its own
 * loop threads (that would deadlock: the loop waits for itself), keeping the caller's interrupt status.
 */
final class TerminationWait {
    private TerminationWait() {
    }

    /**
     * @param termination completes when the loops have stopped
     * @param loops the server's loops, or {@code null} when never started
     * @param limit how long to wait at most
     * @return {@code null} when it terminated or the caller is a loop thread (no wait), else why the wait ended
     *     (the termination failed or {@code limit} passed)
     */
    static Exception await(CompletableFuture<Void> termination, EventLoopGroup loops, Duration limit) {
        if (loops != null) {
            for (EventLoop l : loops.loops()) {
                if (l.inLoop()) {
                    return null;
                }
            }
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    termination.get(limit.toMillis(), TimeUnit.MILLISECONDS);
                    return null;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | TimeoutException e) {
                    return e;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
