package org.rtmp4j.live;

/**
 * One output subscribed to a live stream through {@link LiveBroadcastController#subscribe} or
 * {@link LiveBroadcastController#subscribeFlv}: its counters, and the way to end it.
 *
 * <p>Thread-safety: safe from any thread.
 */
public final class LiveSubscription {
    private final LiveHub hub;
    private final LiveStream stream;
    private final Output output;

    LiveSubscription(LiveHub hub, LiveStream stream, Output output) {
        this.hub = hub;
        this.stream = stream;
        this.output = output;
    }

    /** @return the stream subscribed to */
    public StreamKey key() {
        return stream.key();
    }

    /** @return the hub's counters for this output (racy while media flows) */
    public OutputStats stats() {
        return output.stats();
    }

    /**
     * @return whether the output still receives the stream: not cancelled, not closed for overflow,
     *     not refused by the E-RTMP gate
     */
    public boolean isActive() {
        return !output.removed;
    }

    /**
     * Unsubscribes: nothing more is handed to the sink once tasks already posted to its thread have
     * run (they see the output removed and do nothing). Idempotent.
     *
     * @return whether this call removed it
     */
    public boolean cancel() {
        return hub.leave(stream, output);
    }

    @Override
    public String toString() {
        return "LiveSubscription[" + output + " ← " + stream.key() + "]";
    }
}
