package org.rtmp4j.http;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * One entry of the HTTP request routing: requests with {@code method} whose path (the target
 * without its query, {@link HttpRequestHead#path()}) matches {@code path} go to {@code handler}.
 * Routes are tried in the order they were added; the first match wins. A path matched by routes of
 * other methods only is answered 405 with {@code Allow}; a path nobody matches 404. OPTIONS is
 * answered by the runtime (CORS preflight) unless a route claims it.
 *
 * @param method the request method
 * @param path tests the request path, e.g. {@link FlvStreamPath#matches(String)}
 * @param handler serves the matching requests
 */
public record HttpRoute(HttpMethod method, Predicate<String> path, HttpHandler handler) {
    /**
     * @param method not null
     * @param path not null
     * @param handler not null
     */
    public HttpRoute {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(handler, "handler");
    }
}
