package org.rtmp4j.examples.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One file of the console, read once from the class path: its bytes, {@code Content-Type} and a strong entity tag
 * (RFC 9110 §8.8.3: the first 16 hex digits of the SHA-256 of the bytes, quoted), so a browser revalidates with
 * {@code If-None-Match} and gets 304 while the jar is the same. Immutable, thread-safe.
 *
 * @param name the file's name under {@code /web/}, e.g. {@code console.js}
 * @param contentType the media type with its charset
 * @param body the content; never modified, handed out as read-only views
 * @param etag the quoted entity tag
 */
record WebFile(String name, String contentType, byte[] body, String etag) {
    /** The class-path folder of the console's files. */
    static final String RESOURCES = "/org/rtmp4j/examples/web/";

    WebFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(etag, "etag");
    }

    /**
     * @param name a file of {@link #RESOURCES}; its extension picks the type ({@code .html}, {@code .js},
     *     {@code .css})
     * @return the file
     * @throws IllegalStateException if the jar lacks it or its extension is none of those (a packaging fault)
     */
    static WebFile load(String name) {
        String type = name.endsWith(".html") ? "text/html; charset=utf-8"
                : name.endsWith(".js") ? "text/javascript; charset=utf-8"
                : name.endsWith(".css") ? "text/css; charset=utf-8" : null;
        if (type == null) {
            throw new IllegalStateException("no content type for " + name);
        }
        try (InputStream in = WebFile.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no resource " + RESOURCES + name);
            }
            byte[] body = in.readAllBytes();
            return new WebFile(name, type, body, "\"" + HexFormat.of().formatHex(sha256(body), 0, 8) + "\"");
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + RESOURCES + name, e);
        }
    }

    /** @return a read-only view of the content, for one response */
    ByteBuffer content() {
        return ByteBuffer.wrap(body).asReadOnlyBuffer();
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
