package org.rtmp4j.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;

/**
 * The server side of the WebSocket opening handshake (RFC 6455 §4.2): checks a parsed request and
 * computes the {@code Sec-WebSocket-Accept} answer. Stateless and thread-safe.
 */
public final class WebSocketHandshake {
    /** The only protocol version this server speaks (RFC 6455 §4.1). */
    public static final String VERSION = "13";
    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private WebSocketHandshake() {}

    /**
     * @param head a parsed request
     * @return whether it asks for a WebSocket upgrade ({@code Upgrade} lists {@code websocket}); the
     *     runtime then calls {@link #validate} instead of serving plain HTTP
     */
    public static boolean isUpgrade(HttpRequestHead head) {
        return head.headers().hasToken("Upgrade", "websocket");
    }

    /**
     * Checks an opening handshake (RFC 6455 §4.2.1): GET over HTTP/1.1, {@code Upgrade} lists
     * {@code websocket}, {@code Connection} lists {@code upgrade}, exactly one
     * {@code Sec-WebSocket-Key} that is base64 of 16 bytes, {@code Sec-WebSocket-Version: 13}. Host was
     * checked by the parser.
     *
     * @param head a parsed request
     * @return the {@code Sec-WebSocket-Key} value, for {@link #acceptValue}
     * @throws HttpRequestException 400 for a malformed handshake; 426 for another version, whose
     *     response must carry {@code Sec-WebSocket-Version: 13} (RFC 6455 §4.4)
     */
    public static String validate(HttpRequestHead head) {
        HttpHeaders h = head.headers();
        if (head.method() != HttpMethod.GET || head.version() != HttpVersion.HTTP_1_1) {
            throw refuse(400, "WebSocket handshake must be a GET over HTTP/1.1");
        }
        if (!h.hasToken("Upgrade", "websocket")) {
            throw refuse(400, "Upgrade does not list websocket");
        }
        if (!h.hasToken("Connection", "upgrade")) {
            throw refuse(400, "Connection does not list upgrade");
        }
        List<String> versions = h.all("Sec-WebSocket-Version");
        if (versions.size() != 1 || !versions.get(0).equals(VERSION)) {
            throw refuse(426, "Sec-WebSocket-Version must be " + VERSION);
        }
        List<String> keys = h.all("Sec-WebSocket-Key");
        if (keys.size() != 1) {
            throw refuse(400, "need exactly one Sec-WebSocket-Key");
        }
        String key = keys.get(0);
        // 16 bytes are 24 base64 characters ending in "==" (RFC 4648 §4); the JDK decoder would also
        // take the unpadded form, which RFC 6455 §4.1 does not produce
        if (key.length() != 24 || !key.endsWith("==") || decodedLength(key) != 16) {
            throw refuse(400, "Sec-WebSocket-Key is not 16 bytes in base64");
        }
        return key;
    }

    /**
     * {@code base64(SHA-1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))} (RFC 6455 §4.2.2 item 5.4).
     *
     * @param key the {@code Sec-WebSocket-Key} value
     * @return the {@code Sec-WebSocket-Accept} value
     */
    public static String acceptValue(String key) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] digest = sha1.digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-1", e);
        }
    }

    /**
     * @param key the validated {@code Sec-WebSocket-Key}
     * @return the header fields of the {@code 101 Switching Protocols} answer (RFC 6455 §4.2.2):
     *     {@code Upgrade}, {@code Connection} and {@code Sec-WebSocket-Accept}; no subprotocol
     */
    public static HttpHeaders responseHeaders(String key) {
        return HttpHeaders.of("Upgrade", "websocket", "Connection", "Upgrade", "Sec-WebSocket-Accept", acceptValue(key));
    }

    private static int decodedLength(String key) {
        try {
            return Base64.getDecoder().decode(key).length;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private static HttpRequestException refuse(int status, String reason) {
        return new HttpRequestException(status, -1, reason);
    }
}
