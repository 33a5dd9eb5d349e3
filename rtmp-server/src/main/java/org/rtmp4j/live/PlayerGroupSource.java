package org.rtmp4j.live;

import java.util.Map;

/**
 * Players a host component serves without one {@link MediaSink} per player, e.g. HLS viewers of a
 * segmenter (one sink per stream, many sessions). Registered with {@link
 * StreamControl#addPlayerGroupSource}, its groups are added to {@link StreamDetails#players()}
 * (so to the HTTP API and metrics) by kind. Outputs that are one player each report through
 * {@link MediaSink#playerKind()} instead.
 *
 * <p>Thread-safety: called from any thread (a monitoring request), must be thread-safe and must not block.
 */
@FunctionalInterface
public interface PlayerGroupSource {
    /**
     * @param key a stream name
     * @return its players this source serves, by kind; empty when none (never {@code null})
     */
    Map<PlayerKind, PlayerGroup> playerGroups(StreamKey key);
}
