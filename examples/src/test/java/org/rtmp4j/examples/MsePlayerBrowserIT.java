package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.WebDriver;
import org.rtmp4j.http.Fmp4StreamPath;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.live.Fmp4Player;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.server.RtmpServer;

/**
 * Issue 13's browser proof for the live fMP4 stream: headless Chromium plays {@code /APP/KEY.mp4} through our own
 * {@code mse-player.js} (Media Source Extensions, no demuxing library), over HTTP and over WebSocket, while the test
 * publishes {@code media/h264-aac-avatar.flv} in real time over RTMP. The page's video advances with no error; the
 * test reports the time to first frame and the publish-to-display latency (each displayed frame's wall-clock
 * instant, from {@code requestVideoFrameCallback}, minus the instant the publisher sent that frame; target on
 * loopback: at most 0.5 s).
 */
@Tag("browser")
@Timeout(120)
class MsePlayerBrowserIT {
    /** Displayed frames measured per run (25 fps: 6 s); the latency is the median of the last {@link #STEADY}. */
    private static final int FRAMES = 150;
    private static final int STEADY = 50;

    @RegisterExtension
    final LoopbackServer fixture = new LoopbackServer();
    @RegisterExtension
    final BrowserHarness browser = new BrowserHarness();

    @Test
    void ourMsePlayerPlaysTheLiveFmp4StreamOverHttp() throws Exception {
        play("/live/cam.mp4", "http");
    }

    @Test
    void ourMsePlayerPlaysTheLiveFmp4StreamOverWebSocket() throws Exception {
        play("ws://127.0.0.1:%d/live/cam.mp4", "ws");
    }

    private void play(String src, String label) throws Exception {
        WebDriver driver = browser.start();
        LiveBroadcastController relay = new LiveBroadcastController();
        RtmpServer server = fixture.start(relay, b -> b.http(new InetSocketAddress("127.0.0.1", 0))
                .httpRoute(HttpMethod.GET, Fmp4StreamPath::matches, new Fmp4Player(relay))
                .httpRoute(HttpMethod.GET, p -> p.startsWith("/web/"), new WebFiles()));
        try (RealtimePublisher publisher = RealtimePublisher.start(fixture.uri("live/cam"), Media.h264Aac(), 1)) {
            driver.get("http://127.0.0.1:" + server.httpPort() + "/web/player.html?src="
                    + String.format(src, server.httpPort()));
            @SuppressWarnings("unchecked")
            Map<String, Object> run = (Map<String, Object>) browser.js(MEASURE_FRAMES, FRAMES);
            List<?> samples = (List<?>) run.get("samples");
            @SuppressWarnings("unchecked")
            Map<String, Object> stats = (Map<String, Object>) run.get("stats");
            assertThat(samples).as("frames displayed; stats %s, console:%n%s", stats, browser.console())
                    .hasSize(FRAMES);
            assertThat(stats.get("error")).as("player error; console:%n%s", browser.console()).isEqualTo("");
            assertThat(run.get("videoError")).isNull();
            assertThat(stats.get("codecs")).isEqualTo("avc1.640020,mp4a.40.2");

            List<Long> latencies = new ArrayList<>();
            List<Double> buffered = new ArrayList<>();
            double firstMedia = -1;
            double lastMedia = -1;
            for (Object o : samples) {
                List<?> s = (List<?>) o;
                long wall = ((Number) s.get(0)).longValue();
                double media = ((Number) s.get(1)).doubleValue();
                firstMedia = firstMedia < 0 ? media : firstMedia;
                lastMedia = media;
                latencies.add(wall - publisher.publishedAtOfPresentation(media * 1000));
                buffered.add(((Number) s.get(2)).doubleValue());
            }
            assertThat(lastMedia - firstMedia).as("the video's media time advances").isGreaterThan(FRAMES * 0.04 * 0.8);
            double firstFrameMs = ((Number) stats.get("firstFrameAt")).doubleValue()
                    - ((Number) stats.get("startedAt")).doubleValue();
            List<Long> steady = latencies.subList(FRAMES - STEADY, FRAMES).stream().sorted().toList();
            long median = steady.get(steady.size() / 2);
            long max = steady.get(steady.size() - 1);
            double ahead = buffered.subList(FRAMES - STEADY, FRAMES).stream().sorted().toList().get(STEADY / 2);
            System.out.printf("MSE fMP4 over %s: time to first frame %.0f ms; publish-to-display latency median %d ms,"
                    + " max %d ms (last %d of %d frames); buffered ahead of the displayed frame: median %.0f ms%n", label,
                    firstFrameMs, median, max, steady.size(), FRAMES, ahead * 1000);
            assertThat(firstFrameMs).as("time to first frame, ms").isPositive().isLessThan(5_000);
            // The 500 ms target is a benchmark figure (the closing note reports the printed numbers); here the
            // bound only proves the player stays live rather than buffering seconds behind, on a loaded CI machine too.
            assertThat(median).as("publish-to-display latency, ms (target 500 on a quiet loopback)").isBetween(0L, 2_000L);
        }
    }

    /**
     * Collects {@code arguments[0]} displayed frames as [wall-clock ms, media time s, buffered end - media time s] with
     * {@code requestVideoFrameCallback}, then answers them with the player's stats.
     */
    private static final String MEASURE_FRAMES = """
            const wanted = arguments[0];
            const video = document.getElementById("video");
            const samples = [];
            return new Promise((resolve) => {
              const answer = () => resolve({ samples: samples, stats: window.player.stats,
                  videoError: video.error ? video.error.message || String(video.error.code) : null });
              const timer = setTimeout(answer, 25000);
              const tick = (now, meta) => {
                const b = video.buffered;
                samples.push([Date.now(), meta.mediaTime, b.length ? b.end(b.length - 1) - meta.mediaTime : -1]);
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
