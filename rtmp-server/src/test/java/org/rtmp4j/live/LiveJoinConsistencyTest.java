package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.core.message.AmfEncoding;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;

/**
 * docs/ARCHITECTURE.md §6 join consistency: players joining on another thread while the publisher sends see the
 * cached prefix then the live edge, every message exactly once, in order.
 *
 * <p>Two threads, no sleeps or latches: the publisher waits (spinning) for each due joiner to
 * start, so joins overlap publishing; and each player's first send spins until the publisher has
 * sent more, so live messages always arrive while the cached prefix is being sent.
 */
class LiveJoinConsistencyTest {
    private static final int MESSAGES = 10_000;
    private static final int GOP = 60;
    private static final int JOINERS = 8;
    private static final int LIVE_DURING_PREFIX = 20;

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() throws InterruptedException {
        pool.shutdownNow();
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }

    private static boolean isKeyFrameTimestamp(int ts) {
        return ts % GOP == 1;
    }

    private static MediaMessage message(int ts) {
        if (isKeyFrameTimestamp(ts)) {
            return Flv.avcKeyFrame(ts);
        }
        return ts % 3 == 0 ? Flv.aacFrame(ts) : Flv.avcInterFrame(ts);
    }

    @RepeatedTest(5)
    @Timeout(60)
    void playersJoiningWhilePublishingSeeAContiguousSuffixStartingAtAKeyFrame() throws Exception {
        LiveBroadcastController relay = new LiveBroadcastController();
        FakeSession pub = new FakeSession();
        FakeSession.Stream pubStream = pub.newStream();
        relay.onPublish(pub, pubStream.publish("cam"));
        relay.onMetadata(pub, pubStream,
                new DataMessage(0, 1, AmfEncoding.AMF0, List.of("@setDataFrame", "onMetaData", Map.of("fps", 30.0))));
        MediaMessage vsh = Flv.avcSequenceHeader(0);
        MediaMessage ash = Flv.aacSequenceHeader(0);
        relay.onMedia(pub, pubStream, vsh);
        relay.onMedia(pub, pubStream, ash);

        AtomicInteger published = new AtomicInteger();
        AtomicInteger joining = new AtomicInteger();
        Future<?> publisher = pool.submit(() -> {
            for (int ts = 1; ts <= MESSAGES; ts++) {
                relay.onMedia(pub, pubStream, message(ts));
                published.set(ts);
                int due = Math.min(JOINERS, ts * (JOINERS + 2) / MESSAGES);
                while (joining.get() < due) {
                    Thread.yield();
                }
            }
        });
        Future<List<FakeSession>> joiner = pool.submit(() -> {
            List<FakeSession> players = new ArrayList<>();
            for (int j = 1; j <= JOINERS; j++) {
                int joinAt = j * MESSAGES / (JOINERS + 2);
                while (published.get() < joinAt) {
                    Thread.yield();
                }
                // the publisher stops at the next joiner's turn: never wait for more than that
                int barrier = j < JOINERS ? (j + 1) * MESSAGES / (JOINERS + 2) : MESSAGES;
                FakeSession player = new FakeSession();
                AtomicBoolean first = new AtomicBoolean(true);
                player.beforeSendMedia = () -> {
                    if (first.getAndSet(false)) {
                        int until = Math.min(barrier, published.get() + LIVE_DURING_PREFIX);
                        while (published.get() < until) {
                            Thread.yield();
                        }
                    }
                };
                joining.incrementAndGet();
                relay.onPlay(player, player.newStream().play("cam"));
                players.add(player);
            }
            return players;
        });
        publisher.get(30, TimeUnit.SECONDS);

        for (FakeSession player : joiner.get(30, TimeUnit.SECONDS)) {
            List<FakeSession.Event> events = player.events();
            assertThat(events.get(0)).isInstanceOf(FakeSession.Accepted.class);
            assertThat(events.get(1)).isInstanceOf(FakeSession.Metadata.class);
            List<MediaMessage> media = player.media();
            assertThat(media.size()).isEqualTo(events.size() - 2);
            assertThat(media.get(0).payload()).isEqualTo(vsh.payload());
            assertThat(media.get(1).payload()).isEqualTo(ash.payload());
            int first = media.get(2).timestamp();
            assertThat(isKeyFrameTimestamp(first)).as("first cached message %d is a keyframe", first).isTrue();
            for (int i = 2; i < media.size(); i++) {
                assertThat(media.get(i).timestamp()).as("message %d of %s", i, player.id()).isEqualTo(first + i - 2);
            }
            assertThat(media.get(media.size() - 1).timestamp()).isEqualTo(MESSAGES);
        }
    }
}
