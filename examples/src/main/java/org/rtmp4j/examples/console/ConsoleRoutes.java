package org.rtmp4j.examples.console;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rtmp4j.http.HttpExchange;
import org.rtmp4j.http.HttpHandler;
import org.rtmp4j.http.HttpHeaders;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.server.RtmpServer;

/**
 * The web console (issue 14 §4; README "Web console"), mountable on a server's HTTP listener like the API's
 * {@code ApiRoutes}: {@code GET /} and {@code /index.html} answer the page, {@code GET /web/NAME} one of the fixed
 * {@link #FILES} ({@code console.js}, {@code console.css}, {@code mse-player.js}, {@code player.html}); any other
 * name under {@code /web/} is 404, so no path reaches the file system or another resource ({@code ..},
 * percent-encoding and the like simply do not match a name). HEAD is answered too (head only, RFC 9110 §9.3.2).
 *
 * <p>Caching: every answer carries a strong {@code ETag} and {@code Cache-Control: no-cache} (revalidate each
 * time, RFC 9111 §5.2.2.4); a matching {@code If-None-Match} (RFC 9110 §13.1.2) gets 304 without a body. The page
 * gets a {@code Content-Security-Policy} that allows only this origin (scripts, styles, images, fetch and
 * WebSocket) and {@code blob:} media (the MSE player's object URL), so no CDN can be pulled in; every file gets
 * {@code X-Content-Type-Options: nosniff}.
 *
 * <p>The page and the files are open to anyone (as the media paths are); the API the page calls keeps its own
 * rules (trusted addresses, bearer token). The files are read from the class path once, when this object is made.
 * Thread-safe: immutable after construction; requests are answered on their connection's loop without blocking.
 *
 * <pre>{@code
 * RtmpServer.Builder b = RtmpServer.builder().http(8080).controller(relay);
 * new ConsoleRoutes().mount(b);
 * }</pre>
 */
public final class ConsoleRoutes implements HttpHandler {
    /** The page's name; {@code /} and {@code /index.html} answer it. */
    public static final String PAGE = "console.html";
    /** The names served under {@code /web/}; nothing else is. */
    public static final List<String> FILES = List.of("console.js", "console.css", "mse-player.js", "player.html");

    private static final String WEB = "/web/";
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " media-src 'self' blob:; connect-src 'self' ws: wss:; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";

    private final WebFile page;
    private final Map<String, WebFile> files = new LinkedHashMap<>();

    /**
     * Reads the page and {@link #FILES} from the jar.
     *
     * @throws IllegalStateException if one is missing (a packaging fault)
     */
    public ConsoleRoutes() {
        page = WebFile.load(PAGE);
        for (String name : FILES) {
            files.put(name, WebFile.load(name));
        }
    }

    /**
     * Adds the routes for GET and HEAD of {@code /}, {@code /index.html} and {@code /web/...}. Mount them after
     * routes that should win for the same paths (earlier routes win).
     *
     * @param builder a server builder with HTTP on
     * @return {@code builder}
     */
    public RtmpServer.Builder mount(RtmpServer.Builder builder) {
        return builder.httpRoute(HttpMethod.GET, ConsoleRoutes::isConsole, this)
                .httpRoute(HttpMethod.HEAD, ConsoleRoutes::isConsole, this);
    }

    /**
     * @param path a request path, without query
     * @return whether this handler answers it ({@code /}, {@code /index.html} or anything under {@code /web/})
     */
    public static boolean isConsole(String path) {
        return path.equals("/") || path.equals("/index.html") || path.startsWith(WEB);
    }

    /** @return the bytes of everything the page loads as served: the page, {@code console.js}, {@code console.css}, {@code mse-player.js} */
    public long pageWeight() {
        return page.body().length + files.get("console.js").body().length + files.get("console.css").body().length
                + files.get("mse-player.js").body().length;
    }

    @Override
    public void handle(HttpExchange exchange) {
        String path = exchange.request().path();
        WebFile file = path.startsWith(WEB) ? files.get(path.substring(WEB.length())) : page;
        if (file == null) {
            exchange.respond(404, HttpHeaders.of("Content-Type", "text/plain; charset=utf-8", "Cache-Control", "no-cache"),
                    ByteBuffer.wrap("not found\n".getBytes(StandardCharsets.UTF_8)));
            return;
        }
        HttpHeaders headers = file == page
                ? HttpHeaders.of("Content-Type", file.contentType(), "ETag", file.etag(), "Cache-Control", "no-cache",
                        "X-Content-Type-Options", "nosniff", "Content-Security-Policy", POLICY)
                : HttpHeaders.of("Content-Type", file.contentType(), "ETag", file.etag(), "Cache-Control", "no-cache",
                        "X-Content-Type-Options", "nosniff");
        if (matches(exchange.request().headers().first("If-None-Match"), file.etag())) {
            exchange.respond(304, HttpHeaders.of("ETag", file.etag(), "Cache-Control", "no-cache"), ByteBuffer.allocate(0));
            return;
        }
        exchange.respond(200, headers, file.content());
    }

    /** {@code If-None-Match}: {@code *} or a list of entity tags, compared weakly (RFC 9110 §13.1.2). */
    static boolean matches(Optional<String> ifNoneMatch, String etag) {
        if (ifNoneMatch.isEmpty()) {
            return false;
        }
        for (String t : ifNoneMatch.get().split(",")) {
            String tag = t.strip();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
