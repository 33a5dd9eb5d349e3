/**
 * Sans-I/O HLS and Low-Latency HLS model (RFC 8216bis, draft-pantos-hls-rfc8216bis): where a stream
 * is cut, what its live media playlist lists and says, and when a blocking playlist reload is
 * answered. No sockets, threads or clock reads; the HTTP handler and the muxers drive it.
 *
 * <ul>
 *   <li>{@link org.rtmp4j.hls.HlsOptions}: segment and part durations, segments kept, LL-HLS on or
 *       off, container ({@link org.rtmp4j.hls.HlsContainer}), timeouts and limits, with defaults.</li>
 *   <li>{@link org.rtmp4j.hls.HlsSegmenter}: for each sample, whether to close the current part or
 *       segment first (segments at keyframes, RFC 8216bis §6.2.1).</li>
 *   <li>{@link org.rtmp4j.hls.MediaPlaylist}: finished segments and parts, the sliding window,
 *       discontinuities and init sections, the rendering (full or delta update, §4.4, §6.2.5.1) and
 *       the blocking-reload decision (§6.2.5.2, {@link org.rtmp4j.hls.ReloadDecision}).</li>
 *   <li>{@link org.rtmp4j.hls.BlockingRequest}: the delivery directives of a playlist request
 *       ({@code _HLS_msn}, {@code _HLS_part}, {@code _HLS_skip}); bad ones are an
 *       {@link org.rtmp4j.hls.HlsRequestException} with status 400.</li>
 *   <li>{@link org.rtmp4j.hls.BlockedRequests}: the bounded list of held reloads with deadlines.</li>
 * </ul>
 *
 * <p>Threading: the stateful classes serve one stream on one event loop and are not thread-safe; the
 * value types are immutable.
 */
package org.rtmp4j.hls;
