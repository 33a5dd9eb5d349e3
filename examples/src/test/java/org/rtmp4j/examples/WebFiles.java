package org.rtmp4j.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rtmp4j.http.HttpExchange;
import org.rtmp4j.http.HttpHandler;
import org.rtmp4j.http.HttpHeaders;

/**
 * Test-only static files under {@code /web/} for the browser ITs, on the same HTTP listener as the streams (one
 * origin): our player ({@code player.html}, {@code mse-player.js} from the examples' resources
 * {@code org/rtmp4j/examples/web/}), the test pages ({@code org/rtmp4j/examples/web-test/} in the test resources),
 * and hls.js with its licence from the npm install the build made ({@code hls.min.js}, {@code hls.js-LICENSE}; system
 * property {@code rtmp4j.web.modules}, the {@code node_modules} of {@code npm ci} in {@code target/web}). A fixed
 * list of names; anything else is 404.
 */
final class WebFiles implements HttpHandler {
    /** @return the path of the hls.js package installed by the build, failing with how to install it */
    static Path hlsJs() {
        Path dir = Path.of(System.getProperty("rtmp4j.web.modules", "target/web/node_modules"), "hls.js");
        if (!Files.isRegularFile(dir.resolve("dist/hls.min.js"))) {
            throw new IllegalStateException(dir + "/dist/hls.min.js is missing: the examples module installs it with"
                    + " `npm ci` (profile web-test-deps, phase pre-integration-test) from src/test/web/package-lock.json");
        }
        return dir;
    }

    @Override
    public void handle(HttpExchange exchange) {
        String name = exchange.request().path().substring("/web/".length());
        byte[] body = switch (name) {
            case "player.html", "mse-player.js" -> resource("/org/rtmp4j/examples/web/" + name);
            case "hls-player.html" -> resource("/org/rtmp4j/examples/web-test/" + name);
            case "hls.min.js" -> file(hlsJs().resolve("dist/hls.min.js"));
            case "hls.js-LICENSE" -> file(hlsJs().resolve("LICENSE"));
            default -> null;
        };
        if (body == null) {
            exchange.respond(404, HttpHeaders.EMPTY, ByteBuffer.allocate(0));
            return;
        }
        String type = name.endsWith(".html") ? "text/html; charset=utf-8"
                : name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/plain; charset=utf-8";
        exchange.respond(200, HttpHeaders.of("Content-Type", type, "Cache-Control", "no-cache"), ByteBuffer.wrap(body));
    }

    private static byte[] resource(String name) {
        try (InputStream in = WebFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] file(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
