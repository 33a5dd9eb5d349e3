package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;

/**
 * Issue 14 §4's browser proof: the {@code server} command (a child process, as from the jar) serves the web console
 * at {@code /}; the test publishes {@code media/h264-aac-avatar.flv} in real time over RTMP; headless Chromium,
 * from loopback (a trusted address: no token), shows the stream with its codec and size and a snapshot of that size;
 * a click plays it in the page through {@code mse-player.js} ({@code currentTime} past 3 s, the source's picture
 * size); the page's player counts are the API's (the snapshot tap is no player); the kick button closes the
 * publisher's connection and the API then answers 404. Prints the page weight and the time from the click to the
 * first frame, and saves a screenshot with the video playing as {@code target/console.png}.
 */
@Tag("browser")
@Timeout(180)
class ConsoleBrowserIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WIDTH = 768;
    private static final int HEIGHT = 320;
    private static final String ROW = "#streams tr[data-stream='live/cam']";

    @RegisterExtension
    final BrowserHarness browser = new BrowserHarness();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ServerProcess server;
    private RealtimePublisher publisher;

    @AfterEach
    void stop() throws Exception {
        try {
            if (publisher != null) {
                publisher.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private HttpResponse<byte[]> get(String target) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.httpPort() + target))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private JsonNode api(String target) throws Exception {
        HttpResponse<byte[]> r = get(target);
        assertThat(r.statusCode()).as("GET %s", target).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /**
     * Waits in the page until {@code expression} is truthy, polling every 100 ms.
     *
     * @return its value, or fails after {@code timeoutMs} with the page's console
     */
    private Object await(String what, String expression, long timeoutMs) {
        Object v = browser.js("""
                const deadline = Date.now() + arguments[0];
                return new Promise((resolve) => {
                  const test = () => {
                    let v = null;
                    try { v = (%s); } catch (e) { v = null; }
                    if (v) { resolve(v); } else if (Date.now() > deadline) { resolve(null); } else { setTimeout(test, 100); }
                  };
                  test();
                });
                """.formatted(expression), timeoutMs);
        assertThat(v).as("%s (%s); page console:%n%s", what, expression, browser.console()).isNotNull();
        return v;
    }

    @Test
    void theConsoleListsTheStreamShowsItsSnapshotPlaysItOnClickAndKicksItsPublisher() throws Exception {
        WebDriver driver = browser.start();
        driver.manage().window().setSize(new Dimension(1120, 800));
        server = ServerProcess.start("--status-interval", "0", "--snapshot-interval", "1s");
        publisher = RealtimePublisher.start(URI.create("rtmp://127.0.0.1:" + server.rtmpPort() + "/live/cam"),
                Media.h264Aac(), 4);

        long weight = 0;
        for (String f : List.of("/", "/web/console.js", "/web/console.css", "/web/mse-player.js")) {
            weight += get(f).body().length;
        }

        driver.get("http://127.0.0.1:" + server.httpPort() + "/");
        String video = (String) await("the stream's row with its codec and size",
                "document.querySelector(\"" + ROW + " td.video\").textContent.startsWith('h264 " + WIDTH + "x" + HEIGHT
                        + "') && document.querySelector(\"" + ROW + " td.video\").textContent", 20_000);
        assertThat(video).startsWith("h264 768x320 ").endsWith(" fps");
        assertThat(driver.findElement(By.cssSelector(ROW + " td.audio")).getText()).isEqualTo("aac 44.1 kHz 2 ch");
        assertThat(driver.findElement(By.cssSelector(ROW + " td.name")).getText()).isEqualTo("live/cam");

        @SuppressWarnings("unchecked")
        List<Object> thumb = (List<Object>) await("the snapshot thumbnail",
                "(() => { const i = document.querySelector(\"" + ROW + " img.thumb\");"
                        + " return i.complete && !i.hidden && i.naturalWidth > 0 && [i.naturalWidth, i.naturalHeight]; })()",
                30_000);
        assertThat(thumb).containsExactly((long) WIDTH, (long) HEIGHT);

        driver.findElement(By.cssSelector(ROW + " td.name")).click();
        await("the first frame", "window.Rtmp4jConsole.state.player.stats.firstFrameAt > 0", 30_000);
        // the live stream's media time does not start at 0: it advances 3 s past where the first frame showed
        double start = ((Number) browser.js("return document.getElementById('video').currentTime;")).doubleValue();
        await("the video advances 3 s", "document.getElementById('video').currentTime > " + Math.max(3, start + 3), 30_000);
        @SuppressWarnings("unchecked")
        Map<String, Object> played = (Map<String, Object>) browser.js("""
                const v = document.getElementById('video');
                const s = window.Rtmp4jConsole.state;
                return { width: v.videoWidth, height: v.videoHeight, error: s.player.stats.error,
                         codecs: s.player.stats.codecs, firstFrameMs: s.player.stats.firstFrameAt - s.clickedAt,
                         status: document.getElementById('player-status').textContent };
                """);
        assertThat(played.get("error")).as("player error; console:%n%s", browser.console()).isEqualTo("");
        assertThat(played.get("codecs")).isEqualTo("avc1.640020,mp4a.40.2");
        assertThat(played).containsEntry("width", (long) WIDTH).containsEntry("height", (long) HEIGHT);
        double firstFrameMs = ((Number) played.get("firstFrameMs")).doubleValue();
        assertThat(firstFrameMs).isPositive().isLessThan(10_000);

        // the page counts players as the API does: the fMP4 player, not the snapshot tap that feeds the thumbnail
        await("the page shows the fMP4 player", "document.querySelector(\"" + ROW
                + " td.players\").textContent === '1 (http-fmp4 1)'", 10_000);
        JsonNode stream = api("/api/v1/streams/live/cam");
        assertThat(stream.at("/players/total").asInt()).isEqualTo(1);
        assertThat(stream.at("/players/http-fmp4").asInt()).isEqualTo(1);
        await("the page's totals show the API's players", "document.getElementById('totals-players').textContent === '"
                + api("/api/v1/server").get("players").asInt() + "'", 10_000);
        await("the status line shows the latency", "document.getElementById('player-status').textContent"
                + ".includes('behind live edge')", 5_000);

        Path shot = Path.of("target", "console.png");
        Files.createDirectories(shot.getParent());
        Files.move(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), shot,
                StandardCopyOption.REPLACE_EXISTING);
        System.out.printf("Web console: page weight %d bytes (HTML + JS + CSS as served, mse-player.js included); "
                + "click to first frame %.0f ms in Chromium on loopback; screenshot %s (%s)%n", weight, firstFrameMs,
                shot.toAbsolutePath(), played.get("status"));

        assertThat(driver.findElement(By.cssSelector(ROW + " button.kick")).isDisplayed())
                .as("a trusted (loopback) browser may write: the kick button shows").isTrue();
        driver.findElement(By.cssSelector(ROW + " button.kick")).click();
        publisher.closeFuture().get(15, TimeUnit.SECONDS);
        assertThat(get("/api/v1/streams/live/cam").statusCode()).isEqualTo(404);
        await("the row leaves the table", "!document.querySelector(\"" + ROW + "\")", 10_000);
    }
}
