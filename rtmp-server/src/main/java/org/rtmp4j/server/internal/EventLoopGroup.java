package org.rtmp4j.server.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed set of {@link EventLoop}s; new connections are assigned round-robin. Thread-safe.
 */
public final class EventLoopGroup {
    private final EventLoop[] loops;
    private final AtomicInteger next = new AtomicInteger();
    private final CompletableFuture<Void> termination;

    /**
     * Creates {@code n} loops (threads start with {@link #start()}).
     *
     * @param n number of loops, &gt; 0
     * @param threadFactory makes each loop's thread
     * @param tickIntervalNanos tick period of every loop in nanoseconds
     * @throws IOException if a selector cannot be opened (the loops made so far are closed)
     */
    public EventLoopGroup(int n, ThreadFactory threadFactory, long tickIntervalNanos) throws IOException {
        this(n, threadFactory, tickIntervalNanos, 0);
    }

    /**
     * Creates {@code n} loops with merged writes (threads start with {@link #start()}).
     *
     * @param n number of loops, &gt; 0
     * @param threadFactory makes each loop's thread
     * @param tickIntervalNanos tick period of every loop in nanoseconds
     * @param flushDelayNanos see {@link EventLoop#EventLoop(ThreadFactory, long, long)}; 0 for none
     * @throws IOException if a selector cannot be opened (the loops made so far are closed)
     */
    public EventLoopGroup(int n, ThreadFactory threadFactory, long tickIntervalNanos, long flushDelayNanos)
            throws IOException {
        if (n <= 0) {
            throw new IllegalArgumentException("event loop count must be > 0, was " + n);
        }
        loops = new EventLoop[n];
        try {
            for (int i = 0; i < n; i++) {
                loops[i] = new EventLoop(threadFactory, tickIntervalNanos, flushDelayNanos);
            }
        } catch (IOException | RuntimeException e) {
            for (EventLoop l : loops) {
                if (l != null) {
                    l.shutdownGracefully(0);
                }
            }
            throw e;
        }
        CompletableFuture<?>[] all = new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
            all[i] = loops[i].terminationFuture();
        }
        termination = CompletableFuture.allOf(all);
    }

    /** Starts every loop's thread. */
    public void start() {
        for (EventLoop l : loops) {
            l.start();
        }
    }

    /**
     * @param i index, 0 ≤ i &lt; {@link #size()}
     * @return loop {@code i} (loop 0 carries the acceptor)
     */
    public EventLoop get(int i) {
        return loops[i];
    }

    /** @return the loops, in order */
    public List<EventLoop> loops() {
        return List.of(loops);
    }

    /** @return the next loop, round-robin */
    public EventLoop next() {
        return loops[Math.floorMod(next.getAndIncrement(), loops.length)];
    }

    /** @return whether the calling thread is one of the group's loop threads */
    public boolean inAnyLoop() {
        for (EventLoop l : loops) {
            if (l.inLoop()) {
                return true;
            }
        }
        return false;
    }

    /** @return the number of loops */
    public int size() {
        return loops.length;
    }

    /**
     * Shuts every loop down (see {@link EventLoop#shutdownGracefully(long)}).
     *
     * @param graceNanos the longest wait in nanoseconds
     * @return completes when every loop's thread has finished
     */
    public CompletableFuture<Void> shutdownGracefully(long graceNanos) {
        for (EventLoop l : loops) {
            l.shutdownGracefully(graceNanos);
        }
        return termination;
    }

    /** @return completes when every loop's thread has finished */
    public CompletableFuture<Void> terminationFuture() {
        return termination;
    }
}
