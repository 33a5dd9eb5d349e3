package org.rtmp4j.server.rtmpt;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits of RTMPT, RTMP tunnelled through HTTP POST requests ({@code /open/1}, {@code /send/ID/SEQ},
 * {@code /idle/ID/SEQ}, {@code /close/ID/SEQ}), on a server's HTTP listener. Immutable.
 *
 * @param maxSessions most RTMPT sessions open at once (each also counts as one connection against the
 *     server's connection limit); one more {@code /open/1} is answered 503. Default {@value #DEFAULT_MAX_SESSIONS}.
 * @param idleTimeout a session that gets no request for this long expires (its RTMP connection closes as
 *     if the peer went away). Default 60 s.
 * @param maxReplyBytes most RTMP bytes one reply carries from the session's queue, in bytes (the rest
 *     waits for the next request). Default {@value #DEFAULT_MAX_REPLY_BYTES}.
 * @param maxBodyBytes largest request body, in bytes; a longer one is answered 413 and closes that HTTP
 *     connection. Default {@value #DEFAULT_MAX_BODY_BYTES}.
 */
public record RtmptOptions(int maxSessions, Duration idleTimeout, int maxReplyBytes, int maxBodyBytes) {
    /** Default {@link #maxSessions()}. */
    public static final int DEFAULT_MAX_SESSIONS = 1000;
    /** Default {@link #idleTimeout()}: 60 s. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    /** Default {@link #maxReplyBytes()}: 32 KiB. */
    public static final int DEFAULT_MAX_REPLY_BYTES = 32 * 1024;
    /** Default {@link #maxBodyBytes()}: 1 MiB (a keyframe of a high-bitrate publisher fits). */
    public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    /**
     * Validates.
     *
     * @throws IllegalArgumentException if a count or size is under 1 or the timeout is not positive
     */
    public RtmptOptions {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (maxSessions < 1 || maxReplyBytes < 1 || maxBodyBytes < 1) {
            throw new IllegalArgumentException("maxSessions, maxReplyBytes and maxBodyBytes must be positive: "
                    + maxSessions + ", " + maxReplyBytes + ", " + maxBodyBytes);
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idleTimeout must be positive: " + idleTimeout);
        }
    }

    /** @return the defaults: 1000 sessions, 60 s idle timeout, 32 KiB per reply, 1 MiB per request body */
    public static RtmptOptions defaults() {
        return new RtmptOptions(DEFAULT_MAX_SESSIONS, DEFAULT_IDLE_TIMEOUT, DEFAULT_MAX_REPLY_BYTES,
                DEFAULT_MAX_BODY_BYTES);
    }

    /**
     * @param max most sessions at once, at least 1
     * @return a copy with {@link #maxSessions()} set
     */
    public RtmptOptions withMaxSessions(int max) {
        return new RtmptOptions(max, idleTimeout, maxReplyBytes, maxBodyBytes);
    }

    /**
     * @param timeout how long a session may go without a request, positive
     * @return a copy with {@link #idleTimeout()} set
     */
    public RtmptOptions withIdleTimeout(Duration timeout) {
        return new RtmptOptions(maxSessions, timeout, maxReplyBytes, maxBodyBytes);
    }

    /**
     * @param max most RTMP bytes per reply, at least 1
     * @return a copy with {@link #maxReplyBytes()} set
     */
    public RtmptOptions withMaxReplyBytes(int max) {
        return new RtmptOptions(maxSessions, idleTimeout, max, maxBodyBytes);
    }

    /**
     * @param max largest request body in bytes, at least 1
     * @return a copy with {@link #maxBodyBytes()} set
     */
    public RtmptOptions withMaxBodyBytes(int max) {
        return new RtmptOptions(maxSessions, idleTimeout, maxReplyBytes, max);
    }
}
