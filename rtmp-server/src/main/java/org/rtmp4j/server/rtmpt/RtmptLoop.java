package org.rtmp4j.server.rtmpt;

/**
 * The thread an RTMPT session is confined to: one of the server's event loops, the same kind that runs a
 * TCP connection, so the live hub's fan-out serves RTMPT and RTMP players of one loop in one task.
 * Implemented by the server's runtime; tests run it inline.
 */
public interface RtmptLoop {
    /**
     * Runs {@code task} on the loop, soon, after the tasks posted before it. Any thread.
     *
     * @param task the task
     * @throws java.util.concurrent.RejectedExecutionException if the loop has stopped
     */
    void execute(Runnable task);

    /**
     * Runs {@code task} on the loop after a delay. Any thread.
     *
     * @param task the task
     * @param delayNanos the delay, in nanoseconds
     */
    void schedule(Runnable task, long delayNanos);

    /** @return whether the caller runs on this loop */
    boolean inLoop();

    /** @return the loop's identity for fan-out batching ({@code Transport.executorKey()}) */
    Object executorKey();
}
