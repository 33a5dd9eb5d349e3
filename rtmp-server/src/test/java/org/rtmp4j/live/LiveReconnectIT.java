package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.internal.MediaClassifier;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.core.session.ForwardingRtmpController;
import org.rtmp4j.core.session.PublishRequest;
import org.rtmp4j.core.session.RtmpSession;
import org.rtmp4j.server.DrainResult;
import org.rtmp4j.server.RtmpServer;

/**
 * E-RTMP v2 Reconnect Request over loopback: the publisher's switch on one server with a player
 * attached, {@link RtmpServer#drain} moving a publisher and a player to a second server, and the
 * drain's timeout for clients that cannot follow.
 */
@Timeout(60)
class LiveReconnectIT {
    /** Video frames are 40 ms apart, a keyframe every {@value} frames. */
    private static final int GOP = 10;
    private static final int FRAME_MS = 40;

    private final List<RtmpServer> servers = new ArrayList<>();
    private final List<AutoCloseable> clients = new ArrayList<>();
    private final BlockingQueue<RtmpSession> publishSessions = new LinkedBlockingQueue<>();
    private final BlockingQueue<RtmpSession> closedSessions = new LinkedBlockingQueue<>();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : clients) {
            c.close();
        }
        for (RtmpServer s : servers) {
            s.close();
        }
    }

    private RtmpServer server() throws IOException {
        LiveBroadcastController relay = new LiveBroadcastController(); // PublisherPolicy.REFUSE
        RtmpServer s = RtmpServer.builder().port(0).eventLoops(2).controller(new ForwardingRtmpController(relay) {
            @Override
            public void onPublish(RtmpSession session, PublishRequest request) {
                publishSessions.add(session);
                super.onPublish(session, request);
            }

            @Override
            public void onClose(RtmpSession session, Throwable causeOrNull) {
                closedSessions.add(session);
                super.onClose(session, causeOrNull);
            }
        }).build().start();
        servers.add(s);
        return s;
    }

    private static String tcUrl(RtmpServer s) {
        return "rtmp://127.0.0.1:" + s.port() + "/live";
    }

    private RtmpClient connect(RtmpServer s, ClientOptions options) throws IOException {
        RtmpClient c = RtmpClient.connect(URI.create(tcUrl(s)), options);
        clients.add(c);
        return c;
    }

    private static ClientOptions options() {
        return ClientOptions.defaults().withTimeout(Duration.ofSeconds(5));
    }

    /** Video frame {@code i}: AVC NALU, keyframe every GOP frames, the frame number in bytes 5..8. */
    private static VideoMessage video(int i) {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put(0, (byte) (i % GOP == 0 ? 0x17 : 0x27)).put(1, (byte) 1).putInt(5, i);
        return new VideoMessage(i * FRAME_MS, 1, b.asReadOnlyBuffer());
    }

    /** AAC raw frame {@code i}, 20 ms after video frame {@code i}, the frame number in bytes 2..5. */
    private static AudioMessage audio(int i) {
        ByteBuffer b = ByteBuffer.allocate(32);
        b.put(0, (byte) 0xAF).put(1, (byte) 1).putInt(2, i);
        return new AudioMessage(i * FRAME_MS + FRAME_MS / 2, 1, b.asReadOnlyBuffer());
    }

    /**
     * Publishes {@code frames} video and audio frames paced at real time (the source's clock, not
     * synchronisation), calling {@code atFrame} before frame {@code actionAt}.
     */
    private static void stream(Publisher p, int frames, int actionAt, Runnable action) throws InterruptedException {
        p.send(Flv.avcSequenceHeader(0));
        p.send(Flv.aacSequenceHeader(0));
        for (int i = 0; i < frames; i++) {
            if (i == actionAt) {
                action.run();
            }
            p.send(video(i));
            p.send(audio(i));
            TimeUnit.MILLISECONDS.sleep(FRAME_MS);
        }
    }

    /** What a player receives, with arrival times. */
    static final class Player implements ClientListener {
        record Arrival(MediaMessage media, long nanos) {}

        final BlockingQueue<Arrival> media = new LinkedBlockingQueue<>();
        final BlockingQueue<String> statuses = new LinkedBlockingQueue<>();

        @Override
        public void onMedia(int streamId, MediaMessage m) {
            media.add(new Arrival(m, System.nanoTime()));
        }

        @Override
        public void onStatus(int streamId, Status status) {
            statuses.add(status.code());
        }

        /** Takes arrivals until the video frame numbered {@code last}. */
        List<Arrival> until(int last) throws InterruptedException {
            List<Arrival> out = new ArrayList<>();
            while (true) {
                Arrival a = media.poll(10, TimeUnit.SECONDS);
                assertThat(a).as("video frame %d", last).isNotNull();
                out.add(a);
                if (a.media() instanceof VideoMessage && !MediaClassifier.isSequenceHeader(a.media())
                        && number(a.media()) == last) {
                    return out;
                }
            }
        }
    }

    private static int number(MediaMessage m) {
        return m.payload().getInt(m.payload().position() + (m instanceof VideoMessage ? 5 : 2));
    }

    private static List<Integer> numbers(List<Player.Arrival> arrivals, Class<?> type) {
        List<Integer> out = new ArrayList<>();
        for (Player.Arrival a : arrivals) {
            if (type.isInstance(a.media()) && !MediaClassifier.isSequenceHeader(a.media())) {
                out.add(number(a.media()));
            }
        }
        return out;
    }

    private static List<Integer> range(int from, int to) {
        List<Integer> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add(i);
        }
        return out;
    }

    /** @return index of the second video sequence header: where the new publisher's media starts */
    private static int switchIndex(List<Player.Arrival> arrivals) {
        int seen = 0;
        for (int i = 0; i < arrivals.size(); i++) {
            MediaMessage m = arrivals.get(i).media();
            if (m instanceof VideoMessage && MediaClassifier.isSequenceHeader(m) && ++seen == 2) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void thePublisherSwitchesAtTheNextKeyframeAndThePlayerGetsEveryFrameOnce() throws Exception {
        RtmpServer server = server();
        RtmpClient pubClient = connect(server, options());
        Player player = new Player();
        connect(server, options()).play("cam", player);
        Publisher publisher = pubClient.publish("cam");
        RtmpSession publishSession = publishSessions.poll(5, TimeUnit.SECONDS);
        int frames = 3 * GOP + 5;

        stream(publisher, frames, GOP + 3, () -> assertThat(publishSession.requestReconnect(null, "test")).isTrue());
        List<Player.Arrival> got = player.until(frames - 1);

        assertThat(publisher.switches()).isEqualTo(1);
        assertThat(pubClient.reconnects()).isEqualTo(1);
        assertThat(numbers(got, VideoMessage.class)).isEqualTo(range(0, frames));
        assertThat(numbers(got, AudioMessage.class)).isEqualTo(range(0, frames - 1));
        int at = switchIndex(got);
        assertThat(at).isPositive();
        MediaMessage firstNew = got.get(at + 2).media(); // after the video and audio sequence headers
        assertThat(firstNew).isInstanceOf(VideoMessage.class);
        assertThat(MediaClassifier.isKeyframe(firstNew)).isTrue();
        assertThat(number(firstNew) % GOP).isZero();
        assertThat(number(firstNew)).isGreaterThan(GOP + 3);
        assertThat(player.statuses).doesNotContain("NetStream.Play.UnpublishNotify") // the initial publish only:
                .containsOnlyOnce("NetStream.Play.PublishNotify");
        assertThat(closedSessions.poll(5, TimeUnit.SECONDS)).isSameAs(publishSession);
        long gapNanos = got.get(at).nanos() - got.get(at - 1).nanos();
        System.out.printf("reconnect switch gap: publisher %.2f ms (last write on the old connection to the"
                + " keyframe on the new), player %.2f ms between arrivals (frames are %d ms apart)%n",
                publisher.lastSwitchGapMillis(), gapNanos / 1e6, FRAME_MS);
    }

    @Test
    void drainMovesPublisherAndPlayerToAnotherServerAndCompletesWhenTheyHaveLeft() throws Exception {
        RtmpServer old = server();
        RtmpServer next = server();
        RtmpClient pubClient = connect(old, options());
        RtmpClient playClient = connect(old, options());
        Player player = new Player();
        playClient.play("cam", player);
        Publisher publisher = pubClient.publish("cam");
        int frames = 3 * GOP + 5;
        List<java.util.concurrent.CompletableFuture<DrainResult>> drain = new ArrayList<>();

        stream(publisher, frames, GOP + 3, () -> drain.add(old.drain(tcUrl(next), Duration.ofSeconds(20))));
        List<Player.Arrival> got = player.until(frames - 1);

        DrainResult result = drain.get(0).get(10, TimeUnit.SECONDS);
        assertThat(result.requested()).isEqualTo(2);
        assertThat(result.notCapable()).isZero();
        assertThat(result.allLeft()).isTrue();
        assertThat(old.metrics().activeConnections()).isZero();
        assertThat(next.metrics().activeConnections()).isEqualTo(2);
        assertThat(pubClient.tcUrl()).isEqualTo(tcUrl(next));
        assertThat(playClient.tcUrl()).isEqualTo(tcUrl(next));
        assertThat(numbers(got, VideoMessage.class)).isEqualTo(range(0, frames));
        assertThat(pubClient.isOpen()).isTrue();
        assertThatThrownBy(() -> RtmpClient.connect(URI.create(tcUrl(old)), options()))
                .isInstanceOf(IOException.class);
    }

    @Test
    void clientsThatCannotFollowAreServedUntilTheTimeoutThenClosed() throws Exception {
        RtmpServer server = server();
        RtmpClient legacy = connect(server, options().withFollowReconnect(false));
        RtmpClient stuck = connect(server, options()); // asked to go to a port nobody listens on
        RtmpServer gone = server();
        String nowhere = tcUrl(gone);
        gone.close();

        DrainResult result = server.drain(nowhere, Duration.ofMillis(500)).get(10, TimeUnit.SECONDS);

        assertThat(result.requested()).isEqualTo(1);
        assertThat(result.notCapable()).isEqualTo(1);
        assertThat(result.closedAtTimeout()).isEqualTo(2);
        assertThat(result.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(500));
        // closed by the server: cleanly, or with a reset if it had unread input (an acknowledgement)
        assertThat(legacy.closeFuture().handle((v, t) -> "closed")).succeedsWithin(Duration.ofSeconds(5));
        assertThat(stuck.closeFuture().handle((v, t) -> "closed")).succeedsWithin(Duration.ofSeconds(5));
        assertThat(stuck.reconnects()).isZero();
        assertThat(server.isDraining()).isTrue();
    }
}
