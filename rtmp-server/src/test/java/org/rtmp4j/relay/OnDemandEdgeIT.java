package org.rtmp4j.relay;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.relay.PullFixture.interFrame;
import static org.rtmp4j.testkit.Eventually.eventually;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.hls.HlsHandler;
import org.rtmp4j.hls.HlsOptions;
import org.rtmp4j.hls.HlsPath;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.http.FlvStreamPath;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.live.HttpFlvPlayer;
import org.rtmp4j.live.Ingest;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveOptions;
import org.rtmp4j.live.LiveSubscription;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.relay.PullFixture.ObservedOrigin;
import org.rtmp4j.relay.PullFixture.Player;
import org.rtmp4j.relay.PullFixture.Source;
import org.rtmp4j.server.DrainResult;
import org.rtmp4j.server.LoopbackServer;
import org.rtmp4j.server.RtmpServer;

/**
 * The on-demand edge over loopback with real rtmp4j origins (issue 15 §2): players share one pull, the pull closes
 * after the idle delay, failover moves to the next origin on a refused connect and on StreamNotFound, and a drained
 * edge moves its RTMP players to another edge.
 */
@Timeout(60)
class OnDemandEdgeIT {
    private static final StreamKey KEY = new StreamKey("live", "cam");
    private static final LiveOptions NO_WAIT = LiveOptions.DEFAULT.withWaitForPublisher(false);
    private static final Duration IDLE = Duration.ofMillis(600);

    private final LoopbackServer origin = new LoopbackServer();
    private final LoopbackServer emptyOrigin = new LoopbackServer();
    private final LoopbackServer edgeServer = new LoopbackServer();
    private final LoopbackServer otherEdgeServer = new LoopbackServer();
    private final Relays relays = new Relays();
    private final Relays otherRelays = new Relays();

    @AfterEach
    void tearDown() throws Exception {
        relays.close();
        otherRelays.close();
        for (LoopbackServer s : List.of(edgeServer, otherEdgeServer, origin, emptyOrigin)) {
            s.close();
        }
    }

    /** An origin with {@link #KEY} published: sequence header, key frame at 0, inter frame at 40. */
    private Ingest originPublishing(LiveBroadcastController hub) {
        return PullFixture.publishing(hub, KEY);
    }

    /**
     * The common setup: {@link #origin} started (observed) with {@link #KEY} published, and an edge hub pulling from
     * it on demand with {@code idle} as its idle delay.
     */
    private EdgeOfOrigin edgeOfOrigin(Duration idle) throws Exception {
        LiveBroadcastController originHub = new LiveBroadcastController(NO_WAIT);
        ObservedOrigin observed = new ObservedOrigin(originHub);
        origin.start(observed);
        Ingest publisher = originPublishing(originHub);
        LiveBroadcastController edgeHub = new LiveBroadcastController(NO_WAIT);
        OnDemandEdge edge = OnDemandEdge.install(edgeHub, relays, OriginResolver.fixed(List.of(origin.url("live"))),
                idle);
        return new EdgeOfOrigin(originHub, observed, publisher, edgeHub, edge);
    }

    /** What {@link #edgeOfOrigin} started. */
    private record EdgeOfOrigin(LiveBroadcastController originHub, ObservedOrigin observed, Ingest publisher,
            LiveBroadcastController edgeHub, OnDemandEdge edge) {}

    @Test
    void playersShareOnePullThatClosesAfterTheIdleDelay() throws Exception {
        EdgeOfOrigin setup = edgeOfOrigin(IDLE);
        LiveBroadcastController originHub = setup.originHub();
        ObservedOrigin observed = setup.observed();
        Ingest publisher = setup.publisher();
        LiveBroadcastController edgeHub = setup.edgeHub();

        Player first = new Player();
        LiveSubscription firstSub = edgeHub.subscribe(KEY, first).orElseThrow(); // waits for the pull
        first.keyFrames(1).get(10, SECONDS);
        Player second = new Player();
        LiveSubscription secondSub = edgeHub.subscribe(KEY, second).orElseThrow();
        second.keyFrames(1).get(10, SECONDS);
        publisher.media(interFrame(80));
        first.video(80).get(10, SECONDS);
        second.video(80).get(10, SECONDS);

        assertThat(originHub.control().stream(KEY).orElseThrow().playerCount()).as("players on the origin").isEqualTo(1);
        assertThat(edgeHub.control().stream(KEY).orElseThrow().playerCount()).as("players on the edge").isEqualTo(2);
        assertThat(relays.list()).singleElement().satisfies(info -> {
            assertThat(info.kind()).isEqualTo(RelayKind.PULL);
            assertThat(info.state()).isEqualTo(RelayState.LIVE);
            assertThat(info.destination()).isEqualTo("live/cam");
            assertThat(info.bytes()).isPositive();
        });
        assertThat(first.videoTimestamps()).as("the origin's timestamps, unchanged").containsExactly(0L, 0L, 40L, 80L);

        CompletableFuture<Void> pullClosed = observed.nextClose();
        firstSub.cancel();
        long left = System.nanoTime();
        secondSub.cancel();
        pullClosed.get(10, SECONDS);
        long afterNanos = System.nanoTime() - left;
        assertThat(Duration.ofNanos(afterNanos)).as("closed after the idle delay, not before").isGreaterThanOrEqualTo(IDLE);
        assertThat(relays.list()).as("the pull is no longer listed").isEmpty();
        assertThat(edgeHub.isLive(KEY)).isFalse();
    }

    @Test
    void aPlayerWhoComesBackWithinTheIdleDelayKeepsThePull() throws Exception {
        EdgeOfOrigin setup = edgeOfOrigin(Duration.ofSeconds(30));
        LiveBroadcastController originHub = setup.originHub();
        LiveBroadcastController edgeHub = setup.edgeHub();
        OnDemandEdge edge = setup.edge();

        Player first = new Player();
        edgeHub.subscribe(KEY, first).orElseThrow().cancel();
        PullRelay pull = edge.pull(KEY).orElseThrow();
        Player second = new Player();
        edgeHub.subscribe(KEY, second).orElseThrow();
        second.keyFrames(1).get(10, SECONDS);
        assertThat(edge.pull(KEY)).contains(pull);
        assertThat(originHub.control().stream(KEY).orElseThrow().playerCount()).isEqualTo(1);
    }

    @Test
    void aPullStoppedThroughTheRegistryIsForgottenAndTheNextPlayerStartsANewOne() throws Exception {
        EdgeOfOrigin setup = edgeOfOrigin(Duration.ofSeconds(30));
        LiveBroadcastController edgeHub = setup.edgeHub();
        OnDemandEdge edge = setup.edge();
        Player first = new Player();
        edgeHub.subscribe(KEY, first).orElseThrow().cancel();
        PullRelay pull = edge.pull(KEY).orElseThrow();

        relays.remove(pull.id()).orElseThrow().get(5, SECONDS); // DELETE /api/v1/relays/ID
        assertThat(pull.info().state()).isEqualTo(RelayState.STOPPED);
        Player second = new Player();
        edgeHub.subscribe(KEY, second).orElseThrow();
        second.keyFrames(1).get(10, SECONDS);
        PullRelay again = edge.pull(KEY).orElseThrow();
        assertThat(again.id()).isNotEqualTo(pull.id());
        assertThat(relays.list()).singleElement().satisfies(i -> assertThat(i.id()).isEqualTo(again.id()));
    }

    @Test
    void failoverMovesPastADeadOriginAndOneWithoutTheStream() throws Exception {
        int deadPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            deadPort = s.getLocalPort();
        }
        ObservedOrigin empty = new ObservedOrigin(new LiveBroadcastController(NO_WAIT));
        emptyOrigin.start(empty);
        CompletableFuture<String> askedEmpty = empty.nextPlay();
        LiveBroadcastController originHub = new LiveBroadcastController(NO_WAIT);
        origin.start(originHub);
        originPublishing(originHub);

        LiveBroadcastController edgeHub = new LiveBroadcastController(NO_WAIT);
        OnDemandEdge.install(edgeHub, relays, OriginResolver.fixed(List.of(
                URI.create("rtmp://127.0.0.1:" + deadPort + "/live"), emptyOrigin.url("live"), origin.url("live"))), IDLE);
        Player player = new Player();
        edgeHub.subscribe(KEY, player).orElseThrow();
        player.keyFrames(1).get(10, SECONDS);

        assertThat(askedEmpty.get(1, SECONDS)).as("the second origin was asked and answered StreamNotFound").isEqualTo("cam");
        assertThat(originHub.control().stream(KEY).orElseThrow().playerCount()).isEqualTo(1);
        assertThat(relays.list()).singleElement().satisfies(info -> {
            assertThat(info.state()).isEqualTo(RelayState.LIVE);
            assertThat(info.retries()).as("failover within one attempt is no retry").isZero();
        });
    }

    @Test
    void anHttpFlvPlayerAlsoStartsThePull() throws Exception {
        EdgeOfOrigin setup = edgeOfOrigin(IDLE);
        LiveBroadcastController originHub = setup.originHub();
        LiveBroadcastController edgeHub = setup.edgeHub();
        RtmpServer edge = edgeServer.start(RtmpServer.builder().http(new InetSocketAddress("127.0.0.1", 0))
                .httpRoute(HttpMethod.GET, FlvStreamPath::matches, new HttpFlvPlayer(edgeHub)), edgeHub);

        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + edge.httpPort() + "/live/cam.flv")).build(), BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            assertThat(response.statusCode()).as("not 404: the edge pulls it").isEqualTo(200);
            byte[] header = body.readNBytes(3);
            assertThat(new String(header, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("FLV");
        }
        assertThat(originHub.control().stream(KEY).orElseThrow().playerCount()).isEqualTo(1);
    }

    @Test
    void anHlsPlaylistRequestAlsoStartsThePullAndIsAnsweredWithItsFirstSegment() throws Exception {
        LiveBroadcastController originHub = new LiveBroadcastController(NO_WAIT);
        origin.start(originHub);
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(Path.of(System.getProperty("rtmp4j.media.dir", "../media"),
                "h264-aac-avatar.flv"))) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                if (t.get().type() != FlvTagType.SCRIPT) {
                    tags.add(t.get());
                }
            }
        }
        Ingest publisher = originHub.publish(KEY, new Source());
        int sent = publishUntil(publisher, tags, 0, 500);
        LiveBroadcastController edgeHub = new LiveBroadcastController(NO_WAIT);
        OnDemandEdge.install(edgeHub, relays, OriginResolver.fixed(List.of(origin.url("live"))), IDLE);
        try (HlsHandler hls = new HlsHandler(edgeHub, HlsOptions.defaults())) {
            RtmpServer edge = edgeServer.start(RtmpServer.builder().http(new InetSocketAddress("127.0.0.1", 0))
                    .httpRoute(HttpMethod.GET, HlsPath::matches, hls), edgeHub);
            CompletableFuture<HttpResponse<String>> playlist = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + edge.httpPort() + "/live/cam.m3u8")).build(), BodyHandlers.ofString());
            // the request is parked on the edge's HLS muxer (subscribed before the rest is published, or it would
            // join at the last GOP and never close a segment) and the pull plays the origin
            eventually("the playlist request is parked and the pull is live", () -> hls.blockedRequests(KEY) == 1
                    && relays.list().stream().anyMatch(i -> i.state() == RelayState.LIVE));
            publishUntil(publisher, tags, sent, Integer.MAX_VALUE); // the pull's player gets the rest: segments close
            HttpResponse<String> response = playlist.get(20, SECONDS);
            assertThat(response.statusCode()).as("not 404: the edge pulls it for HLS too").isEqualTo(200);
            assertThat(response.body()).contains("#EXTINF:");
            assertThat(originHub.control().stream(KEY).orElseThrow().playerCount()).as("one pull").isEqualTo(1);
        }
    }

    /** Sends {@code tags} from index {@code from} while their timestamp is below {@code ms}; returns the next index. */
    private static int publishUntil(Ingest publisher, List<FlvTag> tags, int from, int ms) {
        int i = from;
        for (; i < tags.size() && tags.get(i).timestamp() < ms; i++) {
            FlvTag t = tags.get(i);
            publisher.media(t.type() == FlvTagType.VIDEO ? new VideoMessage(t.timestamp(), 1, t.body())
                    : new AudioMessage(t.timestamp(), 1, t.body()));
        }
        return i;
    }

    @Test
    void noPullBeyondTheRelaysBound() throws Exception {
        try (Relays one = new Relays(java.time.Clock.systemUTC(), 1, 1)) {
            LiveBroadcastController edgeHub = new LiveBroadcastController(NO_WAIT);
            OnDemandEdge edge = OnDemandEdge.install(edgeHub, one,
                    OriginResolver.fixed(List.of(URI.create("rtmp://127.0.0.1:1/live"))), IDLE);
            assertThat(edgeHub.subscribe(KEY, new Player())).isPresent();
            assertThat(edgeHub.subscribe(new StreamKey("live", "other"), new Player())).as("the registry is full").isEmpty();
            assertThat(edge.pull(new StreamKey("live", "other"))).isEmpty();
            assertThat(one.list()).singleElement().satisfies(i -> assertThat(i.destination()).isEqualTo("live/cam"));
        }
    }

    @Test
    void anEdgeWithoutOriginsForAKeyLeavesItUnknown() throws Exception {
        LiveBroadcastController edgeHub = new LiveBroadcastController(NO_WAIT);
        OnDemandEdge.install(edgeHub, relays, key -> key.app().equals("live") ? List.of(URI.create("rtmp://127.0.0.1:1/live"))
                : List.of(), IDLE);
        assertThat(edgeHub.subscribe(new StreamKey("other", "cam"), new Player())).isEmpty();
        assertThat(relays.list()).isEmpty();
    }

    @Test
    void drainingAnEdgeMovesItsRtmpPlayersToAnotherEdge() throws Exception {
        EdgeOfOrigin setup = edgeOfOrigin(IDLE);
        ObservedOrigin observed = setup.observed();
        Ingest publisher = setup.publisher();
        LiveBroadcastController edgeHub = setup.edgeHub();
        RtmpServer edge = edgeServer.start(edgeHub);
        LiveBroadcastController otherHub = new LiveBroadcastController(NO_WAIT);
        OnDemandEdge.install(otherHub, otherRelays, OriginResolver.fixed(List.of(origin.url("live"))), IDLE);
        otherEdgeServer.start(otherHub);

        AtomicInteger media = new AtomicInteger();
        CompletableFuture<Void> firstFrame = new CompletableFuture<>();
        RtmpClient player = edgeServer.keep(RtmpClient.connect(edgeServer.url("live"), LoopbackServer.OPTIONS));
        player.play("cam", new ClientListener() {
            @Override
            public void onMedia(int streamId, MediaMessage m) {
                media.incrementAndGet();
                firstFrame.complete(null);
            }
        });
        firstFrame.get(10, SECONDS);

        CompletableFuture<String> secondPull = observed.nextPlay();
        CompletableFuture<DrainResult> drain = edge.drain(otherEdgeServer.url("live").toString(), Duration.ofSeconds(10));
        assertThat(secondPull.get(10, SECONDS)).as("the other edge pulled on demand").isEqualTo("cam");
        int before = media.get();
        // a live stream goes on: the moved player switches at media newer than it had from the old edge
        AtomicInteger ts = new AtomicInteger(40);
        var frames = relays.timer().scheduleWithFixedDelay(() -> publisher.media(interFrame(ts.addAndGet(40))),
                0, 40, java.util.concurrent.TimeUnit.MILLISECONDS);
        DrainResult drained;
        try {
            drained = drain.get(20, SECONDS);
        } finally {
            frames.cancel(false);
        }
        assertThat(drained.requested()).as("the player was asked to reconnect").isEqualTo(1);
        assertThat(drained.allLeft()).as("the player left the drained edge by itself").isTrue();
        assertThat(player.reconnects()).isEqualTo(1);
        assertThat(otherHub.control().stream(KEY).orElseThrow().playerCount()).isEqualTo(1);
        eventually(Duration.ofSeconds(10), "media after the move", () -> media.get() > before);
    }

}
