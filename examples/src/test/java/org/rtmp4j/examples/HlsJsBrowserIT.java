package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriver;
import org.rtmp4j.hls.HlsHandler;
import org.rtmp4j.hls.HlsOptions;
import org.rtmp4j.hls.HlsPath;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.server.RtmpServer;

/**
 * Issue 13's browser proof for LL-HLS: headless Chromium plays {@code /live/cam.m3u8} with a current hls.js
 * (test-only npm dependency from {@code src/test/web/package-lock.json}, never a CDN) in {@code lowLatencyMode}
 * while the test publishes {@code media/h264-aac-avatar.flv} in real time (three passes) over RTMP. The video
 * advances with no fatal hls.js error; the test reports the time to first frame and the latency {@code now -
 * hls.playingDate} (the {@code EXT-X-PROGRAM-DATE-TIME} of the displayed position; target on loopback: at most
 * 1.5 s), and the publish-to-display latency of each displayed frame for comparison.
 */
@Tag("browser")
@Timeout(180)
class HlsJsBrowserIT {
    /** Displayed frames measured (25 fps: 20 s, time for hls.js to reach its target latency); then the last 50. */
    private static final int FRAMES = 500;
    private static final int STEADY = 50;

    @RegisterExtension
    final LoopbackServer fixture = new LoopbackServer();
    @RegisterExtension
    final BrowserHarness browser = new BrowserHarness();
    private HlsHandler hls;
    private final RequestLog requests = new RequestLog();

    @AfterEach
    void closeHls() {
        if (hls != null) {
            hls.close();
        }
    }

    @Test
    void hlsJsPlaysTheLowLatencyHlsStreamInChromium() throws Exception {
        WebDriver driver = browser.start();
        LiveBroadcastController relay = new LiveBroadcastController();
        hls = new HlsHandler(relay, HlsOptions.defaults());
        RtmpServer server = fixture.start(relay, b -> b.http(new InetSocketAddress("127.0.0.1", 0))
                .httpRoute(HttpMethod.GET, HlsPath::matches, requests.around(hls))
                .httpRoute(HttpMethod.GET, p -> p.startsWith("/web/"), new WebFiles()));
        try (RealtimePublisher publisher = RealtimePublisher.start(fixture.uri("live/cam"), Media.h264Aac(), 3)) {
            driver.get("http://127.0.0.1:" + server.httpPort() + "/web/hls-player.html?src=/live/cam.m3u8");
            @SuppressWarnings("unchecked")
            Map<String, Object> run = (Map<String, Object>) browser.js(MEASURE_FRAMES, FRAMES);
            List<?> samples = (List<?>) run.get("samples");
            @SuppressWarnings("unchecked")
            Map<String, Object> stats = (Map<String, Object>) run.get("stats");
            System.out.println("hls.js state: " + run.get("hls") + "; first frame " + stats.get("firstFrame")
                    + "; non-fatal hls.js errors " + stats.get("warnings"));
            Path diagnostics = writeDiagnostics(stats);
            assertThat(samples).as("frames displayed; stats %s, console:%n%s", stats, browser.console()).hasSize(FRAMES);
            assertThat(stats.get("error")).as("hls.js fatal error; console:%n%s", browser.console()).isEqualTo("");
            assertThat(run.get("videoError")).isNull();

            List<Long> pdtLatencies = new ArrayList<>();
            List<Long> frameLatencies = new ArrayList<>();
            double firstMedia = -1;
            double lastMedia = -1;
            for (Object o : samples.subList(FRAMES - STEADY, FRAMES)) {
                List<?> s = (List<?>) o;
                long wall = ((Number) s.get(0)).longValue();
                double media = ((Number) s.get(1)).doubleValue();
                firstMedia = firstMedia < 0 ? media : firstMedia;
                lastMedia = media;
                assertThat(s.get(2)).as("hls.playingDate (EXT-X-PROGRAM-DATE-TIME)").isNotNull();
                pdtLatencies.add(wall - ((Number) s.get(2)).longValue());
                frameLatencies.add(wall - publisher.publishedAtOfPresentation(media * 1000));
            }
            assertThat(lastMedia - firstMedia).as("the video's media time advances").isGreaterThan(STEADY * 0.04 * 0.8);
            double firstFrameMs = ((Number) stats.get("firstFrameAt")).doubleValue()
                    - ((Number) stats.get("startedAt")).doubleValue();
            long pdt = median(pdtLatencies);
            System.out.printf("LL-HLS with hls.js %s: time to first frame %.0f ms; latency now - playingDate median %d ms"
                    + " (publish-to-display of the frame %d ms; last %d of %d frames)%n", stats.get("hlsVersion"),
                    firstFrameMs, pdt, median(frameLatencies), STEADY, FRAMES);
            assertThat(firstFrameMs).as("time to first frame, ms").isPositive().isLessThan(15_000);
            // hls.js took the stream as LL-HLS (blocking reload, parts) and aims at PART-HOLD-BACK from the live edge.
            @SuppressWarnings("unchecked")
            Map<String, Object> state = (Map<String, Object>) run.get("hls");
            assertThat(state).containsEntry("lowLatency", true).containsEntry("canBlockReload", true);
            assertThat(((Number) state.get("targetLatency")).doubleValue()).as("hls.js target latency, s").isLessThan(1.5);
            // The 1.5 s latency target is a benchmark figure (the closing note reports the printed numbers, 0.9-1.3 s);
            // the bounds here leave room for a loaded 2-core CI machine yet fail for both defects fixed in issue 13
            // (hls.js stalled at a part whose audio ended early: 12.3 s; hls.js jumping the start hole and playing
            // from the first segment: 3-5 s; DESIGN-NOTES.md, "HLS and LL-HLS"), and PDT must agree with the
            // publisher's clock (one coherent timeline; the first segment's PDT runs 0.4-0.7 s late, see there).
            assertThat(pdt).as("now - hls.playingDate, ms (target 1500 on a quiet loopback; publish-to-display %d ms;"
                    + " hls.js %s; warnings %s; hls.js's log, its events and the HLS requests: %s)",
                    median(frameLatencies), state, stats.get("warnings"), diagnostics).isBetween(0L, 3_000L);
            assertThat(median(frameLatencies)).as("publish-to-display of the frame, ms").isBetween(0L, 4_000L)
                    .isCloseTo(pdt, org.assertj.core.data.Offset.offset(2_000L));
        }
    }

    /**
     * Writes what explains a slow or stalled run to {@code rtmp4j.test.output}: the page's trace of hls.js and video
     * events, the HLS requests with their arrival and answer times, and hls.js's own debug log (the newest lines).
     */
    private Path writeDiagnostics(Map<String, Object> stats) throws IOException {
        Path dir = Path.of(System.getProperty("rtmp4j.test.output", "target/interop"));
        Files.createDirectories(dir);
        Path file = dir.resolve("HlsJsBrowserIT-" + System.currentTimeMillis() + ".log");
        Files.writeString(file, "page trace (ms since the page started):\n" + String.join("\n", lines(stats.get("trace")))
                + "\n\nHLS requests (ms since the server started):\n" + requests
                + "\n\nhls.js log:\n" + String.join("\n", lines(stats.get("log"))) + "\n");
        return file.toAbsolutePath();
    }

    private static List<String> lines(Object list) {
        return list instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
    }

    private static long median(List<Long> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    /**
     * Collects {@code arguments[0]} displayed frames as [wall-clock ms, media time s, hls.playingDate ms or null]
     * with {@code requestVideoFrameCallback}, then answers them with the page's stats.
     */
    private static final String MEASURE_FRAMES = """
            const wanted = arguments[0];
            const video = document.getElementById("video");
            const samples = [];
            return new Promise((resolve) => {
              const details = () => {
                const h = window.hls;
                const d = h && h.levels && h.levels[0] && h.levels[0].details;
                return h ? { targetLatency: h.targetLatency, latency: h.latency, partTarget: d && d.partTarget,
                    partHoldBack: d && d.partHoldBack, canBlockReload: d && d.canBlockReload,
                    targetduration: d && d.targetduration, lowLatency: h.lowLatencyMode } : null;
              };
              const answer = () => resolve({ samples: samples, stats: window.stats, hls: details(),
                  videoError: video.error ? video.error.message || String(video.error.code) : null });
              const timer = setTimeout(answer, 60000);
              const tick = (now, meta) => {
                const date = window.hls && window.hls.playingDate;
                samples.push([Date.now(), meta.mediaTime, date ? date.getTime() : null]);
                if (samples.length >= wanted) {
                  clearTimeout(timer);
                  answer();
                } else {
                  video.requestVideoFrameCallback(tick);
                }
              };
              video.requestVideoFrameCallback(tick);
            });
            """;
}
