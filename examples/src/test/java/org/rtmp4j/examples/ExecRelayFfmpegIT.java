package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.testkit.Eventually.eventually;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.StreamDetails;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.relay.ExecCommand;
import org.rtmp4j.relay.ExecOptions;
import org.rtmp4j.relay.ExecRelay;
import org.rtmp4j.relay.ExecRelays;
import org.rtmp4j.relay.RelayState;
import org.rtmp4j.relay.Relays;
import org.rtmp4j.server.RtmpServer;

/**
 * Exec relays with real peers (issue 15 §3, "Proof"): an exec relay runs
 * {@code ffmpeg -i {url} -c copy -f rtsp rtsp://127.0.0.1:Q/{key}} against an ffmpeg listening as an RTSP
 * server ({@code -rtsp_flags listen}), and the received video decodes with the published file's frame count;
 * killing the relay's ffmpeg restarts it ({@code retrying → live}, 1 retry); unpublishing stops it within the
 * grace period with no process left; the CLI's {@code --exec} process is gone after the server's SIGTERM.
 *
 * <p>Both RTSP ends use TCP interleaving ({@code -rtsp_transport tcp}): over UDP, bytedeco's ffmpeg 7.1 listener
 * hands its muxer packets without timestamps before the first RTCP sender report and gives up. The listener writes
 * the video as raw H.264 ({@code -f h264}, with the parameter sets before each keyframe), which needs no
 * timestamps, so the frame count is what ffprobe decodes.
 */
@Tag("ffmpeg")
@Timeout(240)
class ExecRelayFfmpegIT {
    /** The bound of every poll: processes start slowly on a busy machine. */
    private static final Duration WAIT = Duration.ofSeconds(60);
    @RegisterExtension
    final FfmpegServer fixture = FfmpegServer.perTestMethod().cleaningOutput();

    private final Relays relays = new Relays();
    private List<String> onlyRelayLog = List.of();

    @AfterEach
    void closeRelays() {
        relays.close();
    }

    private ExecRelays exec(LiveBroadcastController live, RtmpServer server, String command, ExecOptions options) {
        return ExecRelays.attach(relays, live, List.of(ExecCommand.parse(command)),
                options.withEnvironment(fixture.ffmpeg().environment())).serverAddress(server.localAddress());
    }

    private static String quoted(Path p) {
        return "'" + p + "'";
    }

    private ExecRelay onlyRelay() {
        assertThat(relays.size()).isEqualTo(1);
        return (ExecRelay) relays.get(relays.list().get(0).id()).orElseThrow();
    }

    @Test
    void anExecRelayPushesRtspToAnFfmpegListenerAndEveryVideoFrameArrives() throws Exception {
        Path source = Media.h264Aac();
        Ffmpeg ffmpeg = fixture.ffmpeg();
        long published = ffmpeg.probe(source).stream("video").frames();
        LiveBroadcastController live = new LiveBroadcastController();
        RtmpServer server = fixture.start(live);
        int rtsp = freePort();
        Path received = fixture.out().resolve("received.h264");
        Ffmpeg.Run listener = ffmpeg.start("rtsp-listener", "-rtsp_flags", "listen", "-rtsp_transport", "tcp",
                "-timeout", "120", "-i", "rtsp://127.0.0.1:" + rtsp + "/test", "-map", "0:v", "-c", "copy",
                "-bsf:v", "dump_extra=freq=keyframe", "-f", "h264", received.toString());
        Listeners.awaitListening(rtsp, WAIT);
        // the drain lets the relay's ffmpeg read the stream to its end and send TEARDOWN before TERM
        exec(live, server, quoted(ffmpeg.ffmpegPath()) + " -hide_banner -nostdin -i {url} -c copy -rtsp_transport tcp"
                + " -f rtsp rtsp://127.0.0.1:" + rtsp + "/{key}", ExecOptions.DEFAULT.withDrain(Duration.ofSeconds(10)));

        try (GatedPublisher publisher = GatedPublisher.connect(fixture.uri("live/test"), source)) {
            publisher.sendFirstGop(); // the stream is live from here: the relay starts its ffmpeg
            ExecRelay relay = onlyRelay();
            // the GOP cache gives a player joining before the second keyframe the stream from its first frame
            eventually(WAIT, withLog("the relay's ffmpeg plays the stream", relay), () -> players(live) == 1);
            publisher.sendRestInRealTime();
            publisher.close(); // unpublish: the relay's ffmpeg ends with the stream
            relay.whenDone().get(30, TimeUnit.SECONDS);
            onlyRelayLog = relay.logTail();
            assertThat(relay.info().retries()).as("log: %s", relay.logTail()).isZero();
            assertThat(relay.info().state()).isEqualTo(RelayState.STOPPED);
            // the stream's media counted while the process ran: how much of the first GOP falls before it started
            // depends on timing, so only its range is fixed (the frame count below proves what arrived)
            assertThat(relay.info().bytes()).isPositive().isLessThanOrEqualTo(java.nio.file.Files.size(source));
        }
        List<String> relayLog = onlyRelayLog;
        listener.awaitSuccess(Duration.ofSeconds(30));
        assertThat(ffmpeg.decodeErrors(received)).isEmpty();
        assertThat(ffmpeg.probe(received).stream("video").frames()).as("relay log:%n%s", String.join("\n", relayLog))
                .isEqualTo(published);
    }

    @Test
    void aKilledFfmpegIsRestartedAndUnpublishingStopsItWithinTheGracePeriodLeavingNoProcess() throws Exception {
        Ffmpeg ffmpeg = fixture.ffmpeg();
        LiveBroadcastController live = new LiveBroadcastController();
        RtmpServer server = fixture.start(live);
        Duration grace = ExecOptions.DEFAULT_GRACE;
        exec(live, server, quoted(ffmpeg.ffmpegPath()) + " -hide_banner -nostdin -i {url} -c copy -f null -",
                ExecOptions.DEFAULT);
        Set<Long> pids = new LinkedHashSet<>();
        try (RealtimePublisher publisher = RealtimePublisher.start(fixture.uri("live/test"), Media.h264Aac(), 3)) {
            ExecRelay relay = onlyRelay();
            eventually(WAIT, withLog("the relay is live", relay), () -> relay.info().state() == RelayState.LIVE);
            long first = relay.pid().orElseThrow();
            pids.add(first);
            eventually(WAIT, withLog("its ffmpeg plays", relay), () -> players(live) == 1);

            ProcessHandle.of(first).orElseThrow().destroyForcibly();
            List<RelayState> seen = new ArrayList<>();
            eventually(WAIT, "a new ffmpeg is live", () -> {
                RelayState state = relay.info().state();
                if (seen.isEmpty() || seen.get(seen.size() - 1) != state) {
                    seen.add(state);
                }
                return state == RelayState.LIVE && relay.pid().isPresent() && relay.pid().getAsLong() != first;
            });
            assertThat(seen).contains(RelayState.RETRYING).endsWith(RelayState.LIVE);
            assertThat(relay.info().retries()).isEqualTo(1);
            assertThat(relay.info().lastError()).isEqualTo("pid " + first + " exited with code 137");
            pids.add(relay.pid().getAsLong());
            eventually(WAIT, withLog("the new ffmpeg plays", relay), () -> players(live) == 1);

            long t0 = System.nanoTime();
            publisher.close(); // unpublish
            relay.whenDone().get(grace.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThanOrEqualTo(grace.plusSeconds(2));
            assertThat(relay.info().state()).isEqualTo(RelayState.STOPPED);
        }
        for (long pid : pids) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("pid %d", pid).isFalse();
        }
        assertThat(ffmpegDescendants(ProcessHandle.current())).as("ffmpeg processes left").isEmpty();
        eventually(WAIT, "the ended relay is forgotten", () -> relays.size() == 0);
    }

    @Test
    void theCliRunsExecCommandsAndItsSigtermLeavesNoExecProcess() throws Exception {
        Ffmpeg ffmpeg = fixture.ffmpeg();
        String command = quoted(ffmpeg.ffmpegPath()) + " -hide_banner -nostdin -i {url} -c copy -f null -";
        try (CliProcess cli = CliProcess.start(ffmpeg.environment(), "server", "--host", "127.0.0.1", "--port", "0",
                "--no-http", "--status-interval", "0", "--exec", command, "--exec-grace", "2s")) {
            int port = cli.awaitPort();
            ProcessHandle server = ProcessHandle.of(cli.pid()).orElseThrow();
            try (RealtimePublisher publisher = RealtimePublisher.start(URI.create("rtmp://127.0.0.1:" + port + "/live/cli"),
                    Media.h264Aac(), 3)) {
                eventually(WAIT, "the server runs the exec ffmpeg", () -> !ffmpegDescendants(server).isEmpty());
                List<ProcessHandle> children = ffmpegDescendants(server);
                assertThat(children).singleElement().satisfies(p -> assertThat(p.info().arguments().map(List::of)
                        .orElse(List.of())).contains("rtmp://127.0.0.1:" + port + "/live/cli"));
                cli.signal("TERM"); // the graceful stop closes the relays
                assertThat(cli.awaitExit()).isZero();
                for (ProcessHandle child : children) {
                    child.onExit().get(10, TimeUnit.SECONDS);
                    assertThat(child.isAlive()).isFalse();
                }
            }
        }
    }

    /**
     * The players of live/test by kind ({@link StreamDetails#playerCount()}: the exec relay's own watch, an output
     * without a player kind, is not one, while {@code StreamInfo.players} counts every subscribed output).
     */
    private static int players(LiveBroadcastController live) {
        return live.control().stream(new StreamKey("live", "test")).map(StreamDetails::playerCount).orElse(0);
    }

    private static List<ProcessHandle> ffmpegDescendants(ProcessHandle root) {
        return root.descendants().filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/ffmpeg")).orElse(false)).toList();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** {@code what}, and on failure {@code relay}'s state and log tail. */
    private static Supplier<String> withLog(String what, ExecRelay relay) {
        return () -> what + "; relay " + relay.info() + ", log:\n" + String.join("\n", relay.logTail());
    }

    /**
     * Publishes an FLV file with the Java client in two steps: the metadata, sequence headers and first GOP at once,
     * then, when the test says so, the rest paced by the tags' timestamps (so no player is ever slow enough to
     * lose frames to the slow-player policy).
     */
    private static final class GatedPublisher implements AutoCloseable {
        private final RtmpClient client;
        private final Publisher publisher;
        private final List<FlvTag> tags;
        private int next;

        private GatedPublisher(RtmpClient client, List<FlvTag> tags) throws IOException {
            this.client = client;
            this.publisher = client.publish(client.streamName());
            this.tags = tags;
        }

        static GatedPublisher connect(URI url, Path flv) throws IOException {
            List<FlvTag> tags = new ArrayList<>();
            try (FlvReader reader = FlvReader.open(flv)) {
                for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                    tags.add(t.get());
                }
            }
            return new GatedPublisher(RtmpClient.connect(url, ClientOptions.defaults().withTimeout(Duration.ofSeconds(10))),
                    tags);
        }

        private static boolean isKeyframe(FlvTag t) {
            return t.type() == FlvTagType.VIDEO && t.body().remaining() > 1 && (t.body().get(0) & 0xF0) == 0x10
                    && t.body().get(1) == 1;
        }

        /** Sends every tag before the second keyframe. */
        void sendFirstGop() {
            int keyframes = 0;
            for (; next < tags.size(); next++) {
                FlvTag t = tags.get(next);
                if (isKeyframe(t) && ++keyframes == 2) {
                    return;
                }
                publisher.send(t);
            }
        }

        /** Sends the remaining tags, each at its timestamp's offset from the first of them. */
        void sendRestInRealTime() {
            if (next >= tags.size()) {
                return;
            }
            long first = Integer.toUnsignedLong(tags.get(next).timestamp());
            long start = System.nanoTime();
            for (; next < tags.size(); next++) {
                FlvTag t = tags.get(next);
                long due = start + TimeUnit.MILLISECONDS.toNanos(Integer.toUnsignedLong(t.timestamp()) - first);
                for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                    LockSupport.parkNanos(wait); // pacing the publish, not synchronising the test
                }
                publisher.send(t);
            }
        }

        @Override
        public void close() {
            publisher.close();
            client.close();
        }
    }
}
