package org.rtmp4j.hls;

import java.time.Instant;
import java.util.List;

/**
 * A finished media segment of a live playlist (RFC 8216bis §3, §4.4.4).
 *
 * @param msn its Media Sequence Number
 * @param uri its URI relative to the playlist's URI prefix
 * @param duration its duration in units of 10 microseconds ({@code EXTINF} shows 5 decimals)
 * @param programDateTime the wall-clock time of its first sample, or null for none
 * @param discontinuity whether {@code EXT-X-DISCONTINUITY} applies to it
 * @param map the URI of its Media Initialization Section ({@code EXT-X-MAP}), or null (MPEG-TS)
 * @param parts its partial segments, in order (empty when the stream has none)
 */
record HlsSegment(long msn, String uri, long duration, Instant programDateTime, boolean discontinuity,
        String map, List<HlsPart> parts) {
}
