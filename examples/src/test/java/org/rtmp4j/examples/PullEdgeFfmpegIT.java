package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveOptions;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.server.RtmpServer;

/**
 * Pull relays and the on-demand edge with real peers (issue 15 §2, "Proof"): ffmpeg publishes to an origin rtmp4j
 * (in-process, so the test reads its stream details), the edge is the CLI jar ({@code server --origin} or
 * {@code --pull}) and ffmpeg plays from the edge. Two players share one pull (the origin sees one player), the pull
 * closes within the idle delay after they left, failover passes a dead origin and one without the stream, and a
 * static pull delivers the source's coded frames byte for byte.
 */
@Tag("ffmpeg")
@Timeout(180)
class PullEdgeFfmpegIT {
    private static final StreamKey KEY = new StreamKey("live", "test");
    private static final LiveOptions NO_WAIT = LiveOptions.DEFAULT.withWaitForPublisher(false);

    @RegisterExtension
    final FfmpegServer fixture = FfmpegServer.perTestMethod();

    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
    private CliProcess edge;
    private RtmpServer emptyOrigin;

    @AfterEach
    void tearDown() throws InterruptedException {
        poller.shutdownNow();
        if (edge != null) {
            edge.close();
        }
        if (emptyOrigin != null) {
            emptyOrigin.close();
        }
    }

    private int startEdge(String... args) throws Exception {
        String[] all = new String[args.length + 6];
        System.arraycopy(new String[] {"server", "--host", "127.0.0.1", "--port", "0", "--no-http"}, 0, all, 0, 6);
        System.arraycopy(args, 0, all, 6, args.length);
        edge = CliProcess.start(all);
        return edge.awaitPort();
    }

    /** Completes once {@code condition} holds, checked every 50 ms. */
    private CompletableFuture<Void> when(BooleanSupplier condition) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        var task = poller.scheduleWithFixedDelay(() -> {
            if (condition.getAsBoolean()) {
                done.complete(null);
            }
        }, 0, 50, TimeUnit.MILLISECONDS);
        done.whenComplete((v, e) -> task.cancel(false));
        return done;
    }

    private static long size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    @Test
    void twoFfmpegPlayersOnTheEdgeShareOnePullThatClosesWithinTheIdleDelay() throws Exception {
        LiveBroadcastController originHub = new LiveBroadcastController(NO_WAIT);
        ObservingController origin = fixture.startObserved(originHub);
        Ffmpeg ffmpeg = fixture.ffmpeg();
        ffmpeg.start("publisher", "-re", "-stream_loop", "-1", "-i", Media.h264Aac().toString(), "-c", "copy", "-f", "flv",
                fixture.url("live/test"));
        origin.await("publish test", 20);
        int port = startEdge("--origin", fixture.url("live"), "--origin-idle", "2");
        String edgeUrl = "rtmp://127.0.0.1:" + port + "/live/test";

        Path first = fixture.out().resolve("first.flv");
        Ffmpeg.Run firstPlayer = ffmpeg.start("first-player", "-i", edgeUrl, "-t", "8", "-c", "copy", "-f", "flv",
                first.toString());
        origin.await("play test", 20); // the edge pulls on demand
        Path second = fixture.out().resolve("second.flv");
        Ffmpeg.Run secondPlayer = ffmpeg.start("second-player", "-i", edgeUrl, "-t", "4", "-c", "copy", "-f", "flv",
                second.toString());
        when(() -> size(second) > 50_000).get(30, TimeUnit.SECONDS); // the second player gets media
        assertThat(originHub.control().stream(KEY).orElseThrow().playerCount())
                .as("the origin sees one player for two on the edge").isEqualTo(1);

        secondPlayer.awaitSuccess(Duration.ofSeconds(30));
        firstPlayer.awaitSuccess(Duration.ofSeconds(30));
        long left = System.nanoTime();
        origin.await("close", 15); // the pull's connection
        Duration closedAfter = Duration.ofNanos(System.nanoTime() - left);
        assertThat(closedAfter).as("closed after the 2 s idle delay (less the players' exit)")
                .isGreaterThan(Duration.ofMillis(1500));
        assertThat(origin.events).as("no other play reached the origin").noneMatch(e -> e.startsWith("play"));
        assertThat(originHub.control().stream(KEY).orElseThrow().playerCount()).isZero();
        for (Path out : new Path[] {first, second}) {
            assertThat(ffmpeg.decodeErrors(out)).as("%s decodes", out).isEmpty();
            assertThat(ffmpeg.probe(out).streams()).anySatisfy(s -> {
                assertThat(s.codecName()).isEqualTo("h264");
                assertThat(s.frames()).isGreaterThan(50);
            });
        }
    }

    @Test
    void failoverPassesADeadOriginAndOneWithoutTheStream() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        ObservingController empty = new ObservingController(new LiveBroadcastController(NO_WAIT));
        emptyOrigin = RtmpServer.builder().bind(new InetSocketAddress("127.0.0.1", 0)).controller(empty).build().start();
        LiveBroadcastController originHub = new LiveBroadcastController(NO_WAIT);
        ObservingController origin = fixture.startObserved(originHub);
        Ffmpeg ffmpeg = fixture.ffmpeg();
        ffmpeg.start("publisher", "-re", "-stream_loop", "-1", "-i", Media.h264Aac().toString(), "-c", "copy", "-f", "flv",
                fixture.url("live/test"));
        origin.await("publish test", 20);
        int port = startEdge("--origin", "rtmp://127.0.0.1:" + deadPort + "/live",
                "--origin", "rtmp://127.0.0.1:" + emptyOrigin.port() + "/live", "--origin", fixture.url("live"));

        Path out = fixture.out().resolve("player.flv");
        ffmpeg.start("player", "-i", "rtmp://127.0.0.1:" + port + "/live/test", "-t", "3", "-c", "copy", "-f", "flv",
                out.toString()).awaitSuccess(Duration.ofSeconds(60));
        empty.await("play test", 1); // asked before the third origin, and answered StreamNotFound
        origin.await("play test", 1);
        assertThat(ffmpeg.decodeErrors(out)).isEmpty();
        assertThat(ffmpeg.probe(out).streams()).anySatisfy(s -> assertThat(s.frames()).isGreaterThan(25));
    }

    @Test
    void aStaticPullDeliversTheSourcesFramesUnderItsLocalName() throws Exception {
        Path source = Media.h264Aac();
        ObservingController origin = fixture.startObserved(new LiveBroadcastController());
        int port = startEdge("--pull", fixture.url("live/test") + "=mirror/copy");
        Ffmpeg ffmpeg = fixture.ffmpeg();
        Path out = fixture.out().resolve("player.flv");
        // the edge's player waits for the pull, the pull waits on the origin for the publisher
        Ffmpeg.Run player = ffmpeg.start("player", "-i", "rtmp://127.0.0.1:" + port + "/mirror/copy", "-c", "copy",
                "-f", "flv", out.toString());
        origin.await("play test", 20);
        ffmpeg.start("publisher", "-re", "-i", source.toString(), "-c", "copy", "-f", "flv", fixture.url("live/test"))
                .awaitSuccess(Duration.ofSeconds(60));
        player.awaitSuccess(Duration.ofSeconds(30)); // the origin's unpublish reaches the edge's player
        assertThat(ffmpeg.decodeErrors(out)).isEmpty();
        FlvFrames.read(source).assertReceivedFromKeyFrameToEnd(FlvFrames.read(out), "ffmpeg on the pulling server");
        Ffmpeg.StreamInfo video = ffmpeg.probe(out).streams().stream().filter(s -> s.codecType().equals("video"))
                .findFirst().orElseThrow();
        Ffmpeg.StreamInfo sourceVideo = ffmpeg.probe(source).streams().stream()
                .filter(s -> s.codecType().equals("video")).findFirst().orElseThrow();
        assertThat(video.frames()).as("ffprobe frame count").isEqualTo(sourceVideo.frames());
    }
}
