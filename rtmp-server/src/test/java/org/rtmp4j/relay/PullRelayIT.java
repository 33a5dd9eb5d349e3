package org.rtmp4j.relay;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rtmp4j.relay.PullFixture.interFrame;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.live.Ingest;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveOptions;
import org.rtmp4j.live.RelayEvent;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.relay.PullFixture.ObservedOrigin;
import org.rtmp4j.relay.PullFixture.Player;
import org.rtmp4j.server.ClientInfo;
import org.rtmp4j.server.DrainResult;
import org.rtmp4j.server.LoopbackServer;
import org.rtmp4j.server.RtmpServer;

/**
 * Static pull relays over loopback with real rtmp4j origins (issue 15 §2): made through {@link Relays#create} as the
 * HTTP API does, they keep the stream live locally under its name; a lost connection is retried and players see no
 * unpublish and timestamps that never go back; an origin's Reconnect Request moves the pull without a gap or a
 * repeat.
 */
@Timeout(60)
class PullRelayIT {
    private static final StreamKey KEY = new StreamKey("live", "cam");
    private static final StreamKey LOCAL = new StreamKey("local", "copy");
    private static final LiveOptions NO_WAIT = LiveOptions.DEFAULT.withWaitForPublisher(false);

    private final LoopbackServer origin = new LoopbackServer();
    private final LoopbackServer secondOrigin = new LoopbackServer();
    private final Relays relays = new Relays();
    private final LiveBroadcastController local = new LiveBroadcastController();

    @AfterEach
    void tearDown() throws Exception {
        relays.close();
        origin.close();
        secondOrigin.close();
    }

    private static Ingest publishing(LiveBroadcastController hub) {
        return PullFixture.publishing(hub, KEY);
    }

    private Relay pull(String source, String destination) {
        relays.register(RelayKind.PULL, new PullRelayFactory(local));
        return relays.create(new RelayRequest(RelayKind.PULL, source, destination));
    }

    @Test
    void aStaticPullKeepsTheStreamLiveLocallyUnderItsName() throws Exception {
        LiveBroadcastController originHub = new LiveBroadcastController(NO_WAIT);
        origin.start(originHub);
        Ingest publisher = publishing(originHub);
        Player player = new Player();
        local.subscribe(LOCAL, player).orElseThrow(); // waits: the local server waits for publishers
        Relay relay = pull(origin.url("live/cam").toString(), "local/copy");

        player.keyFrames(1).get(10, SECONDS);
        publisher.media(interFrame(80));
        player.video(80).get(10, SECONDS);
        assertThat(player.videoTimestamps()).containsExactly(0L, 0L, 40L, 80L);
        assertThat(local.control().stream(LOCAL).orElseThrow().publisherProtocol()).isEqualTo(PullRelay.PROTOCOL);
        assertThat(relay.info()).satisfies(info -> {
            assertThat(info.id()).startsWith("pull-");
            assertThat(info.source()).isEqualTo(origin.url("live/cam").toString());
            assertThat(info.destination()).isEqualTo("local/copy");
            assertThat(info.state()).isEqualTo(RelayState.LIVE);
        });

        relays.remove(relay.id()).orElseThrow().get(5, SECONDS);
        assertThat(relay.info().state()).isEqualTo(RelayState.STOPPED);
        assertThat(local.isLive(LOCAL)).isFalse();
    }

    @Test
    void malformedRequestsAreRefusedWithTheReason() {
        relays.register(RelayKind.PULL, new PullRelayFactory(local));
        assertThatThrownBy(() -> relays.create(new RelayRequest(RelayKind.PULL, "http://x/live/cam", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rtmp://");
        assertThatThrownBy(() -> relays.create(new RelayRequest(RelayKind.PULL, "rtmp://x/live", "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stream key");
        assertThatThrownBy(() -> relays.create(new RelayRequest(RelayKind.PULL, "rtmp://x/live/cam", "nokey")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(relays.list()).isEmpty();
    }

    @Test
    void aLostConnectionIsRetriedWithoutUnpublishAndWithTimestampsThatNeverGoBack() throws Exception {
        LiveBroadcastController originHub = new LiveBroadcastController(NO_WAIT);
        ObservedOrigin observed = new ObservedOrigin(originHub);
        RtmpServer server = origin.start(observed);
        Ingest publisher = publishing(originHub);
        Player player = new Player();
        local.subscribe(LOCAL, player).orElseThrow();
        Relay relay = pull(origin.url("live/cam").toString(), "local/copy");
        player.video(40).get(10, SECONDS);

        CompletableFuture<String> replayed = observed.nextPlay();
        ClientInfo pullConnection = server.clients().list().get(0);
        assertThat(server.clients().close(pullConnection.id())).isTrue();
        assertThat(replayed.get(10, SECONDS)).as("the relay played again").isEqualTo("cam");
        player.keyFrames(2).get(10, SECONDS); // the origin's GOP again, rebased
        publisher.media(interFrame(80));
        player.videos(7).get(10, SECONDS); // 0 0 40 | header, key, 40, 80 again

        List<Long> ts = player.videoTimestamps();
        assertThat(ts).as("video timestamps %s never go back", ts).isSorted();
        assertThat(ts.get(4)).as("the replayed key frame comes 1 ms after the last timestamp").isEqualTo(41L);
        assertThat(player.count(RelayEvent.Unpublished.class)).as("players saw no unpublish").isZero();
        assertThat(relay.info().retries()).isEqualTo(1);
        assertThat(relay.info().state()).isEqualTo(RelayState.LIVE);
        assertThat(relay.info().lastError()).contains("lost");
    }

    @Test
    void withoutAnOriginForTheHoldTimePlayersHearTheUnpublishWhileTheRelayRetries() throws Exception {
        LiveBroadcastController originHub = new LiveBroadcastController(NO_WAIT);
        origin.start(originHub);
        publishing(originHub);
        Player player = new Player();
        local.subscribe(LOCAL, player).orElseThrow();
        PullRelay relay = relays.add(PullRelay.start(relays, local, List.of(origin.url("live/cam")), LOCAL,
                Backoff.DEFAULT, Duration.ofMillis(300)));
        player.video(40).get(10, SECONDS);

        long lost = System.nanoTime(); // before the close: the relay can see the loss before close() returns
        origin.close(); // the origin is gone for good
        player.until(events -> events.stream().anyMatch(RelayEvent.Unpublished.class::isInstance)).get(10, SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - lost)).as("held for the hold time first")
                .isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(local.isLive(LOCAL)).isFalse();
        assertThat(relay.info().state()).isIn(RelayState.RETRYING, RelayState.CONNECTING);
        assertThat(relay.info().lastError()).isNotNull();
    }

    @Test
    void anOriginsReconnectRequestMovesThePullWithoutGapOrRepeat() throws Exception {
        LiveBroadcastController firstHub = new LiveBroadcastController(NO_WAIT);
        ObservedOrigin first = new ObservedOrigin(firstHub);
        RtmpServer firstServer = origin.start(first);
        LiveBroadcastController secondHub = new LiveBroadcastController(NO_WAIT);
        ObservedOrigin second = new ObservedOrigin(secondHub);
        secondOrigin.start(second);
        Ingest a = publishing(firstHub); // the same stream on both (as a publisher moved by the same drain)
        Ingest b = publishing(secondHub);
        Player player = new Player();
        local.subscribe(LOCAL, player).orElseThrow();
        Relay relay = pull(origin.url("live/cam").toString(), "local/copy");
        player.video(40).get(10, SECONDS);

        CompletableFuture<String> moved = second.nextPlay();
        CompletableFuture<Void> oldClosed = first.nextClose();
        var drain = firstServer.drain(secondOrigin.url("live").toString(), Duration.ofSeconds(10));
        assertThat(moved.get(10, SECONDS)).isEqualTo("cam");
        AtomicInteger ts = new AtomicInteger(40);
        var frames = relays.timer().scheduleWithFixedDelay(() -> {
            int t = ts.addAndGet(40);
            a.media(interFrame(t));
            b.media(interFrame(t));
        }, 0, 40, TimeUnit.MILLISECONDS);
        try {
            oldClosed.get(10, SECONDS);
            DrainResult drained = drain.get(10, SECONDS);
            assertThat(drained.allLeft()).as("the pull left the draining origin by itself: %s, %s", drained, relay.info())
                    .isTrue();
        } finally {
            frames.cancel(false);
        }
        int last = ts.get();
        player.video(last).get(10, SECONDS);

        List<Long> seen = player.videoTimestamps();
        assertThat(seen.subList(2, seen.size())).as("every frame once, in order: %s", seen).doesNotHaveDuplicates()
                .isSorted(); // after the sequence header and the key frame, both at 0
        for (long t = 40; t <= last; t += 40) {
            assertThat(seen).as("no gap at %d", t).contains(t);
        }
        assertThat(player.count(RelayEvent.Unpublished.class)).isZero();
        assertThat(secondHub.control().stream(KEY).orElseThrow().playerCount()).isEqualTo(1);
    }
}
