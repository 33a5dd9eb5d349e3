package org.rtmp4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rtmp4j.testkit.Eventually.eventually;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.core.session.RtmpStatusException;
import org.rtmp4j.core.session.ServerConnection;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveOptions;
import org.rtmp4j.live.PublisherPolicy;
import org.rtmp4j.server.LimitsFixture.Bystander;

/**
 * Session and stream limits over loopback with the live relay: idle timeout and ping, live stream
 * cap, message streams per connection, publisher policy. Each keeps a bystander streaming.
 */
@Timeout(60)
class StreamLimitsIT {
    private final AtomicLong fakeNanos = new AtomicLong(1_000_000_000_000L);
    private final LoopbackServer fixture = new LoopbackServer();
    private final CountDownLatch unblock = new CountDownLatch(1);
    private LiveBroadcastController relay;
    private RtmpServer server;

    private RtmpServer start(RtmpServer.Builder builder, LiveOptions live) throws Exception {
        relay = new LiveBroadcastController(live);
        server = fixture.start(builder, relay);
        return server;
    }

    /** A new player of {@code name} gets the keyframe {@code publisher} sends after a sequence header. */
    private void assertPlayerGets(Publisher publisher, String name) throws Exception {
        MediaSink player = new MediaSink();
        fixture.client().play(name, player);
        publisher.send(LimitsFixture.sequenceHeader(0));
        publisher.send(LimitsFixture.frame(40, true, 64));
        player.awaitTimestamp(40);
    }

    @AfterEach
    void tearDown() throws Exception {
        unblock.countDown();
        fixture.close();
    }

    @Test
    void aStalePublisherIsClosedByTheIdleTimeoutAndItsNameGoesToTheReconnectedEncoder() throws Exception {
        start(RtmpServer.builder().clock(fakeNanos::get), LiveOptions.DEFAULT);
        Bystander bystander = fixture.keep(new Bystander(server));
        // the stale encoder: publishes "cam", then its reader thread hangs (so it answers no ping)
        RtmpClient stale = fixture.client();
        Publisher stalePublisher = stale.publish("cam");
        stalePublisher.send(LimitsFixture.sequenceHeader(0));
        CountDownLatch hung = new CountDownLatch(1);
        stale.play("hang", new ClientListener() {
            @Override
            public void onMedia(int streamId, MediaMessage media) {
                hung.countDown();
                try {
                    unblock.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        fixture.client().publish("hang").send(LimitsFixture.sequenceHeader(0));
        assertThat(hung.await(5, TimeUnit.SECONDS)).isTrue();
        MediaSink camPlayer = new MediaSink();
        fixture.client().play("cam", camPlayer);
        eventually("5 connections", () -> server.connections().size() == 5);

        fakeNanos.addAndGet(Duration.ofSeconds(31).toNanos()); // ping interval (30 s) passed: everyone is pinged
        eventually("4 ping responses", () -> server.connections().stream()
                .filter(c -> c.lastRttMillis() >= 0).count() == 4);
        assertThat(server.connections()).allMatch(c -> !c.isClosed());
        fakeNanos.addAndGet(Duration.ofSeconds(30).toNanos()); // 61 s of silence from the stale one only
        camPlayer.awaitStatus(StatusCodes.PLAY_UNPUBLISH_NOTIFY);
        eventually("stale connection gone", () -> server.connections().size() == 4);

        Publisher reconnected = fixture.client().publish("cam"); // the name is free again
        camPlayer.awaitStatus(StatusCodes.PLAY_PUBLISH_NOTIFY);
        reconnected.send(LimitsFixture.sequenceHeader(0));
        reconnected.send(LimitsFixture.frame(1000, true, 64));
        camPlayer.awaitTimestamp(1000);
        bystander.assertStreaming();
    }

    @Test
    void theServerPingsAnIdlePeerAndReportsTheRoundTripTime() throws Exception {
        start(RtmpServer.builder().pingInterval(Duration.ofMillis(200)), LiveOptions.DEFAULT);
        Bystander bystander = fixture.keep(new Bystander(server));
        assertThat(server.limits().pingInterval()).isEqualTo(Duration.ofMillis(200));
        eventually("an RTT", () -> server.connections().stream().anyMatch(c -> c.lastRttMillis() >= 0));
        ServerConnection pinged = server.connections().stream().filter(c -> c.lastRttMillis() >= 0).findFirst().orElseThrow();
        assertThat(pinged.lastRttMillis()).isBetween(0L, 5_000L);
        bystander.assertStreaming();
    }

    @Test
    void oneLiveStreamOverMaxStreamsIsRejectedUntilASlotFrees() throws Exception {
        start(RtmpServer.builder(), LiveOptions.DEFAULT.withMaxStreams(2));
        Bystander bystander = fixture.keep(new Bystander(server)); // stream 1
        Publisher second = fixture.client().publish("second"); // stream 2
        RtmpClient third = fixture.client();
        assertThatThrownBy(() -> third.publish("third"))
                .isInstanceOfSatisfying(RtmpStatusException.class,
                        e -> assertThat(e.status().code()).isEqualTo(StatusCodes.PUBLISH_REJECTED));
        assertThat(third.isOpen()).isTrue();
        bystander.assertStreaming();
        second.close();
        eventually("slot freed", () -> relay.liveStreamCount() == 1);
        third.publish("third");
        bystander.assertStreaming();
    }

    @Test
    void oneCreateStreamOverMaxMessageStreamsIsAnsweredWithAnErrorAndTheConnectionStays() throws Exception {
        start(RtmpServer.builder().maxMessageStreams(2), LiveOptions.DEFAULT);
        Bystander bystander = fixture.keep(new Bystander(server));
        RtmpClient c = fixture.client();
        Publisher a = c.publish("a");
        c.publish("b");
        assertThatThrownBy(() -> c.publish("c")).hasMessageContaining("message streams");
        assertThat(c.isOpen()).isTrue();
        assertPlayerGets(a, "a");
        bystander.assertStreaming();
    }

    @Test
    void aSecondPublisherOnALiveNameIsRefusedByDefault() throws Exception {
        start(RtmpServer.builder(), LiveOptions.DEFAULT);
        Bystander bystander = fixture.keep(new Bystander(server));
        Publisher first = fixture.client().publish("name");
        RtmpClient second = fixture.client();
        assertThatThrownBy(() -> second.publish("name"))
                .isInstanceOfSatisfying(RtmpStatusException.class,
                        e -> assertThat(e.status().code()).isEqualTo(StatusCodes.PUBLISH_BAD_NAME));
        assertPlayerGets(first, "name");
        bystander.assertStreaming();
    }

    @Test
    void withTakeoverASecondPublisherReplacesTheFirstAndPlayersFollow() throws Exception {
        start(RtmpServer.builder(), LiveOptions.DEFAULT.withPublisherPolicy(PublisherPolicy.TAKEOVER));
        Bystander bystander = fixture.keep(new Bystander(server));
        RtmpClient firstClient = fixture.client();
        firstClient.publish("name").send(LimitsFixture.sequenceHeader(0));
        MediaSink player = new MediaSink();
        fixture.client().play("name", player);
        Publisher second = fixture.client().publish("name");
        firstClient.closeFuture().get(5, TimeUnit.SECONDS); // the old publisher's connection is closed
        player.awaitStatus(StatusCodes.PLAY_PUBLISH_NOTIFY);
        second.send(LimitsFixture.sequenceHeader(0));
        second.send(LimitsFixture.frame(80, true, 64));
        player.awaitTimestamp(80);
        bystander.assertStreaming();
    }
}
