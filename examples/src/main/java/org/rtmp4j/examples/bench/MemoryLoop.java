package org.rtmp4j.examples.bench;

import java.util.ArrayDeque;

/**
 * A single-threaded stand-in for an event loop in benchmarks: a task queue that the benchmark's
 * thread drains with {@link #runAll()}, and a flag telling transports whether "their" loop is the
 * one running. Its identity is the transports' executor key, so the hub groups the players of one
 * loop into one posted task, as on a server. Not thread-safe.
 */
final class MemoryLoop {
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean inLoop;
    private long posted;

    /** @return whether the benchmark's thread is currently acting as this loop */
    boolean inLoop() {
        return inLoop;
    }

    /** From now on the caller acts as this loop (e.g. the publisher's loop during a publish). */
    void enter() {
        inLoop = true;
    }

    /** The caller no longer acts as this loop. */
    void exit() {
        inLoop = false;
    }

    /** Runs {@code task} at once when on this loop, else queues it for {@link #runAll()}. */
    void execute(Runnable task) {
        if (inLoop) {
            task.run();
        } else {
            posted++;
            tasks.add(task);
        }
    }

    /** @return tasks queued from other loops so far */
    long posted() {
        return posted;
    }

    /** Runs the queued tasks (and those they queue) as this loop; @return how many ran */
    int runAll() {
        boolean was = inLoop;
        inLoop = true;
        int n = 0;
        try {
            Runnable r;
            while ((r = tasks.poll()) != null) {
                r.run();
                n++;
            }
        } finally {
            inLoop = was;
        }
        return n;
    }
}
