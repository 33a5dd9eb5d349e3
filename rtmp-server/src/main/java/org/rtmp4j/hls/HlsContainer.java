package org.rtmp4j.hls;

/**
 * The segment format of an HLS stream (RFC 8216bis §3: supported media segment formats).
 */
public enum HlsContainer {
    /**
     * Fragmented MPEG-4 / CMAF (RFC 8216bis §3.1.2, ISO/IEC 14496-12, ISO/IEC 23000-19): an init
     * segment named by {@code EXT-X-MAP} and {@code moof}+{@code mdat} segments and parts. Any codec the
     * hub carries; the default.
     */
    FMP4,
    /**
     * MPEG-2 Transport Stream (RFC 8216bis §3.1.1, ISO/IEC 13818-1): self-contained segments, no
     * {@code EXT-X-MAP}; H.264/HEVC and AAC only, for old players.
     */
    MPEGTS
}
