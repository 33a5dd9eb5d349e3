package org.rtmp4j.http;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings of an HTTP listener. Immutable.
 *
 * <table>
 *   <caption>Settings and defaults</caption>
 *   <tr><th>Setting</th><th>Default</th><th>Meaning</th></tr>
 *   <tr><td>{@code limits}</td><td>{@link HttpLimits#defaults()}</td><td>request line, header and
 *       chunk-line sizes, the 10 s request head deadline</td></tr>
 *   <tr><td>{@code allowOrigin}</td><td>{@code *}</td><td>the {@code Access-Control-Allow-Origin}
 *       value of every response and of the OPTIONS preflight answer (Fetch standard, CORS)</td></tr>
 *   <tr><td>{@code idleTimeout}</td><td>60 s</td><td>a connection with no request in progress
 *       (before its first byte, or between keep-alive requests) is closed after this long</td></tr>
 *   <tr><td>{@code maxWebSocketMessageSize}</td><td>1 MiB</td><td>the largest client message
 *       (RFC 6455, close 1009 beyond)</td></tr>
 *   <tr><td>{@code maxPipelinedBytes}</td><td>64 KiB</td><td>bytes of later requests held while
 *       one is still being answered; beyond, the connection is closed</td></tr>
 * </table>
 *
 * @param limits the request parser's limits
 * @param allowOrigin the CORS allowed origin, e.g. {@code *} or {@code https://example.com}
 * @param idleTimeout the idle timeout between requests, positive
 * @param maxWebSocketMessageSize in bytes, at least 1
 * @param maxPipelinedBytes in bytes, at least 1
 */
public record HttpOptions(
        HttpLimits limits, String allowOrigin, Duration idleTimeout, int maxWebSocketMessageSize, int maxPipelinedBytes) {
    /** Default {@link #allowOrigin()}: any origin. */
    public static final String DEFAULT_ALLOW_ORIGIN = "*";
    /** Default {@link #idleTimeout()}: 60 s, like the RTMP idle timeout. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Default {@link #maxPipelinedBytes()}: 64 KiB. */
    public static final int DEFAULT_MAX_PIPELINED_BYTES = 64 * 1024;

    /**
     * @param limits not null
     * @param allowOrigin not null, non-empty, no control characters
     * @param idleTimeout positive
     * @param maxWebSocketMessageSize at least 1
     * @param maxPipelinedBytes at least 1
     * @throws IllegalArgumentException if a value is out of range
     */
    public HttpOptions {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(allowOrigin, "allowOrigin");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (allowOrigin.isEmpty() || !allowOrigin.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            throw new IllegalArgumentException("allowOrigin must be visible ASCII without spaces: " + allowOrigin);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
        }
        if (maxWebSocketMessageSize < 1 || maxPipelinedBytes < 1) {
            throw new IllegalArgumentException("maxWebSocketMessageSize and maxPipelinedBytes must be positive");
        }
    }

    /** @return the defaults in the table above */
    public static HttpOptions defaults() {
        return new HttpOptions(HttpLimits.defaults(), DEFAULT_ALLOW_ORIGIN, DEFAULT_IDLE_TIMEOUT,
                WebSocketFrameDecoder.DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_PIPELINED_BYTES);
    }

    /**
     * @param newLimits the parser limits
     * @return a copy with {@code newLimits}
     */
    public HttpOptions withLimits(HttpLimits newLimits) {
        return new HttpOptions(newLimits, allowOrigin, idleTimeout, maxWebSocketMessageSize, maxPipelinedBytes);
    }

    /**
     * @param origin the CORS allowed origin
     * @return a copy with {@code origin}
     */
    public HttpOptions withAllowOrigin(String origin) {
        return new HttpOptions(limits, origin, idleTimeout, maxWebSocketMessageSize, maxPipelinedBytes);
    }

    /**
     * @param timeout the idle timeout between requests
     * @return a copy with {@code timeout}
     */
    public HttpOptions withIdleTimeout(Duration timeout) {
        return new HttpOptions(limits, allowOrigin, timeout, maxWebSocketMessageSize, maxPipelinedBytes);
    }
}
