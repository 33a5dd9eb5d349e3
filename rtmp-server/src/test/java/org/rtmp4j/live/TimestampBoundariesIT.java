package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rtmp4j.amf.Amf0;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.FlvRecording;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.server.RtmpServer;

/**
 * A stream whose timestamps cross 0xFFFFFF / 2^24 (the extended timestamp switch, RTMP 1.0
 * §5.3.1.3), 2^31 (the sign of an int) and 2^32 (the wrap, 49.7 days) flows through the whole
 * server: RtmpClient publisher → chunk decoder → {@link LiveBroadcastController} (GOP cache, bitrate)
 * → encoders → RtmpClient players and an FLV recording ({@link RtmpClient#playToFile}). The clock is
 * the publisher's timestamp source: frames are sent back to back, 40 ms of media time apart,
 * starting 400 ms before the boundary, so nothing waits for real time to pass.
 */
@Timeout(60)
class TimestampBoundariesIT {
    private static final int FRAMES = 30;
    /** The frame at the boundary: start + 40 × 10 = boundary. */
    private static final int BOUNDARY_FRAME = 10;
    private static final int KEYFRAME_INTERVAL = 8;
    /** The late player joins once the relay has passed this frame: its GOP (frames 8..13) spans the boundary. */
    private static final int JOIN_AFTER_FRAME = 13;

    private final LiveBroadcastController relay = new LiveBroadcastController();
    private RtmpServer server;
    private final List<AutoCloseable> closeables = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = RtmpServer.builder().port(0).eventLoops(2).controller(relay).build().start();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closeables) {
            c.close();
        }
        server.close();
    }

    private RtmpClient connect() throws Exception {
        RtmpClient c = RtmpClient.connect(URI.create("rtmp://127.0.0.1:" + server.port() + "/live"),
                ClientOptions.defaults().withTimeout(Duration.ofSeconds(5)));
        closeables.add(c);
        return c;
    }

    /** Collects what a player receives. */
    static final class Sink implements ClientListener {
        final BlockingQueue<MediaMessage> media = new LinkedBlockingQueue<>();
        final BlockingQueue<String> statuses = new LinkedBlockingQueue<>();

        @Override
        public void onMedia(int streamId, MediaMessage m) {
            media.add(m);
        }

        @Override
        public void onStatus(int streamId, Status status) {
            statuses.add(status.code());
        }

        List<MediaMessage> take(int n) throws InterruptedException {
            List<MediaMessage> out = new ArrayList<>();
            while (out.size() < n) {
                MediaMessage m = media.poll(10, TimeUnit.SECONDS);
                assertThat(m).as("media %d of %d", out.size(), n).isNotNull();
                out.add(m);
            }
            return out;
        }

        void awaitStatus(String code) throws InterruptedException {
            String s;
            do {
                s = statuses.poll(10, TimeUnit.SECONDS);
            } while (s != null && !s.equals(code));
            assertThat(s).isEqualTo(code);
        }
    }

    /** Sequence headers at {@code start}, then per frame a video message and, 20 ms later, an audio one. */
    private static List<MediaMessage> stream(long start) {
        List<MediaMessage> out = new ArrayList<>();
        out.add(Flv.avcSequenceHeader((int) start));
        out.add(Flv.aacSequenceHeader((int) start));
        for (int i = 0; i < FRAMES; i++) {
            int ts = (int) (start + 40L * i);
            out.add(i % KEYFRAME_INTERVAL == 0 ? Flv.avcKeyFrame(ts, 2000) : Flv.avcInterFrame(ts, 500 + i));
            out.add(Flv.aacFrame(ts + 20, 100));
        }
        return out;
    }

    /** Index in {@link #stream} of frame {@code i}'s video message. */
    private static int videoIndex(int frame) {
        return 2 + 2 * frame;
    }

    private static void assertSameMessages(List<MediaMessage> got, List<MediaMessage> expected) {
        assertThat(got).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            MediaMessage g = got.get(i);
            MediaMessage e = expected.get(i);
            assertThat(g.type()).as("type of message %d", i).isEqualTo(e.type());
            assertThat(Integer.toUnsignedLong(g.timestamp())).as("wire timestamp of message %d", i)
                    .isEqualTo(Integer.toUnsignedLong(e.timestamp()));
            assertThat(g.payload()).as("payload of message %d", i).isEqualTo(e.payload());
        }
    }

    @ParameterizedTest(name = "boundary {0} ms")
    @ValueSource(longs = {0xFF_FFFFL, 1L << 24, 1L << 31, 1L << 32})
    void framesCrossingTheBoundaryReachLivePlayersALateJoinerAndARecording(long boundary, @TempDir Path dir)
            throws Exception {
        long start = boundary - 40L * BOUNDARY_FRAME;
        List<MediaMessage> sent = stream(start);
        Sink waiting = new Sink();
        connect().play("clock", waiting);
        Path file = dir.resolve("clock.flv");
        FlvRecording recording = RtmpClient.playToFile(
                URI.create("rtmp://127.0.0.1:" + server.port() + "/live/clock"), file, Duration.ofSeconds(5));
        closeables.add(recording);
        Sink late = new Sink();
        List<MediaMessage> waitingGot = new ArrayList<>();
        long expectedBitrate;
        try (Publisher publisher = connect().publish("clock")) {
            publisher.sendMetadata(Map.of("width", 320.0, "height", 240.0));
            int joinAt = videoIndex(JOIN_AFTER_FRAME + 1);
            for (int i = 0; i < joinAt; i++) {
                publisher.send(sent.get(i));
            }
            waitingGot.addAll(waiting.take(joinAt)); // the relay has passed frame 13
            connect().play("clock", late);
            MediaMessage firstToLate = late.media.poll(10, TimeUnit.SECONDS); // the join snapshot is taken
            assertThat(firstToLate).isNotNull();
            for (int i = joinAt; i < sent.size(); i++) {
                publisher.send(sent.get(i));
            }
            waitingGot.addAll(waiting.take(sent.size() - joinAt));

            // every message exactly once, in order, with its 32-bit wire timestamp
            assertSameMessages(waitingGot, sent);

            // the late joiner: sequence headers, then the GOP that spans the boundary, then the live edge
            List<MediaMessage> lateGot = new ArrayList<>(List.of(firstToLate));
            int gopStart = videoIndex(JOIN_AFTER_FRAME / KEYFRAME_INTERVAL * KEYFRAME_INTERVAL);
            lateGot.addAll(late.take(2 + sent.size() - gopStart - 1));
            List<MediaMessage> lateExpected = new ArrayList<>(sent.subList(0, 2));
            lateExpected.addAll(sent.subList(gopStart, sent.size()));
            assertSameMessages(lateGot, lateExpected);
            assertThat(Flv.isKeyFrame(lateGot.get(2))).isTrue();
            assertThat(lateGot.get(2).timestamp()).as("the GOP starts before the boundary").isEqualTo((int) (start + 320));

            // stats: the bitrate is measured over the media time the stream spans, boundary or not
            long bytes = sent.stream().mapToLong(MediaMessage::size).sum();
            long spanMs = 40L * (FRAMES - 1) + 20;
            expectedBitrate = bytes * 8_000 / spanMs;
            StreamInfo info = relay.activeStreams().stream()
                    .filter(s -> s.key().name().equals("clock")).findFirst().orElseThrow();
            assertThat(info.bitrate()).isEqualTo(expectedBitrate);
            assertThat(info.messagesIn()).isEqualTo(sent.size());
            assertThat(info.bytesIn()).isEqualTo(bytes);
        }
        waiting.awaitStatus(StatusCodes.PLAY_UNPUBLISH_NOTIFY);
        late.awaitStatus(StatusCodes.PLAY_UNPUBLISH_NOTIFY);
        recording.done().get(10, TimeUnit.SECONDS);

        // the recording: every message, rebased to its first, monotonic, readable by FlvReader
        List<FlvTag> tags = new ArrayList<>();
        Map<?, ?> metadata = null;
        try (FlvReader reader = FlvReader.open(file)) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                if (t.get().type() == FlvTagType.SCRIPT) {
                    metadata = (Map<?, ?>) Amf0.decode(t.get().body().duplicate()).get(1);
                } else {
                    tags.add(t.get());
                }
            }
        }
        assertThat(tags).hasSameSizeAs(sent);
        long previous = 0;
        for (int i = 0; i < sent.size(); i++) {
            long expected = Integer.toUnsignedLong(sent.get(i).timestamp() - (int) start);
            long ts = Integer.toUnsignedLong(tags.get(i).timestamp());
            assertThat(ts).as("recorded timestamp %d", i).isEqualTo(expected).isGreaterThanOrEqualTo(previous);
            previous = ts;
            assertThat(tags.get(i).type())
                    .isEqualTo(sent.get(i) instanceof AudioMessage ? FlvTagType.AUDIO : FlvTagType.VIDEO);
            assertThat(tags.get(i).body()).isEqualTo(sent.get(i).payload());
        }
        assertThat(metadata).isNotNull();
        assertThat((Double) metadata.get("duration")).isEqualTo((40.0 * (FRAMES - 1) + 20) / 1000.0);
    }
}
