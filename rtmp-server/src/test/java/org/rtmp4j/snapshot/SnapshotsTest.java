package org.rtmp4j.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.live.Ingest;
import org.rtmp4j.live.IngestSource;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.snapshot.SnapshotResult.Reason;

/** {@link Snapshots} over an in-process relay publishing media/h264-aac-avatar.flv; the decoders are fakes. */
@Timeout(30)
class SnapshotsTest {
    private static final StreamKey KEY = new StreamKey("live", "cam");
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9};

    private final LiveBroadcastController relay = new LiveBroadcastController();
    private final AtomicLong now = new AtomicLong();
    private final List<Snapshots> opened = new ArrayList<>();

    @AfterEach
    void close() {
        opened.forEach(Snapshots::close);
    }

    private Snapshots snapshots(KeyframeDecoder decoder, SnapshotOptions options) {
        Snapshots s = new Snapshots(relay, decoder, options, now::get);
        opened.add(s);
        return s;
    }

    private Ingest publish() {
        return relay.publish(KEY, new IngestSource() {
            @Override
            public String id() {
                return "test";
            }

            @Override
            public void close() {}
        });
    }

    private static SnapshotResult result(CompletableFuture<SnapshotResult> f) throws Exception {
        return f.get(10, TimeUnit.SECONDS);
    }

    @Test
    void notLiveAndBeforeTheFirstKeyframeIsNoKeyframe() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Snapshots s = snapshots(sample -> {
            calls.incrementAndGet();
            return JPEG;
        }, SnapshotOptions.DEFAULT);
        assertThat(result(s.snapshot(KEY))).isEqualTo(new SnapshotResult.Unavailable(Reason.NO_KEYFRAME, "live/cam is not live"));

        Ingest ingest = publish();
        ingest.media(new VideoMessage(0, 1, java.nio.ByteBuffer.wrap(new byte[] {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1F, (byte) 0xFF, (byte) 0xE1, 0, 0, 1, 0})));
        SnapshotResult r = result(s.snapshot(KEY));
        assertThat(r).isInstanceOf(SnapshotResult.Unavailable.class);
        assertThat(((SnapshotResult.Unavailable) r).reason()).isEqualTo(Reason.NO_KEYFRAME);
        assertThat(((SnapshotResult.Unavailable) r).reason().httpStatus()).isEqualTo(404);
        assertThat(calls).hasValue(0);
    }

    @Test
    void decoderGetsTheSequenceHeaderAndTheLatestKeyframeWithTheStreamsSize() throws Exception {
        List<KeyframeSample> samples = new ArrayList<>();
        Snapshots s = snapshots(sample -> {
            synchronized (samples) {
                samples.add(sample);
            }
            return JPEG;
        }, SnapshotOptions.DEFAULT);
        Ingest ingest = publish();
        MediaFiles.publishUntilKeyframe(ingest, MediaFiles.h264Aac(), 3);

        SnapshotResult r = result(s.snapshot(KEY));
        assertThat(r).isInstanceOf(SnapshotResult.Image.class);
        assertThat(((SnapshotResult.Image) r).jpeg()).isEqualTo(JPEG);
        KeyframeSample sample = samples.get(0);
        assertThat(sample.codec()).isEqualTo("h264");
        assertThat(sample.width()).isEqualTo(768);
        assertThat(sample.height()).isEqualTo(320);
        assertThat(sample.sequenceHeader().get(0)).isEqualTo((byte) 0x17); // AVC keyframe, AVCPacketType 0
        assertThat(sample.sequenceHeader().get(1)).isZero();
        assertThat(sample.keyframe().get(0)).isEqualTo((byte) 0x17);
        assertThat(sample.keyframe().get(1)).isEqualTo((byte) 1);
        assertThat(sample.configurationRecord().get(0)).isEqualTo((byte) 1); // configurationVersion
        assertThat(sample.timestamp()).isPositive(); // the third keyframe, not the first at 0
        // the tap is a hub output, not a player: no count of players sees it
        assertThat(relay.activeStreams()).singleElement().satisfies(i -> assertThat(i.players()).isZero());
        assertThat(relay.stats().totalViewers()).isZero();
        assertThat(relay.control().stream(KEY).orElseThrow().playerCount()).isZero();
    }

    @Test
    void oneDecodePerIntervalWhateverTheRequestsAndCachedWhileTheKeyframeIsTheSame() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Snapshots s = snapshots(sample -> {
            calls.incrementAndGet();
            entered.countDown();
            release.await();
            return JPEG;
        }, SnapshotOptions.DEFAULT);
        Ingest ingest = publish();
        MediaFiles.publishUntilKeyframe(ingest, MediaFiles.h264Aac(), 1);

        List<CompletableFuture<SnapshotResult>> requests = new ArrayList<>();
        requests.add(s.snapshot(KEY));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i < 50; i++) {
            requests.add(s.snapshot(KEY));
        }
        release.countDown();
        for (CompletableFuture<SnapshotResult> f : requests) {
            assertThat(result(f)).isInstanceOf(SnapshotResult.Image.class);
        }
        assertThat(calls).as("decoder calls for 50 concurrent requests").hasValue(1);

        now.addAndGet(Duration.ofSeconds(60).toNanos()); // long past the interval, same keyframe
        assertThat(result(s.snapshot(KEY))).isInstanceOf(SnapshotResult.Image.class);
        assertThat(calls).as("same keyframe: cached").hasValue(1);

        ingest.close();
        ingest = publish();
        MediaFiles.publishUntilKeyframe(ingest, MediaFiles.h264Aac(), 2); // a new keyframe
        now.addAndGet(Duration.ofSeconds(1).toNanos()); // within the interval, but a new publish starts a new cache
        assertThat(result(s.snapshot(KEY))).isInstanceOf(SnapshotResult.Image.class);
        assertThat(calls).as("a new publish is decoded anew").hasValue(2);
        assertThat(s.stats().decodes()).isEqualTo(2);
        assertThat(s.stats().images()).isEqualTo(2);
    }

    @Test
    void aNewKeyframeWithinTheIntervalServesTheCachedImageThenDecodesAfterIt() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Snapshots s = snapshots(sample -> {
            calls.incrementAndGet();
            return new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) sample.timestamp()};
        }, SnapshotOptions.DEFAULT);
        Ingest ingest = publish();
        MediaFiles.publishUntilKeyframe(ingest, MediaFiles.h264Aac(), 1);
        SnapshotResult first = result(s.snapshot(KEY));

        ingest.media(new VideoMessage(2000, 1, java.nio.ByteBuffer.wrap(new byte[] {0x17, 1, 0, 0, 0, 0, 0, 0, 2, 0x65, (byte) 0x88})));
        now.addAndGet(Duration.ofSeconds(4).toNanos());
        assertThat(result(s.snapshot(KEY))).isSameAs(first);
        assertThat(calls).hasValue(1);

        now.addAndGet(Duration.ofSeconds(1).toNanos());
        SnapshotResult second = result(s.snapshot(KEY));
        assertThat(calls).hasValue(2);
        assertThat(((SnapshotResult.Image) second).timestamp()).isEqualTo(2000);
    }

    @Test
    void refusalIsUnsupportedCodecAndFailureIsDecodeFailed() throws Exception {
        Snapshots refusing = snapshots(sample -> {
            throw new UnsupportedCodecException("only VP6");
        }, SnapshotOptions.DEFAULT);
        Ingest ingest = publish();
        MediaFiles.publishUntilKeyframe(ingest, MediaFiles.h264Aac(), 1);
        SnapshotResult.Unavailable r = (SnapshotResult.Unavailable) result(refusing.snapshot(KEY));
        assertThat(r.reason()).isEqualTo(Reason.UNSUPPORTED_CODEC);
        assertThat(r.reason().httpStatus()).isEqualTo(503);
        assertThat(r.detail()).contains("h264", "only VP6");
        refusing.close();

        Snapshots failing = snapshots(sample -> {
            throw new DecodeException("bad slice at offset 12");
        }, SnapshotOptions.DEFAULT);
        r = (SnapshotResult.Unavailable) result(failing.snapshot(KEY));
        assertThat(r.reason()).isEqualTo(Reason.DECODE_FAILED);
        assertThat(r.reason().httpStatus()).isEqualTo(500);
        assertThat(r.detail()).isEqualTo("bad slice at offset 12");
    }

    @Test
    void aChainTriesTheNextDecoderAfterARefusal() throws Exception {
        KeyframeDecoder chain = KeyframeDecoder.firstOf(List.of(
                sample -> {
                    throw new UnsupportedCodecException("jcodec: not H.264");
                },
                sample -> JPEG));
        Snapshots s = snapshots(chain, SnapshotOptions.DEFAULT);
        MediaFiles.publishUntilKeyframe(publish(), MediaFiles.h264Aac(), 1);
        assertThat(result(s.snapshot(KEY))).isInstanceOf(SnapshotResult.Image.class);
    }

    @Test
    void aHungDecoderIsCancelledAtTheTimeoutAndItsThreadIsFreed() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Snapshots s = snapshots(sample -> {
            try {
                new CountDownLatch(1).await(); // hangs until interrupted
            } finally {
                interrupted.countDown();
            }
            return JPEG;
        }, SnapshotOptions.DEFAULT.withTimeout(Duration.ofMillis(300)));
        MediaFiles.publishUntilKeyframe(publish(), MediaFiles.h264Aac(), 1);

        long start = System.nanoTime();
        SnapshotResult.Unavailable r = (SnapshotResult.Unavailable) result(s.snapshot(KEY));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(r.reason()).isEqualTo(Reason.TIMED_OUT);
        assertThat(r.reason().httpStatus()).isEqualTo(503);
        assertThat(tookMs).isBetween(250L, 3000L);
        assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("decoder interrupted").isTrue();
        assertThat(s.stats().timeouts()).isEqualTo(1);
        assertThat(s.stats().poolThreads()).isLessThanOrEqualTo(SnapshotOptions.DEFAULT_THREADS);
    }

    @Test
    void aDecoderIgnoringInterruptsCostsAtMostThePool() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch running = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        Snapshots s = snapshots(sample -> {
            calls.incrementAndGet();
            running.countDown();
            while (!stop.get()) {
                Thread.onSpinWait(); // deaf to interrupts
            }
            return JPEG;
        }, SnapshotOptions.DEFAULT.withTimeout(Duration.ofMillis(200)).withThreads(1).withMaxQueued(0)
                .withInterval(Duration.ZERO));
        MediaFiles.publishUntilKeyframe(publish(), MediaFiles.h264Aac(), 1);
        try {
            assertThat(((SnapshotResult.Unavailable) result(s.snapshot(KEY))).reason()).isEqualTo(Reason.TIMED_OUT);
            assertThat(running.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 20; i++) { // the one thread is still held: every later decode is refused at once
                assertThat(((SnapshotResult.Unavailable) result(s.snapshot(KEY))).reason()).isEqualTo(Reason.BUSY);
            }
            assertThat(calls).hasValue(1);
            assertThat(s.stats().poolThreads()).isEqualTo(1);
            assertThat(s.stats().rejected()).isEqualTo(20);
        } finally {
            stop.set(true);
        }
    }

    @Test
    void theEndOfThePublishForgetsTheKeyframe() throws Exception {
        Snapshots s = snapshots(sample -> JPEG, SnapshotOptions.DEFAULT);
        Ingest ingest = publish();
        MediaFiles.publishUntilKeyframe(ingest, MediaFiles.h264Aac(), 1);
        assertThat(result(s.snapshot(KEY))).isInstanceOf(SnapshotResult.Image.class);
        assertThat(s.tap().streams()).containsExactly(KEY);
        ingest.close();
        assertThat(((SnapshotResult.Unavailable) result(s.snapshot(KEY))).reason()).isEqualTo(Reason.NO_KEYFRAME);
        assertThat(s.tap().streams()).isEmpty();
        assertThat(relay.activeStreams()).isEmpty();
    }

    @Test
    void concurrentFirstRequestsAllFindTheKeyframe() throws Exception {
        Ingest ingest = publish();
        MediaFiles.publishUntilKeyframe(ingest, MediaFiles.h264Aac(), 2);
        for (int round = 0; round < 20; round++) {
            Snapshots s = snapshots(sample -> JPEG, SnapshotOptions.DEFAULT);
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<SnapshotResult>> results = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                CompletableFuture<SnapshotResult> r = new CompletableFuture<>();
                results.add(r);
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                        s.snapshot(KEY).whenComplete((v, e) -> r.complete(v));
                    } catch (InterruptedException e) {
                        r.completeExceptionally(e);
                    }
                });
                threads.add(t);
                t.start();
            }
            go.countDown();
            for (CompletableFuture<SnapshotResult> r : results) {
                assertThat(result(r)).as("round %d", round).isInstanceOf(SnapshotResult.Image.class);
            }
            for (Thread t : threads) {
                t.join(10_000);
            }
            s.close();
        }
    }

    @Test
    void aStreamAlreadyLiveIsTappedOnTheFirstRequestFromTheGopCache() throws Exception {
        Ingest ingest = publish();
        MediaFiles.publishUntilKeyframe(ingest, MediaFiles.h264Aac(), 2);
        Snapshots s = snapshots(sample -> {
            assertThat(sample.width()).isEqualTo(768);
            return JPEG;
        }, SnapshotOptions.DEFAULT);
        assertThat(result(s.snapshot(KEY))).isInstanceOf(SnapshotResult.Image.class);
    }
}
