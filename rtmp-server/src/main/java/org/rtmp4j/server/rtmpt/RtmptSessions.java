package org.rtmp4j.server.rtmpt;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open RTMPT sessions of one HTTP listener by id, at most {@link RtmptOptions#maxSessions()}. Ids are
 * 128 random bits from {@link SecureRandom} as 32 lower-case hex digits (URL-safe, unguessable: a peer
 * cannot reach another peer's session). Thread-safe.
 */
final class RtmptSessions {
    private final ConcurrentHashMap<String, RtmptSession> sessions = new ConcurrentHashMap<>();
    private final AtomicInteger reserved = new AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private final int max;

    /** @param max most sessions at once */
    RtmptSessions(int max) {
        this.max = max;
    }

    /** @return a new session id: 128 random bits, 32 hex digits */
    String newId() {
        byte[] bits = new byte[16];
        random.nextBytes(bits);
        return HexFormat.of().formatHex(bits);
    }

    /** @return whether a place for one more session was reserved ({@link #add} or {@link #release} it) */
    boolean reserve() {
        while (true) {
            int n = reserved.get();
            if (n >= max) {
                return false;
            }
            if (reserved.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Gives back a place reserved for a session that did not open. */
    void release() {
        reserved.decrementAndGet();
    }

    /** @param s a session opened in a reserved place */
    void add(RtmptSession s) {
        sessions.put(s.id(), s);
    }

    /** @param s a session that ended; its place is given back */
    void remove(RtmptSession s) {
        if (sessions.remove(s.id(), s)) {
            reserved.decrementAndGet();
        }
    }

    /**
     * @param id a session id from a request path
     * @return the open session, or {@code null}
     */
    RtmptSession get(String id) {
        return sessions.get(id);
    }

    /** @return a snapshot of the open sessions */
    java.util.List<RtmptSession> snapshot() {
        return java.util.List.copyOf(sessions.values());
    }

    /** @return sessions open now */
    int size() {
        return sessions.size();
    }
}
