package org.rtmp4j.live;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time in submission order on {@code delegate}; with the direct delegate the
 * submitting thread that finds it idle drains the queue (no thread of its own). A failing task is
 * logged at DEBUG and does not stop the next.
 */
final class SerialExecutor implements Executor {
    private static final Logger log = LoggerFactory.getLogger(SerialExecutor.class);

    private final Executor delegate;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Thread runner;

    SerialExecutor(Executor delegate) {
        this.delegate = delegate;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        if (pending.getAndIncrement() == 0) {
            delegate.execute(this::drain);
        }
    }

    /** @return whether the caller is the thread running this executor's tasks now */
    boolean inExecutor() {
        return runner == Thread.currentThread();
    }

    private void drain() {
        Thread current = Thread.currentThread();
        do {
            Runnable t = tasks.poll();
            runner = current;
            try {
                t.run();
            } catch (RuntimeException e) {
                log.debug("task failed: {}", e.toString());
            } finally {
                runner = null;
            }
        } while (pending.decrementAndGet() != 0);
    }
}
