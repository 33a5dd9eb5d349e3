package org.rtmp4j.live;

import java.util.ArrayDeque;
import java.util.concurrent.Executor;

/**
 * A single-threaded stand-in for an event loop in hub tests: the test thread acts as the loop
 * between {@link #enter()} and {@link #exit()} or while {@link #runAll()} drains the tasks other
 * "loops" posted. Its identity is the executor key of the sinks on it. Not thread-safe.
 */
final class TestLoop implements Executor {
    private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
    private boolean inLoop;
    private int posted;

    boolean inLoop() {
        return inLoop;
    }

    void enter() {
        inLoop = true;
    }

    void exit() {
        inLoop = false;
    }

    /** @return tasks posted from outside the loop so far */
    int posted() {
        return posted;
    }

    @Override
    public void execute(Runnable task) {
        if (inLoop) {
            task.run();
        } else {
            posted++;
            tasks.add(task);
        }
    }

    /** Runs the queued tasks as this loop; @return how many ran */
    int runAll() {
        inLoop = true;
        int n = 0;
        try {
            Runnable r;
            while ((r = tasks.poll()) != null) {
                r.run();
                n++;
            }
        } finally {
            inLoop = false;
        }
        return n;
    }
}
