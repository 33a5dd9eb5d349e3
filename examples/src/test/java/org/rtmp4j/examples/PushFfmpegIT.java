package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.testkit.Eventually.eventually;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.relay.PushOptions;
import org.rtmp4j.relay.PushRelay;
import org.rtmp4j.relay.PushRelays;
import org.rtmp4j.relay.PushRule;
import org.rtmp4j.relay.Relay;
import org.rtmp4j.relay.RelayInfo;
import org.rtmp4j.relay.RelayState;
import org.rtmp4j.relay.Relays;
import org.rtmp4j.server.RtmpServer;

/**
 * Push relays with real peers (issue 15 "Proof"): rtmp4j pushes to {@code ffmpeg -listen 1} and to a second rtmp4j
 * (frames equal); a destination killed mid-stream and started again gets the stream back within the backoff, its new
 * recording starting at a keyframe and decoding cleanly while a player of the source misses nothing; an ffmpeg
 * destination stopped with SIGSTOP costs the source at most the watermark while the other destination and a player
 * keep every frame.
 */
@Tag("ffmpeg")
@Timeout(180)
class PushFfmpegIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    final FfmpegServer fixture = FfmpegServer.perTestMethod();

    private final Relays relays = new Relays();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        relays.close();
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private RtmpServer second(LiveBroadcastController hub) throws IOException {
        RtmpServer s = RtmpServer.builder().bind(new InetSocketAddress("127.0.0.1", 0)).controller(hub).build().start();
        closing.add(s::close);
        return s;
    }

    /**
     * Starts {@code ffmpeg -listen 1} recording to {@code out} and returns once it listens: a push that connects
     * earlier is refused and waits out its backoff (30 s in the stopped-destination test).
     */
    private Ffmpeg.Run listen(String name, int port, Path out) throws IOException {
        Ffmpeg.Run run = fixture.ffmpeg().start(name, "-listen", "1", "-i", "rtmp://127.0.0.1:" + port + "/app/cam", "-c",
                "copy", "-f", "flv", out.toString());
        Listeners.awaitListening(port, WAIT);
        return run;
    }

    @Test
    void pushesToFfmpegListeningAndToASecondRtmp4jWithEqualFrames() throws Exception {
        Path source = Media.h264Aac();
        LiveBroadcastController hub = new LiveBroadcastController();
        fixture.start(hub);
        LiveBroadcastController secondHub = new LiveBroadcastController();
        RtmpServer secondServer = second(secondHub);
        int ffmpegPort = freePort();
        PushRelays.install(relays, hub, List.of(PushRule.parse("live/*=rtmp://127.0.0.1:" + ffmpegPort + "/app/{key}"),
                PushRule.parse("rtmp://127.0.0.1:" + secondServer.port() + "/in")), PushOptions.DEFAULT);
        Path atFfmpeg = fixture.out().resolve("ffmpeg-destination.flv");
        Ffmpeg.Run destination = listen("ffmpeg-destination", ffmpegPort, atFfmpeg);
        Path atSecond = fixture.out().resolve("second-rtmp4j-player.flv");
        Ffmpeg.Run secondPlayer = fixture.ffmpeg().start("second-player", "-i",
                "rtmp://127.0.0.1:" + secondServer.port() + "/in/cam", "-c", "copy", "-f", "flv", atSecond.toString());

        Ffmpeg.Run publisher = fixture.ffmpeg().start("publisher", "-re", "-i", source.toString(), "-c", "copy", "-f", "flv",
                fixture.url("live/cam"));
        publisher.awaitSuccess(Duration.ofSeconds(60));
        destination.awaitSuccess(Duration.ofSeconds(30)); // the relay unpublishes and closes when the stream ends
        secondPlayer.awaitSuccess(Duration.ofSeconds(30));

        FlvFrames published = FlvFrames.read(source);
        published.assertReceivedFromKeyFrameToEnd(FlvFrames.read(atFfmpeg), "ffmpeg -listen destination");
        published.assertReceivedFromKeyFrameToEnd(FlvFrames.read(atSecond), "a player of the second rtmp4j");
        assertThat(fixture.ffmpeg().decodeErrors(atFfmpeg)).isEmpty();
        eventually(WAIT, "both relays leave the registry with their stream", () -> relays.size() == 0);
    }

    @Test
    void aKilledDestinationGetsTheStreamBackFromAKeyFrameWhileAPlayerMissesNothing() throws Exception {
        LiveBroadcastController hub = new LiveBroadcastController();
        fixture.start(hub);
        int ffmpegPort = freePort();
        PushRelays.install(relays, hub, List.of(PushRule.parse("rtmp://127.0.0.1:" + ffmpegPort + "/app")),
                PushOptions.DEFAULT);
        Path first = fixture.out().resolve("first.flv");
        Ffmpeg.Run destination = listen("destination-1", ffmpegPort, first);
        Path played = fixture.out().resolve("source-player.flv");
        Ffmpeg.Run player = fixture.ffmpeg().start("source-player", "-i", fixture.url("live/cam"), "-c", "copy", "-f", "flv",
                played.toString());

        try (RealtimePublisher publisher = RealtimePublisher.start(fixture.uri("live/cam"), Media.h264Aac(), 2)) {
            eventually(WAIT, "the push moved 100 kB", () -> relay().map(r -> r.info().bytes() > 100_000).orElse(false));
            destination.process().destroyForcibly();
            destination.process().waitFor(10, TimeUnit.SECONDS);
            eventually(WAIT, "the relay notices the dead destination",
                    () -> relay().map(r -> r.info().state() != RelayState.LIVE).orElse(false));
            Path second = fixture.out().resolve("second.flv");
            Ffmpeg.Run restarted = listen("destination-2", ffmpegPort, second);
            long restartedAt = System.nanoTime();
            eventually(WAIT, "the relay reconnects to the restarted destination",
                    () -> relay().map(r -> r.info().state() == RelayState.LIVE).orElse(false));
            long reconnectMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartedAt);
            RelayInfo info = relay().orElseThrow().info();
            assertThat(info.retries()).isGreaterThanOrEqualTo(1);
            assertThat(reconnectMillis).as("reconnected within the backoff's waits so far plus a connect")
                    .isLessThan(10_000);
            publisher.done().get(60, TimeUnit.SECONDS);
            publisher.close();
            restarted.awaitSuccess(Duration.ofSeconds(30));
            player.awaitSuccess(Duration.ofSeconds(30));

            List<String> flags = fixture.ffmpeg().ffprobe("second-packets", "-select_streams", "v", "-show_entries",
                    "packet=flags", "-of", "csv=p=0", second.toString());
            assertThat(flags).as("video packets of the new recording").isNotEmpty();
            assertThat(flags.get(0)).as("the new recording's first video packet").startsWith("K");
            // the null muxer's dts complaints come from the looped source (its player's recording has them too)
            assertThat(fixture.ffmpeg().decodeErrors(second).lines()
                    .filter(l -> !l.contains("non monotonically increasing dts to muxer"))).isEmpty();
            List<FlvFrames.Frame> twice = new ArrayList<>(FlvFrames.read(Media.h264Aac()).frames());
            twice.addAll(FlvFrames.read(Media.h264Aac()).frames());
            List<FlvFrames.Frame> resumed = FlvFrames.read(second).frames();
            assertThat(Collections.indexOfSubList(twice, resumed)).as("the new recording is a run of the published frames")
                    .isNotNegative();
            List<FlvFrames.Frame> seen = FlvFrames.read(played).frames();
            assertThat(seen.get(0).keyFrame()).isTrue();
            assertThat(seen).as("the source's player saw no gap").isEqualTo(twice.subList(twice.indexOf(seen.get(0)),
                    twice.size()));
        }
    }

    @Test
    void aStoppedFfmpegDestinationCostsAtMostTheWatermarkAndTheOthersKeepEveryFrame() throws Exception {
        LiveBroadcastController hub = new LiveBroadcastController();
        fixture.start(hub);
        LiveBroadcastController secondHub = new LiveBroadcastController();
        RtmpServer secondServer = second(secondHub);
        int ffmpegPort = freePort();
        OutboundLimits limits = new OutboundLimits(64 * 1024, 256 * 1024, 4 * 1024 * 1024,
                OutboundLimits.DropPolicy.DROP_TO_NEXT_KEYFRAME);
        PushRelays.install(relays, hub, List.of(PushRule.parse("live/*=rtmp://127.0.0.1:" + ffmpegPort + "/app/{key}"),
                PushRule.parse("rtmp://127.0.0.1:" + secondServer.port() + "/in")),
                // the first retry waits 30 s: the stopped ffmpeg no longer listens, and a refused reconnect would
                // overwrite the give-up's reason before it is read
                PushOptions.DEFAULT.withLimits(limits).withStallTimeout(Duration.ofSeconds(2))
                        .withBackoff(new org.rtmp4j.relay.Backoff(Duration.ofSeconds(30), Duration.ofSeconds(30), 0, 0)));
        Ffmpeg.Run destination = listen("stopped-destination", ffmpegPort, fixture.out().resolve("stopped.flv"));
        Path atSecond = fixture.out().resolve("second-rtmp4j-player.flv");
        Ffmpeg.Run secondPlayer = fixture.ffmpeg().start("second-player", "-i",
                "rtmp://127.0.0.1:" + secondServer.port() + "/in/cam", "-c", "copy", "-f", "flv", atSecond.toString());
        Path played = fixture.out().resolve("source-player.flv");
        Ffmpeg.Run player = fixture.ffmpeg().start("source-player", "-i", fixture.url("live/cam"), "-c", "copy", "-f", "flv",
                played.toString());
        VideoCounter atSecondHub = new VideoCounter();
        secondHub.subscribe(new org.rtmp4j.live.StreamKey("in", "cam"), atSecondHub);

        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(Media.h264Aac())) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                if (t.get().type() != FlvTagType.SCRIPT) {
                    tags.add(t.get());
                }
            }
        }
        int loops = 20; // about 7 MB, published as fast as the second destination takes it
        long maxQueued = 0;
        long videoSent = 0;
        RtmpClient client = RtmpClient.connect(fixture.uri("live"), ClientOptions.defaults());
        closing.add(client::close);
        try (Publisher publisher = client.publish("cam")) {
            for (int i = 0; i < 60; i++) {
                publisher.send(tags.get(i));
                videoSent += tags.get(i).type() == FlvTagType.VIDEO ? 1 : 0;
            }
            eventually(WAIT, () -> "both pushes live: " + relays.list(), () -> relays.list().size() == 2
                    && relays.list().stream().allMatch(r -> r.state() == RelayState.LIVE));
            stop(destination.process(), "STOP");
            closing.add(() -> stop(destination.process(), "KILL"));
            int last = tags.get(tags.size() - 1).timestamp() + 40;
            for (int loop = 0; loop < loops; loop++) {
                for (int i = loop == 0 ? 60 : 0; i < tags.size(); i++) {
                    FlvTag t = tags.get(i);
                    if (loop > 0 && isSequenceHeader(t)) {
                        continue;
                    }
                    publisher.send(new FlvTag(t.type(), t.timestamp() + loop * last, t.body()));
                    videoSent += t.type() == FlvTagType.VIDEO ? 1 : 0;
                    if (i % 50 == 0) {
                        maxQueued = Math.max(maxQueued, maxQueued());
                        long target = videoSent - 50;
                        // paced by the healthy destination, so that it never falls behind into the watermark itself
                        eventually(WAIT, () -> "the second push keeps up: " + atSecondHub.count() + " of " + target
                                + " video messages; " + relays.list(), () -> atSecondHub.count() >= target);
                    }
                }
            }
            eventually(WAIT, () -> "the push to the stopped ffmpeg gives up its connection: " + relays.list()
                    + ", queued " + maxQueued(), () -> relayTo(ffmpegPort).info().retries() >= 1);
            assertThat(relayTo(ffmpegPort).info().lastError()).contains("stopped reading");
        }
        secondPlayer.awaitSuccess(Duration.ofSeconds(60));
        player.awaitSuccess(Duration.ofSeconds(60));
        assertThat(maxQueued).as("bytes queued towards the stopped destination").isLessThanOrEqualTo(
                limits.highWatermark() + 64 * 1024);
        List<FlvFrames.Frame> all = new ArrayList<>();
        for (int loop = 0; loop < loops; loop++) {
            all.addAll(FlvFrames.read(Media.h264Aac()).frames());
        }
        FlvFrames expected = new FlvFrames(all);
        expected.assertReceivedFromKeyFrameToEnd(FlvFrames.read(atSecond), "the second destination's player");
        expected.assertReceivedFromKeyFrameToEnd(FlvFrames.read(played), "the source's player");
    }

    /** Counts the video messages a hub hands it, on the delivering thread. */
    private static final class VideoCounter implements org.rtmp4j.live.InlineSink {
        private final java.util.concurrent.atomic.AtomicLong count = new java.util.concurrent.atomic.AtomicLong();

        @Override
        public synchronized void onEvent(org.rtmp4j.live.RelayEvent event) {
            if (event instanceof org.rtmp4j.live.LiveMedia m && m.kind().isVideo()) {
                count.incrementAndGet();
            }
        }

        @Override
        public void onOverflow(long queuedBytes, long maxQueued) {
            throw new AssertionError("an inline output never overflows");
        }

        long count() {
            return count.get();
        }
    }

    private long maxQueued() {
        long max = 0;
        for (RelayInfo info : relays.list()) {
            Optional<Relay> r = relays.get(info.id());
            if (r.isPresent() && r.get() instanceof PushRelay p) {
                max = Math.max(max, p.queuedBytes());
            }
        }
        return max;
    }

    private Relay relayTo(int port) {
        for (RelayInfo info : relays.list()) {
            if (info.destination().contains(":" + port + "/")) {
                return relays.get(info.id()).orElseThrow();
            }
        }
        throw new AssertionError("no relay to port " + port + " in " + relays.list());
    }

    private Optional<Relay> relay() {
        List<RelayInfo> all = relays.list();
        return all.isEmpty() ? Optional.empty() : relays.get(all.get(0).id());
    }

    private static boolean isSequenceHeader(FlvTag t) {
        ByteBuffer b = t.body();
        return b.remaining() > 1 && b.get(1) == 0 && (t.type() == FlvTagType.AUDIO || (b.get(0) & 0x0F) == 7);
    }

    private static void stop(Process p, String signal) throws IOException, InterruptedException {
        if (p.isAlive()) {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
            assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }
}
