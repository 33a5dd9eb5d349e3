package org.rtmp4j.server.internal;

/** A handle to a scheduled timer. */
@FunctionalInterface
public interface Cancellable {
    /** Prevents the task from running if it has not run yet. Idempotent; any thread. */
    void cancel();
}
