package org.rtmp4j.examples.api;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.rtmp4j.http.HttpExchange;

/**
 * Who may call the HTTP API and {@code /metrics}: peers in a trusted address range (default loopback)
 * without credentials; any other peer with {@code Authorization: Bearer TOKEN} (RFC 6750 §2.1), where
 * the write token grants reading and writing and the read token reading only. Without a token
 * configured only trusted peers get in (mediamtx's default). Tokens are compared in constant time
 * (their SHA-256 digests with {@link MessageDigest#isEqual}, so neither content nor length leaks
 * through timing). Immutable, thread-safe.
 *
 * @param trusted the address ranges that need no credentials; may be empty
 * @param writeToken the token for reading and writing, or {@code null} for none
 * @param readToken the token for reading only, or {@code null} for none
 */
public record ApiAccess(List<Cidr> trusted, String writeToken, String readToken) {
    /** What a request may do. */
    public enum Right {
        /** GET: lists, details, metrics. */
        READ,
        /** DELETE: closing publishers and clients. */
        WRITE
    }

    /** The decision on one request. */
    public enum Decision {
        /** Go on. */
        ALLOWED,
        /** No or a wrong token: 401 with {@code WWW-Authenticate: Bearer}. */
        UNAUTHENTICATED,
        /** A valid read token asking to write: 403. */
        FORBIDDEN
    }

    /**
     * @throws NullPointerException if {@code trusted} is null
     * @throws IllegalArgumentException if a token is empty
     */
    public ApiAccess {
        trusted = List.copyOf(Objects.requireNonNull(trusted, "trusted"));
        if (writeToken != null && writeToken.isEmpty() || readToken != null && readToken.isEmpty()) {
            throw new IllegalArgumentException("an API token must not be empty");
        }
    }

    /** @return loopback trusted, no tokens: only this machine may call */
    public static ApiAccess loopbackOnly() {
        return new ApiAccess(Cidr.LOOPBACK, null, null);
    }

    /**
     * @param exchange the request (its peer and {@code Authorization} field)
     * @param right what it asks to do
     * @return the decision
     */
    public Decision decide(HttpExchange exchange, Right right) {
        return decide(exchange.remoteAddress(), exchange.request().headers().first("Authorization"), right);
    }

    /**
     * @param peer the caller's address
     * @param authorization the {@code Authorization} field, if any
     * @param right what it asks to do
     * @return the decision
     */
    public Decision decide(SocketAddress peer, Optional<String> authorization, Right right) {
        if (peer instanceof InetSocketAddress a && a.getAddress() != null) {
            for (Cidr c : trusted) {
                if (c.contains(a.getAddress())) {
                    return Decision.ALLOWED;
                }
            }
        }
        String token = authorization.map(ApiAccess::bearer).orElse(null);
        if (token == null) {
            return Decision.UNAUTHENTICATED;
        }
        if (matches(token, writeToken)) {
            return Decision.ALLOWED;
        }
        if (matches(token, readToken)) {
            return right == Right.READ ? Decision.ALLOWED : Decision.FORBIDDEN;
        }
        return Decision.UNAUTHENTICATED;
    }

    /** @return the token of {@code Bearer TOKEN} (scheme case-insensitive, RFC 9110 §11.1), or {@code null} */
    static String bearer(String field) {
        String f = field.strip();
        if (f.length() < 7 || !f.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String t = f.substring(7).strip();
        return t.isEmpty() ? null : t;
    }

    /** Constant-time: compares the SHA-256 digests, so the time depends on neither content nor length. */
    private static boolean matches(String given, String expected) {
        if (expected == null) {
            return false;
        }
        return MessageDigest.isEqual(sha256(given), sha256(expected));
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ApiAccess[trusted=" + trusted + ", writeToken=" + (writeToken == null ? "none" : "set")
                + ", readToken=" + (readToken == null ? "none" : "set") + "]";
    }
}
