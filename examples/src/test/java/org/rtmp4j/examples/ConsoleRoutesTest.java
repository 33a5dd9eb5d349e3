package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rtmp4j.examples.console.ConsoleRoutes;
import org.rtmp4j.http.FlvStreamPath;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.live.HttpFlvPlayer;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.server.RtmpServer;

/**
 * The web console's files (issue 14 §4) on an in-process server: the page at {@code /} and {@code /index.html}, the
 * fixed names under {@code /web/} with their types and entity tags, 304 on a matching {@code If-None-Match}, 404 for
 * every other name (traversal and encodings included), and a stream of an app named {@code web} still reaching the
 * stream route mounted before the console. Also {@code --no-console}.
 */
@Timeout(30)
class ConsoleRoutesTest {
    @RegisterExtension
    final LoopbackServer fixture = new LoopbackServer();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private RtmpServer server;

    private void start() throws Exception {
        LiveBroadcastController relay = new LiveBroadcastController();
        server = fixture.start(relay, b -> new ConsoleRoutes().mount(b.http(new InetSocketAddress("127.0.0.1", 0))
                .httpRoute(HttpMethod.GET, FlvStreamPath::matches, new HttpFlvPlayer(relay))));
    }

    private HttpResponse<byte[]> get(String target, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + target))
                .timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void thePageAndItsFilesAreServedWithTypesEntityTagsAndAPolicyThatAllowsOnlyThisOrigin() throws Exception {
        start();
        HttpResponse<byte[]> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("default-src 'none'", "script-src 'self'", "media-src 'self' blob:").doesNotContain("unsafe");
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertThat(html).contains("<script src=\"/web/console.js\"></script>", "/web/mse-player.js", "/web/console.css")
                .doesNotContain("http://", "https://");
        assertThat(get("/index.html").body()).isEqualTo(page.body());

        long weight = page.body().length;
        for (String[] f : List.of(new String[] {"console.js", "text/javascript; charset=utf-8"},
                new String[] {"console.css", "text/css; charset=utf-8"},
                new String[] {"mse-player.js", "text/javascript; charset=utf-8"},
                new String[] {"player.html", "text/html; charset=utf-8"})) {
            HttpResponse<byte[]> r = get("/web/" + f[0]);
            assertThat(r.statusCode()).as(f[0]).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).as(f[0]).hasValue(f[1]);
            assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            String etag = r.headers().firstValue("ETag").orElseThrow();
            assertThat(etag).matches("\"[0-9a-f]{16}\"");
            HttpResponse<byte[]> again = get("/web/" + f[0], "If-None-Match", "\"other\", " + etag);
            assertThat(again.statusCode()).as("revalidation of %s", f[0]).isEqualTo(304);
            assertThat(again.body()).isEmpty();
            assertThat(get("/web/" + f[0], "If-None-Match", "\"0000000000000000\"").statusCode()).isEqualTo(200);
            weight += f[0].equals("player.html") ? 0 : r.body().length;
        }
        assertThat(weight).isEqualTo(new ConsoleRoutes().pageWeight());
        assertThat(new String(get("/web/console.js").body(), StandardCharsets.UTF_8)).doesNotContain("innerHTML", "eval(");
    }

    @Test
    void everyOtherNameUnderWebIs404AndAStreamOfTheAppWebStillReachesItsRoute() throws Exception {
        start();
        for (String target : List.of("/web/", "/web/console.html", "/web/../pom.xml", "/web/%2e%2e/console.js",
                "/web/console.js/", "/web/Console.js", "/web/console.js%00", "/web/web/console.js",
                "/web/org/rtmp4j/examples/web/console.js", "/web/hls.min.js", "/index.htm")) {
            assertThat(get(target).statusCode()).as(target).isEqualTo(404);
        }
        HttpResponse<byte[]> stream = get("/web/cam.flv");
        assertThat(stream.statusCode()).as("GET /web/cam.flv goes to the HTTP-FLV route: no such stream").isEqualTo(404);
        assertThat(new String(stream.body(), StandardCharsets.UTF_8)).isNotEqualTo("not found\n");
        HttpResponse<Void> head = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort()
                + "/web/console.js")).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValue("ETag")).isPresent();
    }

    @Test
    void noConsoleLeavesItOut() {
        ServerCommand s = (ServerCommand) Main.commandLine().parseArgs("server", "--no-console").subcommand()
                .commandSpec().userObject();
        assertThat(s.console.noConsole).isTrue();
        assertThat(s.console.mount(RtmpServer.builder())).isNull();
        ServerCommand defaults = (ServerCommand) Main.commandLine().parseArgs("server").subcommand().commandSpec()
                .userObject();
        assertThat(defaults.console.noConsole).isFalse();
    }
}
