/**
 * The live hub: publish → play with a GOP cache (docs/ARCHITECTURE.md §6, §14).
 *
 * <p>{@link org.rtmp4j.live.LiveBroadcastController} is a shareable, thread-safe
 * {@link org.rtmp4j.core.session.RtmpController} that relays each published stream (keyed by
 * connect {@code app} and publishing name, {@link org.rtmp4j.live.StreamKey}) to its outputs. A
 * player that joins late first receives the metadata, the video and audio sequence headers and
 * the GOP since the last video keyframe ({@link org.rtmp4j.live.GopCache}), then the live media:
 * every message exactly once, in order. Media payloads are shared read-only buffers and are never
 * copied per player; each message is classified once ({@link org.rtmp4j.live.LiveMedia}) and encoded
 * once per wire format (RTMP chunks, FLV tags); slow outputs are handled by one policy for every kind
 * (docs/ARCHITECTURE.md §7).
 *
 * <p>Inputs other than RTMP publish through {@link org.rtmp4j.live.Ingest}
 * ({@link org.rtmp4j.live.LiveBroadcastController#publish}); outputs other than RTMP players are
 * {@link org.rtmp4j.live.MediaSink}s ({@link org.rtmp4j.live.LiveBroadcastController#subscribe}) or
 * FLV byte streams ({@link org.rtmp4j.live.LiveBroadcastController#subscribeFlv}).
 * {@link org.rtmp4j.core.session.ForwardingRtmpController} composes the relay with other behaviour, e.g.
 * recording.
 */
package org.rtmp4j.live;
