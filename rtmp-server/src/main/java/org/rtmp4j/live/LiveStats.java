package org.rtmp4j.live;

/**
 * Totals of one {@link LiveBroadcastController}, taken by {@link LiveBroadcastController#stats()}.
 * Immutable.
 *
 * @param totalStreams publishes accepted since the controller was created (a name published twice
 *     counts twice; takeovers count)
 * @param activeStreams names being published now
 * @param totalViewers players subscribed now, over every name, including those waiting for a
 *     publisher (outputs with a {@link MediaSink#playerKind()}: recorders and snapshot taps are not players)
 */
public record LiveStats(long totalStreams, int activeStreams, int totalViewers) {
}
