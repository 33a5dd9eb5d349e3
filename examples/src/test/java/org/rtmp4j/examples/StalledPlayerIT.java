package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.core.session.PlayRequest;
import org.rtmp4j.core.session.RtmpController;
import org.rtmp4j.core.session.RtmpSession;
import org.rtmp4j.core.session.SessionStats;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.media.VideoTagHeader;
import org.rtmp4j.core.session.ForwardingRtmpController;
import org.rtmp4j.live.LiveBroadcastController;

/**
 * Issue 3, "proof in tests": one ffmpeg player stops reading for 10 s (its process is suspended with SIGSTOP)
 * while two other ffmpeg players keep real-time delivery, and the publisher is never slowed. The stalled
 * player's queue crosses the high watermark, so the server drops its video to the next keyframe (docs/ARCHITECTURE.md §7
 * "Back-pressure"); after SIGCONT it gets frames again from a keyframe on and its recording decodes cleanly.
 * The second test is the recording-client variant ({@link OutboundLimits.DropPolicy#NEVER}): the stalled player
 * is closed at {@code maxQueued} instead, and the others are just as unaffected.
 *
 * <p>Frames are compared as in {@link LiveRelayIT}: the source is encoded to a file first and published with
 * {@code -re -c copy}. The waits are on what the server saw (N video messages published, a session closed),
 * bounded; the stall itself is "250 video messages published", i.e. 10 s of stream.
 */
@Tag("ffmpeg")
@Timeout(120)
class StalledPlayerIT {
    private static final int FPS = 25;
    private static final int SECONDS = 25;
    /** The hard-cap variant's stream: long enough for the stalled player to reach {@link #HARD_CAP}. */
    private static final int HARD_CAP_SECONDS = 12;
    /**
     * The shipped defaults (512 KiB / 2 MiB / 16 MiB, drop to the next keyframe). At 8 Mbit/s the 10 s stall is
     * about 10 MB: the loopback socket buffers absorb about 4.5 MB, the rest crosses the high watermark.
     */
    private static final OutboundLimits LIMITS = OutboundLimits.DEFAULT;
    /** For recording clients: never drop, close above 1 MiB queued. */
    private static final OutboundLimits HARD_CAP =
            new OutboundLimits(256 * 1024, 512 * 1024, 1024 * 1024, OutboundLimits.DropPolicy.NEVER);
    /** The hard-cap variant's stall starts after about two seconds of stream. */
    private static final int HARD_CAP_STALL_AFTER_VIDEO_MESSAGES = 2 * FPS;
    /** About three seconds of stream: when the stalled player is suspended. */
    private static final int STALL_AFTER_VIDEO_MESSAGES = 3 * FPS;
    /** Ten seconds of stream: how long it stays suspended. */
    private static final int STALL_VIDEO_MESSAGES = 10 * FPS;
    /** Sample the players once per second of stream while one is stalled. */
    private static final int SAMPLE_EVERY_VIDEO_MESSAGES = FPS;
    /** How far behind the stream's own clock the publisher's video may reach the server. */
    private static final long MAX_PUBLISHER_LAG_MS = 1000;
    private static final int STALLED = 1;
    /**
     * The players' SO_RCVBUF in bytes (ffmpeg's tcp option {@code recv_buffer_size}): a fixed receive buffer
     * turns off the kernel's receive-buffer autotuning, so the stalled player's socket absorbs a known amount.
     */
    private static final int PLAYER_RECEIVE_BUFFER = 256 * 1024;

    @RegisterExtension
    final FfmpegServer fixture = FfmpegServer.perTestMethod().cleaningOutput();

    private Ffmpeg ffmpeg;
    private Path out;
    private SessionRecorder recorder;
    private ObservingController observed;
    private Process stopped;
    private final List<Ffmpeg.Run> players = new ArrayList<>();
    private final List<Path> outputs = new ArrayList<>();
    private final List<RtmpSession> sessions = new ArrayList<>();

    @BeforeEach
    void setUp() {
        out = fixture.out();
        ffmpeg = fixture.ffmpeg();
    }

    /** Runs before the fixture kills ffmpeg and closes the server. */
    @AfterEach
    void resumeStoppedPlayer() throws Exception {
        if (stopped != null && stopped.isAlive()) {
            signal(stopped, "-CONT"); // a stopped process would only die of SIGKILL; let it see SIGTERM too
        }
    }

    @Test
    void aPlayerSuspendedForTenSecondsLosesFramesToTheNextKeyFrameWhileTwoOthersAndThePublisherKeepRealTime() throws Exception {
        FlvFrames published = generate(SECONDS);
        Ffmpeg.Run publisher = publishAndSuspendAfter(LIMITS, STALL_AFTER_VIDEO_MESSAGES);
        long stallStart = System.nanoTime();
        List<long[]> samples = new ArrayList<>();
        for (int n = SAMPLE_EVERY_VIDEO_MESSAGES; n <= STALL_VIDEO_MESSAGES; n += SAMPLE_EVERY_VIDEO_MESSAGES) {
            observed.afterVideoMessages(STALL_AFTER_VIDEO_MESSAGES + n).get(10, TimeUnit.SECONDS);
            samples.add(sample());
        }
        long stallMillis = (System.nanoTime() - stallStart) / 1_000_000;
        long queuedWhenResumed = sessions.get(STALLED).queuedBytes();
        signal(stopped, "-CONT");
        stopped = null;

        publisher.awaitSuccess(Duration.ofSeconds(60));
        for (Ffmpeg.Run player : players) {
            player.awaitSuccess(Duration.ofSeconds(30)); // players end on NetStream.Play.UnpublishNotify
        }
        String report = report(String.format("stalled %d ms; queued for the stalled player at SIGCONT: %d bytes", stallMillis,
                queuedWhenResumed), samples);
        assertThat(stallMillis).as("the stall lasted about 10 s of real time").isBetween(9_000L, 11_500L);
        assertPublisherWasRealTime(published);
        assertFastPlayersKeptUp(published, samples, LIMITS, report);

        // (2) The stalled player lost video to the next keyframe, then got frames again and decodes cleanly.
        SessionStats stalled = sessions.get(STALLED).stats();
        assertThat(stalled.droppedVideoMessages())
                .as("stalled player's dropped video (the kernel's socket buffers, up to net.ipv4.tcp_wmem's max, absorb"
                        + " the first MBs of the stall); %s", report)
                .isPositive();
        assertThat(stalled.keyframeWaits()).as("stalled player's keyframe waits; %s", report).isPositive();
        assertThat(stalled.closedForOverflow()).as("stalled player closed for overflow").isFalse();
        assertThat(ffmpeg.decodeErrors(outputs.get(STALLED))).as("stalled player's decode errors").isEmpty();
        assertReceivedWithGapsEndingAtKeyFrames(published, FlvFrames.read(outputs.get(STALLED)), "stalled player");
    }

    @Test
    void aNeverDropPlayerSuspendedPastTheHardCapIsClosedWhileTwoOthersAndThePublisherKeepRealTime() throws Exception {
        FlvFrames published = generate(HARD_CAP_SECONDS);
        Ffmpeg.Run publisher = publishAndSuspendAfter(HARD_CAP, HARD_CAP_STALL_AFTER_VIDEO_MESSAGES);
        RtmpSession stalledSession = sessions.get(STALLED);
        List<long[]> samples = new ArrayList<>();
        int n = HARD_CAP_STALL_AFTER_VIDEO_MESSAGES;
        while (!recorder.closed(stalledSession).isDone()) { // bounded: the stream ends, and get() times out
            n += SAMPLE_EVERY_VIDEO_MESSAGES;
            assertThat(n).as("the stalled player was closed before the stream ended; %s", samples.stream().map(java.util.Arrays::toString).toList())
                    .isLessThanOrEqualTo(FPS * HARD_CAP_SECONDS);
            observed.afterVideoMessages(n).get(10, TimeUnit.SECONDS);
            samples.add(sample());
        }
        long closedAfterMessages = n;
        signal(stopped, "-CONT");
        stopped = null;

        publisher.awaitSuccess(Duration.ofSeconds(60));
        int stalledExit = players.get(STALLED).await(Duration.ofSeconds(30));
        for (int i = 0; i < 3; i++) {
            if (i != STALLED) {
                players.get(i).awaitSuccess(Duration.ofSeconds(30));
            }
        }
        String report = report(String.format("stalled player closed by video message %d; its exit code %d", closedAfterMessages,
                stalledExit), samples);
        assertPublisherWasRealTime(published);
        assertFastPlayersKeptUp(published, samples, HARD_CAP, report);

        // (2) The stalled player was closed at the hard cap, never sent a gap; what it got decodes cleanly.
        SessionStats stalled = stalledSession.stats();
        assertThat(stalled.closedForOverflow()).as("stalled player closed for overflow; %s", report).isTrue();
        assertThat(stalled.droppedMediaMessages()).as("stalled player's dropped media (policy NEVER); %s", report).isZero();
        assertThat(ffmpeg.decodeErrors(outputs.get(STALLED))).as("stalled player's decode errors").isEmpty();
        List<FlvFrames.Frame> got = FlvFrames.read(outputs.get(STALLED)).frames();
        assertThat(got).as("stalled player's frames: the first published frames, without a gap; %s", report)
                .isNotEmpty()
                .containsExactlyElementsOf(published.frames().subList(0, got.size()));
    }

    /** Encodes {@code seconds} of 1280x720 testsrc2 + sine at 8 Mbit/s into {@code source.flv}; returns its frames. */
    private FlvFrames generate(int seconds) throws Exception {
        Path source = out.resolve("source.flv");
        ffmpeg.run("generate", Duration.ofSeconds(60),
                "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=" + FPS, "-f", "lavfi", "-i", "sine",
                "-t", String.valueOf(seconds), "-c:v", "libx264", "-g", String.valueOf(2 * FPS), "-preset", "ultrafast",
                "-b:v", "8M", "-c:a", "aac", "-f", "flv", source.toString());
        FlvFrames published = FlvFrames.read(source);
        assertThat(published.size()).as("generated video frames").isEqualTo(FPS * seconds);
        return published;
    }

    /**
     * Starts the server with {@code limits} and the three players, then ffmpeg publishing {@code source.flv} at real
     * time, and suspends the stalled player (SIGSTOP) once {@code videoMessages} were published.
     *
     * @return the publisher
     */
    private Ffmpeg.Run publishAndSuspendAfter(OutboundLimits limits, int videoMessages) throws Exception {
        String url = startServerAndPlayers(limits);
        Ffmpeg.Run publisher = ffmpeg.start("publisher", "-re", "-i", out.resolve("source.flv").toString(), "-c", "copy", "-f", "flv", url);
        observed.afterVideoMessages(videoMessages).get(20, TimeUnit.SECONDS);
        stopped = players.get(STALLED).process();
        signal(stopped, "-STOP");
        return publisher;
    }

    /**
     * Starts the server with {@code limits} and three ffmpeg players, each waiting until the server saw its play.
     * The players join before the publisher (they wait for it): no GOP-cache burst at join.
     *
     * @return the stream's URL
     */
    private String startServerAndPlayers(OutboundLimits limits) throws Exception {
        observed = new ObservingController(new LiveBroadcastController());
        recorder = new SessionRecorder(observed);
        fixture.start(recorder, builder -> builder.outbound(limits));
        String url = fixture.url("live/stall");
        for (int i = 0; i < 3; i++) {
            Path output = out.resolve("player" + (i + 1) + ".flv");
            outputs.add(output);
            players.add(ffmpeg.start("player" + (i + 1), "-recv_buffer_size", String.valueOf(PLAYER_RECEIVE_BUFFER),
                    "-i", url, "-c", "copy", "-f", "flv", output.toString()));
            RtmpSession session = recorder.players.poll(20, TimeUnit.SECONDS);
            assertThat(session).as("player %d's play reached the server", i + 1).isNotNull();
            sessions.add(session);
        }
        return url;
    }

    /** Describes the run for assertion messages (and prints it: the numbers behind DESIGN-NOTES). */
    private String report(String what, List<long[]> samples) {
        String report = String.format("%s; publisher's worst lag %d ms; samples [queued1, queued2, queued3, size1, size2, size3]: %s;"
                        + " stats: %s", what, recorder.maxPublisherLagMillis(),
                samples.stream().map(java.util.Arrays::toString).toList(), sessions.stream().map(RtmpSession::stats).toList());
        System.out.println("StalledPlayerIT: " + report);
        return report;
    }

    /** (3) The publisher was never slowed: every frame reached the server on the stream's own clock. */
    private void assertPublisherWasRealTime(FlvFrames published) {
        assertThat(recorder.badVideo).as("unparsable published video").isEmpty();
        assertThat(recorder.publishedFrames()).as("frames the publisher sent").isEqualTo(published.size());
        assertThat(recorder.maxPublisherLagMillis()).as("publisher's worst lag behind real time, ms").isLessThan(MAX_PUBLISHER_LAG_MS);
    }

    /** (1) The two others kept real-time delivery: low queues, no drops, files growing every second, every frame. */
    private void assertFastPlayersKeptUp(FlvFrames published, List<long[]> samples, OutboundLimits limits, String report)
            throws Exception {
        for (int i = 0; i < 3; i++) {
            if (i == STALLED) {
                continue;
            }
            SessionStats stats = sessions.get(i).stats();
            assertThat(stats.droppedMediaMessages()).as("player %d dropped media; %s", i + 1, report).isZero();
            assertThat(stats.keyframeWaits()).as("player %d keyframe waits; %s", i + 1, report).isZero();
            assertThat(stats.closedForOverflow()).as("player %d closed for overflow; %s", i + 1, report).isFalse();
            long previousSize = -1;
            for (long[] s : samples) {
                assertThat(s[i]).as("player %d's queued bytes during the stall; %s", i + 1, report).isLessThan(limits.lowWatermark());
                assertThat(s[3 + i]).as("player %d's file grew during each second of the stall; %s", i + 1, report)
                        .isGreaterThan(previousSize);
                previousSize = s[3 + i];
            }
            assertThat(ffmpeg.decodeErrors(outputs.get(i))).as("player %d decode errors", i + 1).isEmpty();
            published.assertReceivedAll(FlvFrames.read(outputs.get(i)), "player " + (i + 1));
        }
    }

    /** One sample: queued bytes of each player session, then each player's output file size (-1 if absent). */
    private long[] sample() throws IOException {
        long[] s = new long[6];
        for (int i = 0; i < 3; i++) {
            s[i] = sessions.get(i).queuedBytes();
            s[3 + i] = Files.exists(outputs.get(i)) ? Files.size(outputs.get(i)) : -1;
        }
        return s;
    }

    /**
     * Asserts that {@code received} is the published frames in order with at least one gap, that it starts at a
     * keyframe, that the frame after every gap is a keyframe (drop to the next keyframe), and that it reaches the
     * last published frame.
     */
    private static void assertReceivedWithGapsEndingAtKeyFrames(FlvFrames published, FlvFrames received, String who) {
        List<FlvFrames.Frame> source = published.frames();
        List<FlvFrames.Frame> got = received.frames();
        assertThat(got).as("%s received video frames", who).isNotEmpty();
        assertThat(got.get(0).keyFrame()).as("%s's first frame is a keyframe", who).isTrue();
        int gaps = 0;
        int previous = -1;
        for (int k = 0; k < got.size(); k++) {
            FlvFrames.Frame frame = got.get(k);
            int found = source.subList(previous + 1, source.size()).indexOf(frame);
            assertThat(found).as("%s's frame %d (%s) is a published frame after published frame %d", who, k, frame, previous)
                    .isNotNegative();
            int index = previous + 1 + found;
            if (index != previous + 1) {
                gaps++;
                assertThat(frame.keyFrame())
                        .as("%s's frame %d, published frame %d, after a gap from published frame %d, is a keyframe", who, k, index, previous)
                        .isTrue();
            }
            previous = index;
        }
        assertThat(gaps).as("%s's gaps in the published frames", who).isPositive();
        assertThat(previous).as("%s's last frame is the last published frame", who).isEqualTo(source.size() - 1);
    }

    /** Sends {@code signal} (e.g. {@code -STOP}, {@code -CONT}) to {@code process} with {@code kill}: Java cannot. */
    private static void signal(Process process, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).redirectErrorStream(true).start();
        assertThat(kill.waitFor(10, TimeUnit.SECONDS)).as("kill %s finished", signal).isTrue();
        assertThat(kill.exitValue()).as("kill %s %d exit code", signal, process.pid()).isZero();
    }

    /**
     * Captures each player's session (in play order) and, for the publisher, how far each coded video frame
     * reached the server behind the stream's clock: wall time since the first frame minus timestamp since the
     * first frame.
     */
    private static final class SessionRecorder extends ForwardingRtmpController {
        final BlockingQueue<RtmpSession> players = new LinkedBlockingQueue<>();
        /** Why published video messages could not be parsed (expected: none). */
        final List<String> badVideo = new CopyOnWriteArrayList<>();
        private final Map<String, CompletableFuture<Void>> closes = new ConcurrentHashMap<>();
        private final List<Long> lagsMillis = new CopyOnWriteArrayList<>();
        private long firstNanos;
        private int firstTimestamp;

        SessionRecorder(RtmpController delegate) {
            super(delegate);
        }

        /** Completes when {@code session} has closed (after the wrapped controller's {@code onClose}). */
        CompletableFuture<Void> closed(RtmpSession session) {
            return closes.computeIfAbsent(session.id(), id -> new CompletableFuture<>());
        }

        @Override
        public void onClose(RtmpSession session, Throwable causeOrNull) {
            super.onClose(session, causeOrNull);
            closed(session).complete(null);
        }

        @Override
        public void onPlay(RtmpSession session, PlayRequest request) {
            super.onPlay(session, request);
            players.add(session);
        }

        @Override
        public void onMedia(RtmpSession session, NetStream stream, MediaMessage media) {
            long now = System.nanoTime(); // before relaying: when the server read it
            super.onMedia(session, stream, media);
            if (media instanceof VideoMessage video && video.payload().hasRemaining()) {
                VideoTagHeader header;
                try {
                    header = VideoTagHeader.parse(video.payload().duplicate());
                } catch (FlvFormatException e) {
                    badVideo.add(e.getMessage());
                    return;
                }
                if (header.isSequenceHeader() || header.isSequenceEnd() || header.isCommandFrame()) {
                    return;
                }
                if (lagsMillis.isEmpty()) { // one publisher, one connection thread: no race
                    firstNanos = now;
                    firstTimestamp = video.timestamp();
                }
                lagsMillis.add((now - firstNanos) / 1_000_000 - (video.timestamp() - firstTimestamp));
            }
        }

        int publishedFrames() {
            return lagsMillis.size();
        }

        long maxPublisherLagMillis() {
            return lagsMillis.stream().mapToLong(Long::longValue).max().orElse(0);
        }
    }
}
