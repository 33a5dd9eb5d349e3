package org.rtmp4j.relay;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.relay.PullFixture.interFrame;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
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
import org.rtmp4j.server.LoopbackServer;
import org.rtmp4j.server.RtmpServer;

/**
 * A pull relay's reconnect when the open of the new connection completes late, after the client loop delivered the
 * connection's first messages or its close (on a busy machine the open's last step can complete on a blocking-pool
 * thread, after the loop went on): CI saw the replayed sequence header dropped and the relay's players short of a
 * frame. The late completion is made deterministic with {@link PullRelay#delayOpens}.
 */
@Timeout(60)
class PullRelayLateOpenIT {
    private static final StreamKey KEY = new StreamKey("live", "cam");
    private static final StreamKey LOCAL = new StreamKey("local", "copy");

    private final LoopbackServer origin = new LoopbackServer();
    private final Relays relays = new Relays();
    private final LiveBroadcastController local = new LiveBroadcastController();

    @AfterEach
    void tearDown() throws Exception {
        relays.close();
        origin.close();
    }

    private static Ingest publishing(LiveBroadcastController hub) {
        return PullFixture.publishing(hub, KEY);
    }

    private PullRelay pull() {
        return relays.add(PullRelay.start(relays, local, List.of(origin.url("live/cam")), LOCAL, Backoff.DEFAULT,
                Duration.ofSeconds(PullRelay.DEFAULT_HOLD_SECONDS)));
    }

    @Test
    void mediaThatComesBeforeTheOpenCompletesIsPublishedNotDropped() throws Exception {
        LiveBroadcastController originHub = new LiveBroadcastController(LiveOptions.DEFAULT.withWaitForPublisher(false));
        ObservedOrigin observed = new ObservedOrigin(originHub);
        RtmpServer server = origin.start(observed);
        Ingest publisher = publishing(originHub);
        Player player = new Player();
        local.subscribe(LOCAL, player).orElseThrow();
        PullRelay relay = pull();
        player.video(40).get(10, SECONDS);

        CompletableFuture<Void> gate = new CompletableFuture<>();
        relay.delayOpens(opened -> opened.thenCombine(gate, (c, open) -> c));
        CompletableFuture<String> replayed = observed.nextPlay();
        assertThat(server.clients().close(server.clients().list().get(0).id())).isTrue();
        assertThat(replayed.get(10, SECONDS)).isEqualTo("cam");
        player.videos(6).get(10, SECONDS); // the GOP replayed while the open is not complete: header, key, 40
        gate.complete(null);
        publisher.media(interFrame(80));
        player.videos(7).get(10, SECONDS);

        assertThat(player.videoTimestamps()).containsExactly(0L, 0L, 40L, 40L, 41L, 81L, 121L);
        assertThat(player.count(RelayEvent.Unpublished.class)).isZero();
        assertThat(relay.info().state()).isEqualTo(RelayState.LIVE);
        assertThat(relay.info().retries()).isEqualTo(1);
    }

    @Test
    void aConnectionThatClosesBeforeItsOpenCompletesIsRetried() throws Exception {
        LiveBroadcastController originHub = new LiveBroadcastController(); // a play waits for the publisher
        ObservedOrigin observed = new ObservedOrigin(originHub);
        RtmpServer server = origin.start(observed);
        Ingest publisher = publishing(originHub);
        Player player = new Player();
        local.subscribe(LOCAL, player).orElseThrow();
        PullRelay relay = pull();
        player.video(40).get(10, SECONDS);
        publisher.close(); // the replay below starts (NetStream.Play.Start) but delivers no media

        CompletableFuture<Void> gate = new CompletableFuture<>();
        CompletableFuture<PullConnection> held = new CompletableFuture<>();
        relay.delayOpens(opened -> opened.thenCompose(c -> {
            held.complete(c);
            return gate.thenApply(open -> c);
        }));
        CompletableFuture<String> replayed = observed.nextPlay();
        long first = server.clients().list().get(0).id();
        assertThat(server.clients().close(first)).isTrue();
        assertThat(replayed.get(10, SECONDS)).isEqualTo("cam");
        PullConnection late = held.get(10, SECONDS);
        CompletableFuture<String> again = observed.nextPlay();
        long second = server.clients().list().stream().mapToLong(ClientInfo::id).filter(id -> id != first)
                .findFirst().orElseThrow();
        assertThat(server.clients().close(second)).isTrue();
        long deadline = System.nanoTime() + SECONDS.toNanos(10);
        while (!late.isClosed() && System.nanoTime() < deadline) { // bounded poll: the client loop sees the close
            LockSupport.parkNanos(1_000_000);
        }
        assertThat(late.isClosed()).as("the client saw the close").isTrue();
        gate.complete(null);

        assertThat(again.get(10, SECONDS)).as("the relay played again").isEqualTo("cam");
        assertThat(relay.info().retries()).isGreaterThanOrEqualTo(2);
    }
}
