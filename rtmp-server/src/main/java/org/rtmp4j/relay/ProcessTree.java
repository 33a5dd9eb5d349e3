package org.rtmp4j.relay;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends a process and its descendants: TERM ({@link ProcessHandle#destroy()}) to all of them, then
 * KILL ({@link ProcessHandle#destroyForcibly()}) to those still alive after a grace period. The
 * descendants are read before the TERM, since a child whose parent died is re-parented and no longer
 * found through it; those started during the grace period are read again before the KILL.
 *
 * <p>Every process started through {@link #track} is also ended by a JVM shutdown hook
 * ({@code rtmp4j-exec-shutdown}, registered on first use): a JVM that exits without stopping its exec
 * relays (an uncaught {@code System.exit}, a second Ctrl-C) still leaves no orphan, since children
 * outlive their parent JVM otherwise. The hook sends TERM, waits at most {@value #HOOK_GRACE_MILLIS} ms,
 * then KILL. SIGKILL of the JVM itself runs no hook; nothing can help then.
 *
 * <p>Thread-safety: thread-safe.
 */
final class ProcessTree {
    /** The hook's wait between TERM and KILL, ms: short, a JVM shutdown should not hang. */
    static final long HOOK_GRACE_MILLIS = 2000;
    private static final Logger log = LoggerFactory.getLogger(ProcessTree.class);
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();
    private static boolean hooked; // guarded by ProcessTree.class

    private ProcessTree() {}

    /** Remembers {@code process} for the shutdown hook until it exits. */
    static void track(Process process) {
        synchronized (ProcessTree.class) {
            if (!hooked) {
                hooked = true;
                Runtime.getRuntime().addShutdownHook(new Thread(ProcessTree::endAll, "rtmp4j-exec-shutdown"));
            }
        }
        LIVE.add(process);
        process.onExit().thenRun(() -> LIVE.remove(process));
    }

    /**
     * TERM to {@code root} and its descendants, KILL after {@code grace} to those left.
     *
     * @param root the process
     * @param grace the wait before KILL
     * @param timer runs the KILL; when it refuses (shut down), KILL is sent at once
     * @return completes when {@code root} and every descendant found have exited
     */
    static CompletableFuture<Void> terminate(ProcessHandle root, Duration grace, ScheduledExecutorService timer) {
        List<ProcessHandle> tree = withDescendants(root);
        List<CompletableFuture<?>> exits = new ArrayList<>(tree.size());
        for (ProcessHandle p : tree) {
            exits.add(p.onExit());
            p.destroy();
        }
        CompletableFuture<Void> all = CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new));
        if (!all.isDone()) {
            Runnable kill = () -> kill(root, tree);
            try {
                var pending = timer.schedule(kill, grace.toNanos(), TimeUnit.NANOSECONDS);
                all.whenComplete((v, e) -> pending.cancel(false));
            } catch (RejectedExecutionException e) {
                kill.run();
            }
        }
        return all;
    }

    private static void kill(ProcessHandle root, List<ProcessHandle> tree) {
        List<ProcessHandle> left = new ArrayList<>(tree);
        left.addAll(withDescendants(root)); // started during the grace period
        for (ProcessHandle p : left) {
            if (p.isAlive()) {
                log.debug("pid {} still running after TERM and its grace period: KILL", p.pid());
                p.destroyForcibly();
            }
        }
    }

    private static List<ProcessHandle> withDescendants(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>();
        if (root.isAlive()) {
            root.descendants().forEach(tree::add);
        }
        tree.add(root);
        return tree;
    }

    /** The shutdown hook: TERM every tracked tree, wait, KILL what is left. */
    private static void endAll() {
        List<ProcessHandle> all = new ArrayList<>();
        for (Process p : List.copyOf(LIVE)) {
            all.addAll(withDescendants(p.toHandle()));
        }
        all.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(HOOK_GRACE_MILLIS);
        for (ProcessHandle p : all) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                try {
                    p.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    // KILL below
                }
            }
        }
        for (ProcessHandle p : all) {
            if (p.isAlive()) {
                p.destroyForcibly();
            }
        }
    }
}
