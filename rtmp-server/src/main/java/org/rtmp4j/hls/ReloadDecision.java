package org.rtmp4j.hls;

/**
 * What to do with a playlist request now (RFC 8216bis §6.2.5.2), from
 * {@link MediaPlaylist#check(BlockingRequest)}; a request refused outright is an
 * {@link HlsRequestException} instead.
 */
public enum ReloadDecision {
    /** The playlist holds what was asked for (or nothing was): answer with it now. */
    READY,
    /**
     * Not there yet: hold the request (see {@link BlockedRequests}) until the playlist reaches it, or
     * answer 503 once {@link HlsOptions#blockingTimeout()} has passed (RFC 8216bis §6.2.5.2: "three
     * Target Durations").
     */
    WAIT
}
