package org.rtmp4j.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of {@link HttpRequestParser}. Immutable.
 *
 * <table>
 *   <caption>Limits, defaults and what happens when one is crossed</caption>
 *   <tr><th>Limit</th><th>Default</th><th>Crossing it</th></tr>
 *   <tr><td>{@code maxRequestLineLength}</td><td>8 KiB</td><td>414 as soon as the request line
 *       (RFC 9112 §3, without its CRLF) is longer, without waiting for its end</td></tr>
 *   <tr><td>{@code maxHeaderCount}</td><td>100</td><td>431 at the next field line; applies to
 *       the header section and, separately, to the trailer section of a chunked body</td></tr>
 *   <tr><td>{@code maxHeaderBytes}</td><td>16 KiB</td><td>431 as soon as the field lines of
 *       the section (each with its CRLF) exceed it; same for trailers</td></tr>
 *   <tr><td>{@code maxChunkLineLength}</td><td>1 KiB</td><td>400 when a chunk-size line with
 *       its extensions (RFC 9112 §7.1.1, without CRLF) is longer</td></tr>
 *   <tr><td>{@code headDeadline}</td><td>10 s</td><td>408 from
 *       {@link HttpRequestParser#checkHeadDeadline()}: counted from the first byte of the request
 *       head, never extended by more bytes</td></tr>
 * </table>
 *
 * @param maxRequestLineLength longest request line in bytes, without CRLF
 * @param maxHeaderCount most field lines in a header or trailer section
 * @param maxHeaderBytes most bytes of field lines (with CRLFs) in a header or trailer section
 * @param maxChunkLineLength longest chunk-size line in bytes, without CRLF
 * @param headDeadline longest time from the first byte of a request head to its end
 */
public record HttpLimits(
        int maxRequestLineLength,
        int maxHeaderCount,
        int maxHeaderBytes,
        int maxChunkLineLength,
        Duration headDeadline) {

    /** Default {@link #maxRequestLineLength()}: 8 KiB. */
    public static final int DEFAULT_MAX_REQUEST_LINE_LENGTH = 8 * 1024;
    /** Default {@link #maxHeaderCount()}: 100. */
    public static final int DEFAULT_MAX_HEADER_COUNT = 100;
    /** Default {@link #maxHeaderBytes()}: 16 KiB. */
    public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
    /** Default {@link #maxChunkLineLength()}: 1 KiB. */
    public static final int DEFAULT_MAX_CHUNK_LINE_LENGTH = 1024;
    /** Default {@link #headDeadline()}: 10 s, like the RTMP handshake deadline. */
    public static final Duration DEFAULT_HEAD_DEADLINE = Duration.ofSeconds(10);

    /**
     * @param maxRequestLineLength at least 16
     * @param maxHeaderCount at least 1
     * @param maxHeaderBytes at least 16
     * @param maxChunkLineLength at least 1
     * @param headDeadline positive
     * @throws IllegalArgumentException if a value is out of range
     * @throws NullPointerException if {@code headDeadline} is null
     */
    public HttpLimits {
        Objects.requireNonNull(headDeadline, "headDeadline");
        if (maxRequestLineLength < 16 || maxHeaderCount < 1 || maxHeaderBytes < 16 || maxChunkLineLength < 1
                || headDeadline.isNegative() || headDeadline.isZero()) {
            throw new IllegalArgumentException("HTTP limits out of range");
        }
    }

    /** @return the defaults in the table above */
    public static HttpLimits defaults() {
        return new HttpLimits(DEFAULT_MAX_REQUEST_LINE_LENGTH, DEFAULT_MAX_HEADER_COUNT, DEFAULT_MAX_HEADER_BYTES,
                DEFAULT_MAX_CHUNK_LINE_LENGTH, DEFAULT_HEAD_DEADLINE);
    }
}
