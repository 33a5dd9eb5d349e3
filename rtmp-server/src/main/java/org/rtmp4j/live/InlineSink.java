package org.rtmp4j.live;

/**
 * A {@link MediaSink} that runs on whichever thread hands it an event, with nothing queued: the
 * publisher's thread for live messages, the subscribing thread while the join replays the cached GOP
 * (the hub's join queue keeps the order). The hub therefore never queues or drops for it; its work per
 * message must be bounded and must not block (a recorder writing a file, an HLS packager, a keyframe
 * tap). Implementations make {@link #onEvent} {@code synchronized}: {@link #execute} runs tasks under
 * the same monitor, so events and tasks never overlap.
 *
 * <p>Thread-safety: called from the publisher's thread and from subscribing threads, one at a time
 * through the sink's monitor.
 */
public interface InlineSink extends MediaSink {
    /** @return this sink: it has no thread of its own */
    @Override
    default Object executorKey() {
        return this;
    }

    /** @return {@code true}: any thread may deliver to it directly */
    @Override
    default boolean inSinkThread() {
        return true;
    }

    /** Runs {@code task} now, under this sink's monitor. */
    @Override
    default void execute(Runnable task) {
        synchronized (this) {
            task.run();
        }
    }

    /** @return {@code 0}: nothing is ever queued */
    @Override
    default long queuedBytes() {
        return 0;
    }
}
