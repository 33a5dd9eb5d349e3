package org.rtmp4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.core.session.ServerConnection;
import org.rtmp4j.core.session.SessionStats;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveOptions;
import org.rtmp4j.live.StreamInfo;
import org.rtmp4j.server.LimitsFixture.Bystander;

/**
 * Slow players through the live relay over loopback: a stalled player loses media down to the next
 * keyframe or is closed at the hard cap, while the publisher, a fast player of the same stream and
 * a bystander stream get every message.
 */
@Timeout(120)
class SlowPlayersIT {
    private static final int FRAME = 16 * 1024;
    private final LoopbackServer fixture = new LoopbackServer();
    private final CountDownLatch unblock = new CountDownLatch(1);
    private final LiveBroadcastController relay = new LiveBroadcastController(LiveOptions.DEFAULT);
    private final MediaSink fast = new MediaSink();
    private RtmpServer server;
    private Bystander bystander;

    @AfterEach
    void tearDown() throws Exception {
        unblock.countDown();
        fixture.close();
    }

    /** A player whose reader thread stops at the first media message. */
    private void stalledPlayer(String name) throws Exception {
        CountDownLatch stalled = new CountDownLatch(1);
        fixture.client().play(name, new ClientListener() {
            @Override
            public void onMedia(int streamId, MediaMessage media) {
                stalled.countDown();
                try {
                    unblock.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }

    /**
     * Starts the server with {@code limits}, a bystander, a stalled and a {@link #fast} player of "slow", then its
     * publisher, whose sequence header the fast player has got.
     */
    private Publisher startSlowStream(OutboundLimits limits) throws Exception {
        server = fixture.start(RtmpServer.builder().outbound(limits), relay);
        bystander = fixture.keep(new Bystander(server));
        stalledPlayer("slow");
        fixture.client().play("slow", fast);
        Publisher publisher = fixture.client().publish("slow");
        publisher.send(LimitsFixture.sequenceHeader(0));
        assertNext(fast, 0);
        return publisher;
    }

    /** The fast player gets exactly the next message, in order. */
    private static void assertNext(MediaSink fast, int timestamp) throws InterruptedException {
        MediaMessage m = fast.media.poll(5, TimeUnit.SECONDS);
        assertThat(m).as("fast player message %d", timestamp).isNotNull();
        assertThat(m.timestamp()).isEqualTo(timestamp);
    }

    @Test
    void aStalledPlayerOverTheHardCapIsClosedWhileEveryoneElseGetsEveryMessage() throws Exception {
        OutboundLimits limits = new OutboundLimits(128 * 1024, 256 * 1024, 1024 * 1024, OutboundLimits.DropPolicy.NEVER);
        Publisher publisher = startSlowStream(limits);
        int ts = 0;
        boolean closed = false;
        for (int i = 0; i < 8000 && !closed; i++) { // 128 MB at most: far over socket buffers + 1 MiB
            ts += 40;
            publisher.send(LimitsFixture.frame(ts, true, FRAME));
            assertNext(fast, ts);
            closed = server.metrics().players() == 2; // fast + bystander's player
        }
        assertThat(closed).as("the stalled player was closed").isTrue();
        for (int i = 0; i < 10; i++) {
            ts += 40;
            publisher.send(LimitsFixture.frame(ts, i % 5 == 0, FRAME));
            assertNext(fast, ts);
        }
        bystander.assertStreaming();
        assertThat(server.metrics().publishers()).isEqualTo(2);
    }

    @Test
    void aStalledPlayerLosesVideoToTheNextKeyframeAndTheCountersShowIt() throws Exception {
        OutboundLimits limits = new OutboundLimits(128 * 1024, 256 * 1024, 8 * 1024 * 1024,
                OutboundLimits.DropPolicy.DROP_TO_NEXT_KEYFRAME);
        Publisher publisher = startSlowStream(limits);
        int ts = 0;
        long dropped = 0;
        for (int i = 0; i < 4000 && dropped < 50; i++) { // a GOP is 1 keyframe + 9 inter frames
            ts += 40;
            publisher.send(LimitsFixture.frame(ts, i % 10 == 0, FRAME));
            assertNext(fast, ts);
            dropped = server.metrics().droppedMediaMessages();
        }
        assertThat(dropped).isGreaterThanOrEqualTo(50);
        SessionStats slow = server.connections().stream().map(ServerConnection::stats)
                .filter(s -> s.droppedMediaMessages() > 0).findFirst().orElseThrow();
        assertThat(slow.droppedVideoMessages()).isEqualTo(slow.droppedMediaMessages());
        assertThat(slow.keyframeWaits()).isPositive();
        assertThat(slow.queuedBytesPeak()).isLessThanOrEqualTo(limits.maxQueued());
        assertThat(slow.closedForOverflow()).isFalse();
        StreamInfo info = relay.activeStreams().stream().filter(s -> s.key().name().equals("slow")).findFirst().orElseThrow();
        assertThat(info.players()).isEqualTo(2);
        assertThat(info.droppedMessages()).isPositive();
        assertThat(server.metrics().players()).isEqualTo(3);
        bystander.assertStreaming();
    }
}
