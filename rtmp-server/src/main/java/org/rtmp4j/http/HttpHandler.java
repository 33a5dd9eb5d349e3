package org.rtmp4j.http;

/**
 * Serves the requests of one {@link HttpRoute}: called once per request, on the connection's
 * thread (an event loop: do not block), as soon as its head has arrived. It must answer through
 * the exchange, now or later: {@link HttpExchange#respond}, {@link HttpExchange#stream},
 * {@link HttpExchange#acceptWebSocket}. Until it does, the connection reads no further request
 * (pipelined requests are answered in order). An exception thrown here is answered with 500 and
 * the connection is closed.
 */
@FunctionalInterface
public interface HttpHandler {
    /**
     * @param exchange the request and the ways to answer it
     * @throws Exception answered with 500, logged once
     */
    void handle(HttpExchange exchange) throws Exception;
}
