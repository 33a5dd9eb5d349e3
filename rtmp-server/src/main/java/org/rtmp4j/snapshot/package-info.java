/**
 * JPEG snapshots of live streams (issue 14 §3): the latest video keyframe of each stream, decoded by
 * a pluggable {@link org.rtmp4j.snapshot.KeyframeDecoder} off the event loops, at most once per
 * stream per interval, and served over HTTP as {@code GET /APP/KEY.jpg} by
 * {@link org.rtmp4j.snapshot.SnapshotHandler}.
 *
 * <p>The library decodes nothing itself: {@link org.rtmp4j.snapshot.KeyframeTap} keeps a reference
 * to each stream's video sequence header and latest keyframe (the hub's shared read-only payloads,
 * never copied), {@link org.rtmp4j.snapshot.Snapshots} runs the decoder on a bounded pool behind a
 * timeout and caches its result. Decoders (JCodec in process, an ffmpeg child process) live in the
 * {@code examples} module. See DESIGN-NOTES.md, "Snapshots".
 */
package org.rtmp4j.snapshot;
