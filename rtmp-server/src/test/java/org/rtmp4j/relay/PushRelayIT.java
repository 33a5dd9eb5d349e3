package org.rtmp4j.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rtmp4j.testkit.Eventually.eventually;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.rtmp4j.tls.TlsTrust;
import org.rtmp4j.tls.TlsContext;
import org.rtmp4j.testkit.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.core.session.RtmpSession;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.live.InlineSink;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveMedia;
import org.rtmp4j.live.MediaKind;
import org.rtmp4j.live.RelayEvent;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.server.RtmpServer;

/**
 * Push relays between two in-process servers over loopback (issue 15 §1): every frame arrives, the relay
 * leaves with its stream, reconnects at a keyframe with sequence headers when the destination drops it,
 * and a destination that stops reading costs at most the watermark while the other destination and the
 * source's outputs keep every frame.
 */
@Timeout(90)
class PushRelayIT {
    private static final Path AVATAR = Path.of(System.getProperty("rtmp4j.media.dir", "../media"), "h264-aac-avatar.flv");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final LiveBroadcastController source = new LiveBroadcastController();
    private final List<AutoCloseable> closing = new ArrayList<>();
    private final Relays relays = new Relays();
    private RtmpServer sourceServer;

    @AfterEach
    void close() throws Exception {
        relays.close();
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        if (sourceServer != null) {
            sourceServer.close();
        }
    }

    private RtmpServer server(org.rtmp4j.core.session.RtmpController controller) throws Exception {
        RtmpServer s = RtmpServer.builder().bind(new java.net.InetSocketAddress("127.0.0.1", 0)).controller(controller)
                .build().start();
        closing.add(s::close);
        return s;
    }

    private static PushOptions fast() {
        return PushOptions.DEFAULT.withBackoff(new Backoff(Duration.ofMillis(50), Duration.ofMillis(400), 0.2, 0))
                .withClient(ClientOptions.defaults().withTimeout(Duration.ofSeconds(5)).withFollowReconnect(false));
    }

    private Publisher publisher(String name) throws Exception {
        RtmpClient c = RtmpClient.connect(URI.create("rtmp://127.0.0.1:" + sourceServer.port() + "/live"),
                ClientOptions.defaults().withTimeout(Duration.ofSeconds(5)));
        closing.add(c::close);
        return c.publish(name);
    }

    private static List<FlvTag> avatar() throws Exception {
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(AVATAR)) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                if (t.get().type() != FlvTagType.SCRIPT) {
                    tags.add(t.get());
                }
            }
        }
        return tags;
    }

    /** Coded video frames of tags (no sequence headers). */
    private static List<ByteBuffer> frames(List<FlvTag> tags) {
        return tags.stream().filter(t -> t.type() == FlvTagType.VIDEO && t.body().remaining() > 1 && t.body().get(1) == 1)
                .map(FlvTag::body).toList();
    }

    @Test
    void pushesEveryFrameToASecondServerAndLeavesTheRegistryWithItsStream() throws Exception {
        sourceServer = server(source);
        LiveBroadcastController dest = new LiveBroadcastController();
        RtmpServer destServer = server(dest);
        PushRelays.install(relays, source, List.of(PushRule.parse("live/*=rtmp://127.0.0.1:" + destServer.port()
                + "/in/{key}_copy")), fast());
        Collector received = new Collector();
        dest.subscribe(new StreamKey("in", "cam_copy"), received);

        List<FlvTag> tags = avatar();
        int firstKey = firstKeyFrame(tags);
        try (Publisher pub = publisher("cam")) {
            for (int i = 0; i <= firstKey; i++) {
                pub.send(tags.get(i));
            }
            received.await(e -> e instanceof LiveMedia m && m.kind().isVideo() && !m.kind().isSequenceHeader(), 0);
            assertThat(relays.list()).singleElement().satisfies(info -> {
                assertThat(info.kind()).isEqualTo(RelayKind.PUSH);
                assertThat(info.source()).isEqualTo("live/cam");
                assertThat(info.destination()).isEqualTo("rtmp://127.0.0.1:" + destServer.port() + "/in/cam_copy");
                assertThat(info.state()).isEqualTo(RelayState.LIVE);
            });
            for (int i = firstKey + 1; i < tags.size(); i++) {
                pub.send(tags.get(i));
            }
        }
        received.await(e -> e instanceof RelayEvent.Unpublished, 0);
        assertThat(received.videoFrames(0)).containsExactlyElementsOf(frames(tags));
        eventually(WAIT, "the relay leaves the registry when its stream ends", () -> relays.size() == 0);
    }

    @Test
    void pushesOverRtmpsToATlsDestinationTrustingItsCertificate() throws Exception {
        sourceServer = server(source);
        TestCertificates certs = TestCertificates.generate(java.nio.file.Path.of("target", "push-relay-it"), "EC");
        LiveBroadcastController dest = new LiveBroadcastController();
        RtmpServer destServer = RtmpServer.builder().bind(new java.net.InetSocketAddress("127.0.0.1", 0))
                .rtmps(0, TlsContext.fromPem(certs.chainPem(), certs.keyPem())).controller(dest).build().start();
        closing.add(destServer::close);
        PushOptions trusting = fast().withClient(fast().client().withTlsTrust(TlsTrust.certificates(List.of(certs.certificate()))));
        PushRelays.install(relays, source, List.of(PushRule.parse("live/*=rtmps://localhost:" + destServer.rtmpsPort()
                + "/in/{key}")), trusting);
        Collector received = new Collector();
        dest.subscribe(new StreamKey("in", "cam"), received);

        List<FlvTag> tags = avatar();
        try (Publisher pub = publisher("cam")) {
            int firstKey = firstKeyFrame(tags);
            for (int i = 0; i <= firstKey; i++) {
                pub.send(tags.get(i));
            }
            received.await(e -> e instanceof LiveMedia m && m.kind().isVideo() && !m.kind().isSequenceHeader(), 0);
            assertThat(relays.list()).singleElement().satisfies(info -> {
                assertThat(info.destination()).isEqualTo("rtmps://localhost:" + destServer.rtmpsPort() + "/in/cam");
                assertThat(info.state()).isEqualTo(RelayState.LIVE);
            });
            for (int i = firstKey + 1; i < tags.size(); i++) {
                pub.send(tags.get(i));
            }
        }
        received.await(e -> e instanceof RelayEvent.Unpublished, 0);
        assertThat(received.videoFrames(0)).as("every frame, over TLS").containsExactlyElementsOf(frames(tags));
    }

    @Test
    void reconnectsAfterTheDestinationDropsItAndResumesAtAKeyFrameWhilePlayersMissNothing() throws Exception {
        sourceServer = server(source);
        LiveBroadcastController dest = new LiveBroadcastController();
        RtmpServer destServer = server(dest);
        PushRelays.install(relays, source, List.of(PushRule.parse("rtmp://127.0.0.1:" + destServer.port() + "/in")),
                fast());
        Collector received = new Collector();
        dest.subscribe(new StreamKey("in", "cam"), received);
        Collector player = new Collector();
        source.subscribe(new StreamKey("live", "cam"), player);

        List<FlvTag> tags = avatar();
        int half = tags.size() / 2;
        try (Publisher pub = publisher("cam")) {
            for (int i = 0; i < half; i++) {
                pub.send(tags.get(i));
            }
            received.await(e -> e instanceof LiveMedia m && m.kind() == MediaKind.VIDEO_KEY_FRAME, 0);
            int dropAt = received.size();
            assertThat(dest.control().closePublisher(new StreamKey("in", "cam"))).isTrue();
            int republished = received.await(e -> e instanceof RelayEvent.Published, dropAt);
            int resumed = received.await(e -> e instanceof LiveMedia m && m.kind().isVideo()
                    && !m.kind().isSequenceHeader(), republished);
            assertThat(received.kind(resumed)).as("the first frame after the reconnect").isEqualTo(MediaKind.VIDEO_KEY_FRAME);
            assertThat(received.between(republished, resumed)).as("sent before it")
                    .anyMatch(e -> e instanceof LiveMedia m && m.kind() == MediaKind.VIDEO_SEQUENCE_HEADER)
                    .anyMatch(e -> e instanceof LiveMedia m && m.kind() == MediaKind.AUDIO_SEQUENCE_HEADER);
            RelayInfo info = relays.list().get(0);
            assertThat(info.retries()).isGreaterThanOrEqualTo(1);
            assertThat(info.lastError()).isNotNull();
            for (int i = half; i < tags.size(); i++) {
                pub.send(tags.get(i));
            }
        }
        player.await(e -> e instanceof RelayEvent.Unpublished, 0);
        assertThat(player.videoFrames(0)).as("a player of the source").containsExactlyElementsOf(frames(tags));
    }

    @Test
    void aDestinationThatStopsReadingCostsAtMostTheWatermarkAndTheOthersKeepEveryFrame() throws Exception {
        sourceServer = server(source);
        CountDownLatch release = new CountDownLatch(1);
        StallingController stalled = new StallingController(release);
        RtmpServer stalledServer = server(stalled);
        closing.add(release::countDown); // closed before the server: its loop is free again
        LiveBroadcastController healthy = new LiveBroadcastController();
        RtmpServer healthyServer = server(healthy);
        OutboundLimits limits = new OutboundLimits(64 * 1024, 256 * 1024, 1024 * 1024,
                OutboundLimits.DropPolicy.DROP_TO_NEXT_KEYFRAME);
        PushRelays.install(relays, source, List.of(
                PushRule.parse("rtmp://127.0.0.1:" + stalledServer.port() + "/in"),
                PushRule.parse("rtmp://127.0.0.1:" + healthyServer.port() + "/in")),
                fast().withLimits(limits).withStallTimeout(Duration.ofMillis(800)));
        Collector received = new Collector();
        healthy.subscribe(new StreamKey("in", "big"), received);
        Collector player = new Collector();
        source.subscribe(new StreamKey("live", "big"), player);

        int frameSize = 48 * 1024;
        int count = 600; // 28 MiB: far more than loopback's socket buffers hold
        long maxQueued = 0;
        try (Publisher pub = publisher("big")) {
            pub.send(new VideoMessage(0, 1, ByteBuffer.wrap(new byte[] {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1f})));
            for (int i = 0; i < count; i++) {
                pub.send(frame(i, frameSize));
                received.awaitVideoFrames(i + 1); // the healthy path sets the pace
                for (Relay r : relayList()) {
                    maxQueued = Math.max(maxQueued, ((PushRelay) r).queuedBytes());
                }
            }
            PushRelay stalledRelay = (PushRelay) relayList().get(0);
            eventually(WAIT, "the stalled destination's relay reconnects", () -> stalledRelay.info().retries() >= 1);
            assertThat(stalledRelay.info().lastError()).contains("stopped reading");
        }
        received.await(e -> e instanceof RelayEvent.Unpublished, 0);
        player.await(e -> e instanceof RelayEvent.Unpublished, 0);
        assertThat(maxQueued).as("bytes queued towards a destination at most the high watermark and a frame and headers")
                .isLessThanOrEqualTo(limits.highWatermark() + frameSize + 4096);
        assertThat(received.videoFrames(0)).as("the healthy destination").hasSize(count);
        assertThat(player.videoFrames(0)).as("a player of the source").hasSize(count);
        assertThat(stalled.media).as("the stalled destination took some media, then stopped reading").isPositive();
    }

    @Test
    void aRelayAddedAtRunTimeWaitsForItsStreamFollowsItAcrossPublishesAndStopsWhenRemoved() throws Exception {
        sourceServer = server(source);
        LiveBroadcastController dest = new LiveBroadcastController();
        RtmpServer destServer = server(dest);
        PushRelays.install(relays, source, List.of(), fast());
        String url = "rtmp://127.0.0.1:" + destServer.port() + "/in/copy";
        assertThatThrownBy(() -> relays.create(new RelayRequest(RelayKind.PUSH, "cam", url)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("APP/KEY");
        assertThatThrownBy(() -> relays.create(new RelayRequest(RelayKind.PUSH, "live/cam", "rtmp://h/app")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stream name");
        Relay relay = relays.create(new RelayRequest(RelayKind.PUSH, "live/cam", url));
        eventually(WAIT, "the relay notes that it waits", () -> relay.info().lastError() != null);
        assertThat(relay.info().state()).isEqualTo(RelayState.CONNECTING);
        assertThat(relay.info().lastError()).contains("waiting for live/cam");

        Collector received = new Collector();
        dest.subscribe(new StreamKey("in", "copy"), received);
        List<FlvTag> tags = avatar();
        int firstKey = firstKeyFrame(tags);
        int cursor = 0;
        for (int round = 0; round < 2; round++) {
            try (Publisher pub = publisher("cam")) {
                for (int i = 0; i <= firstKey; i++) {
                    pub.send(tags.get(i));
                }
                cursor = received.await(e -> e instanceof LiveMedia m && m.kind() == MediaKind.VIDEO_KEY_FRAME, cursor);
                assertThat(relay.info().state()).isEqualTo(RelayState.LIVE);
            }
            cursor = received.await(e -> e instanceof RelayEvent.Unpublished, cursor);
        }
        assertThat(relays.get(relay.id())).as("still listed between publishes").isPresent();
        relays.remove(relay.id()).orElseThrow().get(5, TimeUnit.SECONDS);
        assertThat(relay.info().state()).isEqualTo(RelayState.STOPPED);
        assertThat(relay.logTail()).anyMatch(l -> l.contains("publishing live/cam"));
    }

    private List<Relay> relayList() {
        List<Relay> out = new ArrayList<>();
        for (RelayInfo info : relays.list()) {
            relays.get(info.id()).ifPresent(out::add);
        }
        return out;
    }

    private static MediaMessage frame(int i, int size) {
        byte[] b = new byte[size];
        b[0] = (byte) (i % 25 == 0 ? 0x17 : 0x27);
        b[1] = 1;
        b[5] = (byte) i;
        b[6] = (byte) (i >> 8);
        return new VideoMessage(i * 40, 1, ByteBuffer.wrap(b));
    }

    private static int firstKeyFrame(List<FlvTag> tags) {
        for (int i = 0; i < tags.size(); i++) {
            ByteBuffer b = tags.get(i).body();
            if (tags.get(i).type() == FlvTagType.VIDEO && b.remaining() > 1 && (b.get(0) & 0xF0) == 0x10 && b.get(1) == 1) {
                return i;
            }
        }
        throw new AssertionError("no keyframe");
    }

    /** A destination whose event loop stops after a few media messages (until released): it stops reading. */
    private static final class StallingController extends LiveBroadcastController {
        private final CountDownLatch release;
        volatile int media;

        StallingController(CountDownLatch release) {
            this.release = release;
        }

        @Override
        public void onMedia(RtmpSession session, NetStream stream, MediaMessage message) {
            if (++media == 20) {
                try {
                    release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            super.onMedia(session, stream, message);
        }
    }

    /** An output that keeps every event and lets the test wait for one. */
    private static final class Collector implements InlineSink {
        private final List<RelayEvent> events = new ArrayList<>();

        @Override
        public synchronized void onEvent(RelayEvent event) {
            events.add(event);
            notifyAll();
        }

        @Override
        public void onOverflow(long queuedBytes, long maxQueued) {
            throw new AssertionError("an inline output never overflows");
        }

        synchronized int size() {
            return events.size();
        }

        synchronized MediaKind kind(int index) {
            return ((LiveMedia) events.get(index)).kind();
        }

        synchronized List<RelayEvent> between(int from, int to) {
            return new ArrayList<>(events.subList(from, to));
        }

        /** @return the index of the first event from {@code from} on that matches, waiting at most {@link #WAIT} */
        synchronized int await(Predicate<RelayEvent> match, int from) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            for (int i = from;; ) {
                for (; i < events.size(); i++) {
                    if (match.test(events.get(i))) {
                        return i;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no matching event within " + WAIT + " after " + from + ": " + events.size()
                            + " events");
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized void awaitVideoFrames(int count) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (videoFrames(0).size() < count) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("fewer than " + count + " video frames within " + WAIT);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized List<ByteBuffer> videoFrames(int from) {
            List<ByteBuffer> out = new ArrayList<>();
            for (RelayEvent e : events.subList(from, events.size())) {
                if (e instanceof LiveMedia m && m.kind().isVideo() && !m.kind().isSequenceHeader()
                        && m.size() > 1 && m.message().payload().get(1) == 1) { // coded frames: no sequence end
                    out.add(m.message().payload());
                }
            }
            return out;
        }
    }
}
