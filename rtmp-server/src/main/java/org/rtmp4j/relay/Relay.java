package org.rtmp4j.relay;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One relay: a push, a pull or an exec (see the package's description). Implementations keep their
 * bookkeeping in a {@link RelayStatus}.
 *
 * <p>Thread-safety: every method may be called from any thread and never blocks.
 */
public interface Relay {
    /** @return the id, unique in its {@link Relays} */
    String id();

    /** @return the kind */
    RelayKind kind();

    /** @return a snapshot of its state and counters */
    RelayInfo info();

    /**
     * Stops the relay: closes its connection or ends its process (exec: TERM, then KILL after its
     * grace period), cancels a pending retry and ends in {@link RelayState#STOPPED}. Idempotent; returns
     * at once.
     *
     * @return completed once everything it held is released (connection closed, process gone)
     */
    CompletableFuture<Void> stop();

    /**
     * The relay's recent log lines, oldest first: an exec relay's process output (bounded per relay),
     * empty for the others unless they keep one.
     *
     * @return the lines, at most the relay's bound
     */
    default List<String> logTail() {
        return List.of();
    }
}
