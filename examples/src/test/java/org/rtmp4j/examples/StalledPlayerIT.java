package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
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
import org.rtmp4j.live.ForwardingRtmpController;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.server.RtmpServer;

/**
 * Issue 3, "proof in tests": one ffmpeg player stops reading for 10 s (its process is suspended with SIGSTOP)
 * while two other ffmpeg players keep real-time delivery, and the publisher is never slowed. The stalled
 * player's queue crosses the high watermark, so the server drops its video to the next keyframe (DESIGN §7
 * "Back-pressure"); after SIGCONT it gets frames again from a keyframe on and its recording decodes cleanly.
 */
@Tag("ffmpeg")
@Timeout(120)
class StalledPlayerIT {
    private static final int FPS = 25;
    private static final int SECONDS = 25;
    /**
     * The shipped defaults (512 KiB / 2 MiB / 16 MiB, drop to the next keyframe). At 8 Mbit/s the 10 s stall is
     * about 10 MB: the loopback socket buffers absorb up to about 4 MB, the rest crosses the high watermark.
     */
    private static final OutboundLimits LIMITS = OutboundLimits.DEFAULT;
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

    private Ffmpeg ffmpeg;
    private Path out;
    private SessionRecorder recorder;
    private ObservingController observed;
    private RtmpServer server;
    private Process stopped;

    @BeforeEach
    void setUp(TestInfo test) throws Exception {
        out = Ffmpeg.outputDir(getClass(), test.getTestMethod().orElseThrow().getName());
        Ffmpeg.deleteRecursively(out);
        ffmpeg = Ffmpeg.locate(out);
        observed = new ObservingController(new LiveBroadcastController());
        recorder = new SessionRecorder(observed);
        server = RtmpServer.builder()
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .controller(recorder)
                .outbound(LIMITS)
                .build()
                .start();
    }

    @AfterEach
    void tearDown() throws Exception {
        if (stopped != null && stopped.isAlive()) {
            signal(stopped, "-CONT"); // a stopped process would only die of SIGKILL; let it see SIGTERM too
        }
        if (ffmpeg != null) {
            ffmpeg.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPlayerSuspendedForTenSecondsLosesFramesToTheNextKeyFrameWhileTwoOthersAndThePublisherKeepRealTime() throws Exception {
        Path source = out.resolve("source.flv");
        ffmpeg.run("generate", Duration.ofSeconds(60),
                "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=" + FPS, "-f", "lavfi", "-i", "sine",
                "-t", String.valueOf(SECONDS), "-c:v", "libx264", "-g", String.valueOf(2 * FPS), "-preset", "ultrafast",
                "-b:v", "8M", "-c:a", "aac", "-f", "flv", source.toString());
        FlvFrames published = FlvFrames.read(source);
        assertThat(published.size()).as("generated video frames").isEqualTo(FPS * SECONDS);
        String url = "rtmp://127.0.0.1:" + server.port() + "/live/stall";

        List<Ffmpeg.Run> players = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        List<RtmpSession> sessions = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // players wait for the publisher: no GOP-cache burst at join
            Path output = out.resolve("player" + (i + 1) + ".flv");
            outputs.add(output);
            players.add(ffmpeg.start("player" + (i + 1), "-recv_buffer_size", String.valueOf(PLAYER_RECEIVE_BUFFER),
                    "-i", url, "-c", "copy", "-f", "flv", output.toString()));
            RtmpSession session = recorder.players.poll(20, TimeUnit.SECONDS);
            assertThat(session).as("player %d's play reached the server", i + 1).isNotNull();
            sessions.add(session);
        }
        Ffmpeg.Run publisher = ffmpeg.start("publisher", "-re", "-i", source.toString(), "-c", "copy", "-f", "flv", url);

        observed.afterVideoMessages(STALL_AFTER_VIDEO_MESSAGES).get(20, TimeUnit.SECONDS);
        stopped = players.get(STALLED).process();
        signal(stopped, "-STOP");
        long stallStart = System.nanoTime();
        List<long[]> samples = new ArrayList<>();
        for (int n = SAMPLE_EVERY_VIDEO_MESSAGES; n <= STALL_VIDEO_MESSAGES; n += SAMPLE_EVERY_VIDEO_MESSAGES) {
            observed.afterVideoMessages(STALL_AFTER_VIDEO_MESSAGES + n).get(10, TimeUnit.SECONDS);
            samples.add(sample(sessions, outputs));
        }
        long stallMillis = (System.nanoTime() - stallStart) / 1_000_000;
        long queuedWhenResumed = sessions.get(STALLED).queuedBytes();
        signal(stopped, "-CONT");
        stopped = null;

        publisher.awaitSuccess(Duration.ofSeconds(60));
        for (Ffmpeg.Run player : players) {
            player.awaitSuccess(Duration.ofSeconds(30)); // players end on NetStream.Play.UnpublishNotify
        }
        String report = String.format("publisher's worst lag %d ms; stalled %d ms; queued for the stalled player at SIGCONT: %d bytes; samples"
                + " [queued1, queued2, queued3, size1, size2, size3]: %s; stats: %s",
                recorder.maxPublisherLagMillis(), stallMillis, queuedWhenResumed, samples.stream().map(java.util.Arrays::toString).toList(),
                sessions.stream().map(RtmpSession::stats).toList());
        System.out.println("StalledPlayerIT: " + report);

        // (3) The publisher was never slowed: every frame reached the server on the stream's own clock.
        assertThat(recorder.badVideo).as("unparsable published video").isEmpty();
        assertThat(recorder.publishedFrames()).as("frames the publisher sent").isEqualTo(published.size());
        assertThat(recorder.maxPublisherLagMillis()).as("publisher's worst lag behind real time, ms").isLessThan(MAX_PUBLISHER_LAG_MS);
        assertThat(stallMillis).as("the stall lasted about 10 s of real time").isBetween(9_000L, 11_500L);

        // (1) The two others kept real-time delivery: low queues, no drops, files growing every second, every frame.
        for (int i = 0; i < 3; i++) {
            if (i == STALLED) {
                continue;
            }
            SessionStats stats = sessions.get(i).stats();
            assertThat(stats.droppedMediaMessages()).as("player %d dropped media; %s", i + 1, report).isZero();
            assertThat(stats.keyframeWaits()).as("player %d keyframe waits; %s", i + 1, report).isZero();
            long previousSize = -1;
            for (long[] s : samples) {
                assertThat(s[i]).as("player %d's queued bytes during the stall; %s", i + 1, report).isLessThan(LIMITS.lowWatermark());
                assertThat(s[3 + i]).as("player %d's file grew during each second of the stall; %s", i + 1, report)
                        .isGreaterThan(previousSize);
                previousSize = s[3 + i];
            }
            assertThat(ffmpeg.decodeErrors(outputs.get(i))).as("player %d decode errors", i + 1).isEmpty();
            published.assertReceivedAll(FlvFrames.read(outputs.get(i)), "player " + (i + 1));
        }

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

    /** One sample: queued bytes of each player session, then each player's output file size (-1 if absent). */
    private static long[] sample(List<RtmpSession> sessions, List<Path> outputs) throws IOException {
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
        private final List<Long> lagsMillis = new CopyOnWriteArrayList<>();
        private long firstNanos;
        private int firstTimestamp;

        SessionRecorder(RtmpController delegate) {
            super(delegate);
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
