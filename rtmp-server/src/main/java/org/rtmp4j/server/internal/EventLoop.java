package org.rtmp4j.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One selector and one thread. Runs, in each iteration: the selected channels' I/O, the posted
 * tasks, the due timers, the periodic tick (every {@link #tickIntervalNanos()}, calling {@link
 * LoopChannel#onTick} on every registered channel), then one flush per channel that queued output
 * in this iteration (write coalescing).
 *
 * <p>Merged writes: with a {@linkplain #EventLoop(ThreadFactory, long, long) flush delay} above 0,
 * output queued in an iteration is not flushed at its end but at most that long after the first
 * byte was queued, so each socket write carries every message queued meanwhile. That trades up to
 * the delay in latency for fewer, larger writes (the kernel's per-write cost dominates fan-out CPU;
 * SRS calls the same idea "merged write"). Only media waits: a channel {@linkplain #markUrgent
 * marked urgent} (commands, control, handshake) is flushed at the end of the iteration, taking its
 * held media with it. Output that fills the socket buffer still resumes on {@code OP_WRITE} at
 * once.
 *
 * <p>Held audio (DESIGN-NOTES.md, "Audio rides with video (issue 17)"): a connection whose only new
 * output is holdable audio is not marked dirty but held ({@code HeldWrites}) until its next other
 * write (which flushes both in one gathering write) or its deadline; the selector sleeps at most
 * until the earliest deadline, and due connections are then flushed like dirty ones (under merged
 * writes: with the next merged flush).
 *
 * <p>Thread-safety: {@link #execute}, {@link #schedule}, {@link #shutdownGracefully} and {@link
 * #inLoop} may be called from any thread; everything else only on the loop's thread. No exception
 * ever escapes the loop: a failing channel is logged and closed, a failing task is logged.
 */
public final class EventLoop implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(EventLoop.class);

    /** Size of the per-loop read buffer in bytes (64 KiB). */
    public static final int READ_BUFFER_SIZE = 64 * 1024;
    /** Default tick period: 100 ms. */
    public static final long DEFAULT_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private static final int MAX_TASKS_PER_ITERATION = 4096;
    private static final int GATHER_SIZE = 64;

    private final Selector selector;
    private final Thread thread;
    private final long tickIntervalNanos;
    private final long flushDelayNanos;
    private long flushAt;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final TimerQueue timers = new TimerQueue();
    private final Set<LoopChannel> channels = new LinkedHashSet<>();
    /** {@link #channels} as an array for {@link #tick}, rebuilt only after a change; null when stale. */
    private LoopChannel[] tickOrder;
    private final List<LoopChannel> dirty = new ArrayList<>();
    private final List<LoopChannel> urgent = new ArrayList<>();
    private final HeldWrites held = new HeldWrites();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER_SIZE);
    private final ByteBuffer[] gather = new ByteBuffer[GATHER_SIZE];
    private final CompletableFuture<Void> termination = new CompletableFuture<>();
    private final AtomicBoolean started = new AtomicBoolean();

    private volatile boolean shuttingDown;
    private volatile boolean terminated;
    private long shutdownDeadline;
    private long tasksRun;
    private long wakeUps;

    /**
     * Creates the loop; its thread starts with {@link #start()}.
     *
     * @param threadFactory makes the loop's thread
     * @param tickIntervalNanos tick period in nanoseconds (&gt; 0)
     * @throws IOException if the selector cannot be opened
     */
    public EventLoop(ThreadFactory threadFactory, long tickIntervalNanos) throws IOException {
        this(threadFactory, tickIntervalNanos, 0);
    }

    /**
     * Creates the loop with merged writes; its thread starts with {@link #start()}.
     *
     * @param threadFactory makes the loop's thread
     * @param tickIntervalNanos tick period in nanoseconds (&gt; 0)
     * @param flushDelayNanos how long queued output may wait for more before it is flushed, in
     *     nanoseconds; 0 flushes at the end of every iteration
     * @throws IOException if the selector cannot be opened
     * @throws IllegalArgumentException if {@code tickIntervalNanos <= 0} or {@code flushDelayNanos < 0}
     */
    public EventLoop(ThreadFactory threadFactory, long tickIntervalNanos, long flushDelayNanos) throws IOException {
        if (tickIntervalNanos <= 0) {
            throw new IllegalArgumentException("tickIntervalNanos must be > 0");
        }
        if (flushDelayNanos < 0) {
            throw new IllegalArgumentException("flushDelayNanos must be >= 0");
        }
        this.tickIntervalNanos = tickIntervalNanos;
        this.flushDelayNanos = flushDelayNanos;
        this.selector = Selector.open();
        this.thread = threadFactory.newThread(this::run);
    }

    /** Starts the loop's thread. Idempotent. */
    public void start() {
        if (started.compareAndSet(false, true)) {
            thread.start();
        }
    }

    /** @return how long queued output may wait before it is flushed, in nanoseconds (0: none) */
    public long flushDelayNanos() {
        return flushDelayNanos;
    }

    /** @return the tick period in nanoseconds */
    public long tickIntervalNanos() {
        return tickIntervalNanos;
    }

    /** @return whether the caller runs on this loop's thread */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** @return the loop's thread */
    public Thread thread() {
        return thread;
    }

    /**
     * Runs {@code task} on the loop's thread, soon, after the tasks posted before it. Wakes the
     * selector only if it may be blocked and no wake-up is already pending.
     *
     * @throws RejectedExecutionException if the loop has terminated
     */
    @Override
    public void execute(Runnable task) {
        if (terminated) {
            throw new RejectedExecutionException("event loop terminated");
        }
        tasks.add(task);
        if (!inLoop() && wakeupPending.compareAndSet(false, true)) {
            selector.wakeup();
        }
    }

    /**
     * Runs {@code task} on the loop's thread after {@code delay}.
     *
     * @param task the task
     * @param delay how long to wait
     * @param unit unit of {@code delay}
     * @return a handle that cancels it
     * @throws RejectedExecutionException if the loop has terminated
     */
    public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
        TimerQueue.Timer t = new TimerQueue.Timer(System.nanoTime() + unit.toNanos(delay), task);
        if (inLoop()) {
            timers.add(t);
        } else {
            execute(() -> timers.add(t));
        }
        return t;
    }

    /**
     * Registers {@code channel} with the selector and for ticks. Loop thread only.
     *
     * @param channel a non-blocking channel
     * @param ops interest set ({@code SelectionKey.OP_*})
     * @param handler receives readiness, ticks and shutdown
     * @return the selection key, with {@code handler} attached
     * @throws ClosedChannelException if the channel is closed
     */
    public SelectionKey register(SelectableChannel channel, int ops, LoopChannel handler)
            throws ClosedChannelException {
        SelectionKey key = channel.register(selector, ops, handler);
        channels.add(handler);
        tickOrder = null;
        return key;
    }

    /**
     * Removes {@code handler} from ticks and shutdown. Loop thread only.
     *
     * @param handler a registered handler
     */
    public void deregister(LoopChannel handler) {
        if (channels.remove(handler)) {
            tickOrder = null;
        }
    }

    /**
     * Asks for {@link LoopChannel#flush()} at the end of this iteration. Loop thread only.
     *
     * @param handler the handler with output queued
     */
    public void markDirty(LoopChannel handler) {
        if (dirty.isEmpty() && flushDelayNanos > 0) {
            flushAt = System.nanoTime() + flushDelayNanos;
        }
        dirty.add(handler);
    }

    /**
     * Asks for {@link LoopChannel#flush()} at the end of this iteration even under merged writes
     * (output that must not wait: commands, control messages, the handshake). Loop thread only.
     *
     * @param handler a handler that already called {@link #markDirty}
     */
    public void markUrgent(LoopChannel handler) {
        urgent.add(handler);
    }

    /** @return the connections holding audio on this loop. Loop thread only. */
    HeldWrites heldWrites() {
        return held;
    }

    /** @return how many connections of this loop hold audio now. Loop thread only. */
    public int heldCount() {
        return held.heldCount();
    }

    /** @return the shared 64 KiB read buffer. Loop thread only; valid until the handler returns. */
    public ByteBuffer readBuffer() {
        return readBuffer;
    }

    /** @return a scratch array for gathering writes. Loop thread only. */
    public ByteBuffer[] gatherArray() {
        return gather;
    }

    /**
     * Tasks posted with {@link #execute} and run so far: evidence of cross-loop batching (a relay
     * posts one task per target loop per published message). Loop thread only.
     *
     * @return tasks run
     */
    public long tasksRun() {
        return tasksRun;
    }

    /**
     * Returns from the selector so far, each followed by one pass over ready channels, posted tasks,
     * timers and dirty channels: tasks posted while the loop was busy run in one such wake-up, and a
     * channel's queue is flushed once per wake-up. Loop thread only.
     *
     * @return wake-ups
     */
    public long wakeUps() {
        return wakeUps;
    }

    /** @return the number of registered channels. Loop thread only. */
    public int channelCount() {
        return channels.size();
    }

    /**
     * Closes every channel gracefully (see {@link LoopChannel#closeGracefully()}), waits until they
     * are gone or {@code graceNanos} passed, closes the rest at once and stops the thread.
     *
     * @param graceNanos the longest wait in nanoseconds
     * @return {@link #terminationFuture()}
     */
    public CompletableFuture<Void> shutdownGracefully(long graceNanos) {
        long deadline = System.nanoTime() + Math.max(0, graceNanos);
        if (!started.get()) {
            terminated = true;
            closeSelector();
            termination.complete(null);
            return termination;
        }
        try {
            execute(() -> {
                if (!shuttingDown) {
                    shutdownDeadline = deadline;
                    shuttingDown = true;
                    for (LoopChannel c : new ArrayList<>(channels)) {
                        safely(c, c::closeGracefully);
                    }
                }
            });
        } catch (RejectedExecutionException alreadyDone) {
            // terminated: nothing to do
        }
        return termination;
    }

    /** @return completes when the loop's thread has finished */
    public CompletableFuture<Void> terminationFuture() {
        return termination;
    }

    private void run() {
        long nextTick = System.nanoTime() + tickIntervalNanos;
        try {
            while (true) {
                try {
                    long now = System.nanoTime();
                    long waitNanos = Math.min(nextTick - now, timers.nanosUntilNext(now));
                    if (shuttingDown) {
                        waitNanos = Math.min(waitNanos, shutdownDeadline - now);
                    }
                    waitNanos = Math.min(waitNanos, held.nanosUntilDue(now));
                    if (!dirty.isEmpty()) {
                        waitNanos = flushDelayNanos == 0 || !urgent.isEmpty() ? 0 : Math.min(waitNanos, flushAt - now);
                    }
                    wakeupPending.set(false);
                    if (!tasks.isEmpty() || waitNanos <= 0) {
                        selector.selectNow();
                    } else {
                        // Round up: rounding down (or polling below 1 ms) spins in epoll_wait(0) until
                        // the next timer or tick is due; a timer may instead run up to 1 ms late.
                        selector.select(Math.max(1, (waitNanos + 999_999) / 1_000_000));
                    }
                    wakeupPending.set(true);
                    wakeUps++;
                    processSelectedKeys();
                    runTasks();
                    now = System.nanoTime();
                    timers.runDue(now);
                    if (now - nextTick >= 0) {
                        nextTick = now + tickIntervalNanos;
                        tick(now);
                    }
                    held.promoteDue(System.nanoTime());
                    if (flushDelayNanos == 0 || shuttingDown || System.nanoTime() - flushAt >= 0) {
                        flushDirty();
                    } else if (!urgent.isEmpty()) {
                        flushUrgent();
                    }
                    if (shuttingDown && (channels.isEmpty() || System.nanoTime() - shutdownDeadline >= 0)) {
                        break;
                    }
                } catch (Throwable t) {
                    LOG.error("unexpected error in {}", thread.getName(), t);
                }
            }
        } finally {
            terminate();
        }
    }

    private void processSelectedKeys() {
        Set<SelectionKey> selected = selector.selectedKeys();
        if (selected.isEmpty()) {
            return;
        }
        Iterator<SelectionKey> it = selected.iterator();
        while (it.hasNext()) {
            SelectionKey key = it.next();
            it.remove();
            LoopChannel c = (LoopChannel) key.attachment();
            try {
                if (key.isValid()) {
                    c.onReady(key.readyOps());
                }
            } catch (CancelledKeyException ignored) {
                // closed while being processed
            } catch (IOException e) {
                LOG.debug("I/O error, closing {}", c, e);
                c.closeNow(e);
            } catch (Throwable t) {
                LOG.warn("error handling {}, closing it", c, t);
                c.closeNow(t);
            }
        }
    }

    private void runTasks() {
        for (int i = 0; i < MAX_TASKS_PER_ITERATION; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                return;
            }
            tasksRun++;
            try {
                task.run();
            } catch (Throwable t) {
                LOG.warn("task failed on {}", thread.getName(), t);
            }
        }
    }

    private void tick(long now) {
        if (channels.isEmpty()) {
            return;
        }
        LoopChannel[] all = tickOrder;
        if (all == null) { // not every 100 ms: walking 1000s of linked entries costs cache misses
            all = channels.toArray(new LoopChannel[0]);
            tickOrder = all;
        }
        for (LoopChannel c : all) {
            try { // no lambda: one per channel per tick showed in allocation profiles
                c.onTick(now);
            } catch (Throwable t) {
                closeFailed(c, t);
            }
        }
    }

    private void flushDirty() {
        flushAll(dirty);
        urgent.clear();
    }

    /** Under merged writes, before the delay is up: only the urgent channels (they stay in {@code dirty}). */
    private void flushUrgent() {
        flushAll(urgent);
    }

    private static void flushAll(List<LoopChannel> channels) {
        // flush() may mark more channels dirty (e.g. a close that completes): loop by index
        for (int i = 0; i < channels.size(); i++) {
            LoopChannel c = channels.get(i);
            try { // no method reference: one per dirty channel per wake-up showed in allocation profiles
                c.flush();
            } catch (Throwable t) {
                closeFailed(c, t);
            }
        }
        channels.clear();
    }

    private static void safely(LoopChannel c, Runnable action) {
        try {
            action.run();
        } catch (Throwable t) {
            closeFailed(c, t);
        }
    }

    private static void closeFailed(LoopChannel c, Throwable t) {
        LOG.warn("error in {}, closing it", c, t);
        try {
            c.closeNow(t);
        } catch (Throwable t2) {
            LOG.warn("error closing {}", c, t2);
        }
    }

    private void terminate() {
        terminated = true;
        for (LoopChannel c : new ArrayList<>(channels)) {
            try {
                c.closeNow(null);
            } catch (Throwable t) {
                LOG.warn("error closing {}", c, t);
            }
        }
        channels.clear();
        tickOrder = null;
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (Throwable t) {
                LOG.debug("task failed during termination", t);
            }
        }
        closeSelector();
        termination.complete(null);
    }

    private void closeSelector() {
        try {
            selector.close();
        } catch (IOException e) {
            LOG.debug("closing selector", e);
        }
    }

    @Override
    public String toString() {
        return "EventLoop[" + thread.getName() + "]";
    }
}
