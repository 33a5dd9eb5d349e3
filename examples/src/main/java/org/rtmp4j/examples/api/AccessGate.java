package org.rtmp4j.examples.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.rtmp4j.http.HttpExchange;
import org.rtmp4j.http.HttpHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies an {@link ApiAccess} to a request and answers the refusals: 401 with {@code WWW-Authenticate:
 * Bearer realm="rtmp4j"} (RFC 6750 §3) for a missing or wrong token, 403 for a read token asking to
 * write and for an untrusted peer when no token is configured at all (no credential could help). Each
 * refusal is logged once, at INFO, with the peer, the method and the path (never the token).
 * Thread-safe.
 */
final class AccessGate {
    private static final Logger LOG = LoggerFactory.getLogger("rtmp4j.api");

    private final ApiAccess access;

    AccessGate(ApiAccess access) {
        this.access = access;
    }

    /**
     * @param exchange the request
     * @param right what it asks to do
     * @return whether it may go on; when not, it was answered
     */
    boolean admit(HttpExchange exchange, ApiAccess.Right right) {
        ApiAccess.Decision d = access.decide(exchange, right);
        if (d == ApiAccess.Decision.ALLOWED) {
            return true;
        }
        boolean noToken = access.writeToken() == null && access.readToken() == null;
        int status = d == ApiAccess.Decision.FORBIDDEN || noToken ? 403 : 401;
        String reason = d == ApiAccess.Decision.FORBIDDEN ? "the read token does not allow " + exchange.request().method()
                : noToken ? "only trusted addresses may call the API (no token is configured)"
                : "a valid bearer token is required";
        LOG.info("API refused {} {} {} from {}: {}", status, exchange.request().method(),
                Paths.printable(exchange.request().path()), ApiViews.address(exchange.remoteAddress()), reason);
        byte[] body = (org.rtmp4j.examples.Json.write(ApiViews.error(reason)) + "\n").getBytes(StandardCharsets.UTF_8);
        HttpHeaders headers = status == 401
                ? HttpHeaders.of("Content-Type", "application/json", "Cache-Control", "no-store",
                        "WWW-Authenticate", "Bearer realm=\"rtmp4j\"")
                : HttpHeaders.of("Content-Type", "application/json", "Cache-Control", "no-store");
        exchange.respond(status, headers, ByteBuffer.wrap(body));
        return false;
    }
}
