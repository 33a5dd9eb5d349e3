package org.rtmp4j.hls;

/**
 * A finished LL-HLS partial segment as listed by {@code EXT-X-PART} (RFC 8216bis §4.4.4.9).
 *
 * @param uri its URI relative to the playlist's URI prefix
 * @param duration its duration in units of 10 microseconds (the 5 decimals a playlist shows)
 * @param independent whether it starts with a sync sample ({@code INDEPENDENT=YES})
 */
record HlsPart(String uri, long duration, boolean independent) {
}
