package org.rtmp4j.live;

/**
 * How a player receives a stream: one value per output protocol, for the play decision
 * ({@link PlayAttempt}) and for player counts by kind (DESIGN-NOTES.md "One play decision").
 */
public enum PlayerKind {
    /** RTMP {@code play} (RTMP 1.0 §7.2.2.1), also over RTMPS and RTMPT. */
    RTMP("rtmp"),
    /** FLV over an HTTP response body ({@code GET /APP/KEY.flv}). */
    HTTP_FLV("http-flv"),
    /** FLV in WebSocket binary messages (RFC 6455) on {@code /APP/KEY.flv}. */
    WS_FLV("ws-flv"),
    /** An HLS viewing session (RFC 8216bis), counted once per session token, not per request. */
    HLS("hls"),
    /** Fragmented MP4 over an HTTP response body ({@code GET /APP/KEY.mp4}). */
    HTTP_FMP4("http-fmp4"),
    /** Fragmented MP4 in WebSocket binary messages on {@code /APP/KEY.mp4}. */
    WS_FMP4("ws-fmp4");

    private final String label;

    PlayerKind(String label) {
        this.label = label;
    }

    /** @return the lower-case name used in logs, the HTTP API and metric labels, e.g. {@code http-flv} */
    public String label() {
        return label;
    }
}
