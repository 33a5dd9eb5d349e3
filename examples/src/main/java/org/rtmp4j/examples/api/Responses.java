package org.rtmp4j.examples.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.rtmp4j.examples.Json;
import org.rtmp4j.http.HttpExchange;
import org.rtmp4j.http.HttpHeaders;

/** How the API answers: JSON or text, never cached. Stateless; call on the connection's thread. */
final class Responses {
    private Responses() {}

    /**
     * @param exchange the request
     * @param status the status
     * @param value a map or list for {@link Json#write}
     */
    static void json(HttpExchange exchange, int status, Object value) {
        byte[] body = (Json.write(value) + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.respond(status, HttpHeaders.of("Content-Type", "application/json", "Cache-Control", "no-store"),
                ByteBuffer.wrap(body));
    }

    /**
     * @param exchange the request
     * @param status the status
     * @param contentType the media type
     * @param text the body
     */
    static void text(HttpExchange exchange, int status, String contentType, String text) {
        exchange.respond(status, HttpHeaders.of("Content-Type", contentType, "Cache-Control", "no-store"),
                ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** 204 without content. */
    static void noContent(HttpExchange exchange) {
        exchange.respond(204, HttpHeaders.of("Cache-Control", "no-store"), ByteBuffer.allocate(0));
    }
}
