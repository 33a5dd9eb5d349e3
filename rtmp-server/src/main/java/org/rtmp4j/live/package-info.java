/**
 * The live relay: publish → play with a GOP cache (docs/ARCHITECTURE.md §6).
 *
 * <p>{@link org.rtmp4j.live.LiveBroadcastController} is a shareable, thread-safe
 * {@link org.rtmp4j.core.session.RtmpController} that relays each published stream (keyed by
 * connect {@code app} and publishing name, {@link org.rtmp4j.live.StreamKey}) to its players. A
 * player that joins late first receives the metadata, the video and audio sequence headers and
 * the GOP since the last video keyframe ({@link org.rtmp4j.live.GopCache}), then the live media:
 * every message exactly once, in order. Media payloads are shared read-only buffers and are never
 * copied per player; slow players are handled by the session's drop policy (docs/ARCHITECTURE.md §7).
 *
 * <p>{@link org.rtmp4j.live.ForwardingRtmpController} composes the relay with other behaviour,
 * e.g. recording.
 */
package org.rtmp4j.live;
