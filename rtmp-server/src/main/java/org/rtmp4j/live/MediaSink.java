package org.rtmp4j.live;

import org.rtmp4j.core.session.OutboundLimits;

/**
 * An output of the live hub, whatever its transport: an RTMP player, an HTTP-FLV or WebSocket-FLV
 * player ({@link FlvSubscriber} through {@link LiveBroadcastController#subscribeFlv}), a recorder,
 * later an HLS muxer or a push relay. The hub owns everything the kinds have in common (the join:
 * metadata, sequence headers, cached GOP, then live; the keyframe wait; the slow-output policy of
 * {@link #limits()}: byte watermarks, drop to the next keyframe, hard cap; the {@link OutputStats}),
 * so a sink only writes what it is handed in its own wire format.
 *
 * <p>Threading: every call except {@link #executorKey()}, {@link #inSinkThread()} and
 * {@link #execute} is made on the sink's thread, one at a time, in stream order. The hub posts one
 * task per distinct {@link #executorKey()} per published message, so sinks sharing a thread (e.g.
 * connections of one event loop) share the task. No call may block.
 */
public interface MediaSink {
    /** @return the key of the thread {@link #execute} runs on; equal keys (by {@code ==}) share a thread; read once when it subscribes */
    Object executorKey();

    /** @return whether the caller is on the sink's thread (then the hub calls it directly) */
    boolean inSinkThread();

    /**
     * Runs {@code task} later on the sink's thread, after the tasks given before. Any thread.
     *
     * @param task the task; it guards itself
     */
    void execute(Runnable task);

    /** @return bytes accepted but not yet delivered to the peer; what the watermarks compare, sink thread */
    long queuedBytes();

    /**
     * What kind of player this output is, for player counts by kind ({@link StreamDetails#players()},
     * the HTTP API, metrics). Read once when it subscribes. A new output protocol (fMP4, ...) returns
     * its own {@link PlayerKind}; outputs that are not players (a recorder, a segmenter serving HLS
     * viewers, which reports them through a {@link PlayerGroupSource}) keep the default.
     *
     * @return the kind, or {@code null} when this output is not a player (default)
     */
    default PlayerKind playerKind() {
        return null;
    }

    /** @return the slow-output bounds for this sink; read once when it subscribes */
    default OutboundLimits limits() {
        return OutboundLimits.DEFAULT;
    }

    /**
     * Writes one event: media the hub decided to send ({@link LiveMedia}; use its shared encodings),
     * metadata, or a publish state change. Sink thread.
     *
     * @param event the event
     */
    void onEvent(RelayEvent event);

    /**
     * Sink thread, prepared ahead: called on the publisher's thread before a task is posted to the
     * sink's thread, so encodings are made where the message arrives (default: nothing).
     *
     * @param media the message about to be offered
     */
    default void prepare(LiveMedia media) {}

    /**
     * The hub dropped {@code media} because this sink is slow (for the sink's own counters; the
     * hub's are in {@link OutputStats}). Sink thread.
     *
     * @param media the dropped message
     * @param startedKeyframeWait whether this drop started a wait for the next keyframe
     * @param queuedBytes {@link #queuedBytes()} at the decision
     */
    default void onDropped(LiveMedia media, boolean startedKeyframeWait, long queuedBytes) {}

    /**
     * The hub ends this output because its queue passed {@link OutboundLimits#maxQueued()}: the sink
     * closes its peer. The hub has already unsubscribed it. Sink thread.
     *
     * @param queuedBytes the bytes queued
     * @param maxQueued the cap, bytes
     */
    void onOverflow(long queuedBytes, long maxQueued);
}
