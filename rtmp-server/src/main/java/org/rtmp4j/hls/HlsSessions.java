package org.rtmp4j.hls;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.rtmp4j.live.StreamKey;

/**
 * HLS viewing sessions: one per {@code hls_ctx} token (as SRS's {@code hls_ctx}), so the play decision
 * runs once per viewer and not once per request, and viewers can be counted per stream. A token is
 * 128 random bits from {@link SecureRandom}, base64url without padding (22 characters), unguessable;
 * a session ends {@code idleTimeout} after its last request.
 *
 * <p>At most {@code maxSessions} sessions exist at once (default {@link #DEFAULT_MAX_SESSIONS}); past
 * it {@link #open} refuses, so a client inventing tokens cannot grow the table without bound (each
 * new token also needs a positive play decision).
 *
 * <p>Thread-safety: safe from any thread (a concurrent map; counts are computed on demand).
 */
final class HlsSessions {
    /** Default cap on sessions at once. */
    static final int DEFAULT_MAX_SESSIONS = 100_000;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{22}");

    private final SecureRandom random = new SecureRandom();
    private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
    private final long idleNanos;
    private final int maxSessions;

    /** One viewer of one stream. */
    private static final class Session {
        final StreamKey key;
        volatile long lastSeenNanos;

        Session(StreamKey key, long now) {
            this.key = key;
            this.lastSeenNanos = now;
        }
    }

    HlsSessions(long idleNanos, int maxSessions) {
        this.idleNanos = idleNanos;
        this.maxSessions = maxSessions;
    }

    /** @return whether {@code token} has the shape of a token this class makes */
    static boolean wellFormed(String token) {
        return TOKEN.matcher(token).matches();
    }

    /** @return a new unguessable token */
    String newToken() {
        byte[] b = new byte[16];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    /**
     * Refreshes the session {@code token} of {@code key}.
     *
     * @return whether it exists for that stream (a token of another stream does not count)
     */
    boolean touch(String token, StreamKey key, long nowNanos) {
        Session s = sessions.get(token);
        if (s == null || !s.key.equals(key)) {
            return false;
        }
        s.lastSeenNanos = nowNanos;
        return true;
    }

    /**
     * Registers a session after a positive play decision.
     *
     * @return false when {@code maxSessions} are open
     */
    boolean open(String token, StreamKey key, long nowNanos) {
        if (sessions.size() >= maxSessions) {
            return false;
        }
        sessions.put(token, new Session(key, nowNanos));
        return true;
    }

    /** Ends the sessions idle for {@code idleTimeout}. @return how many ended */
    int expire(long nowNanos) {
        int[] n = {0};
        sessions.values().removeIf(s -> {
            boolean idle = nowNanos - s.lastSeenNanos >= idleNanos;
            if (idle) {
                n[0]++;
            }
            return idle;
        });
        return n[0];
    }

    /** @return the live sessions of {@code key} */
    int count(StreamKey key) {
        int n = 0;
        for (Session s : sessions.values()) {
            if (s.key.equals(key)) {
                n++;
            }
        }
        return n;
    }

    /** @return the live sessions per stream */
    Map<StreamKey, Integer> counts() {
        Map<StreamKey, Integer> out = new HashMap<>();
        for (Session s : sessions.values()) {
            out.merge(s.key, 1, Integer::sum);
        }
        return out;
    }

    /** @return all sessions */
    int size() {
        return sessions.size();
    }
}
