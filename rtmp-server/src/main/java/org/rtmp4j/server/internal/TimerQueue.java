package org.rtmp4j.server.internal;

import java.util.PriorityQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timer heap of one {@link EventLoop}: one-shot tasks ordered by deadline (nanoseconds of
 * {@code System.nanoTime()}), ties in scheduling order. Confined to the loop's thread.
 */
final class TimerQueue {
    private static final Logger LOG = LoggerFactory.getLogger(TimerQueue.class);

    private final PriorityQueue<Timer> heap = new PriorityQueue<>();
    private long sequence;

    /** A scheduled task; {@link #cancel()} prevents it from running. */
    static final class Timer implements Comparable<Timer>, Cancellable {
        private final long deadline;
        private final Runnable task;
        private long seq;
        private volatile boolean cancelled;

        Timer(long deadline, Runnable task) {
            this.deadline = deadline;
            this.task = task;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }

        @Override
        public int compareTo(Timer o) {
            int c = Long.compare(deadline - o.deadline, 0);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    void add(Timer t) {
        t.seq = sequence++;
        heap.add(t);
    }

    /** @return nanoseconds until the earliest live timer (≤ 0 if due), or {@code Long.MAX_VALUE} */
    long nanosUntilNext(long now) {
        Timer t;
        while ((t = heap.peek()) != null && t.cancelled) {
            heap.poll();
        }
        return t == null ? Long.MAX_VALUE : t.deadline - now;
    }

    /** Runs every timer due at {@code now}; an exception is logged and does not stop the others. */
    void runDue(long now) {
        Timer t;
        while ((t = heap.peek()) != null && t.deadline - now <= 0) {
            heap.poll();
            if (!t.cancelled) {
                try {
                    t.task.run();
                } catch (Throwable e) {
                    LOG.warn("timer task failed", e);
                }
            }
        }
    }

    int size() {
        return heap.size();
    }
}
