package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.OutboundLimits;

/**
 * The fan-out's hand-off between threads (issue 17, "Whatever is queued leaves together"): a
 * published message reaches each other loop as one posted task, whatever the number and kind (RTMP,
 * HTTP-FLV) of its players; the publisher's own loop is served inline; each encoding is prepared once
 * per message, not once per player. Two {@link TestLoop}s stand in for a server's event loops; the
 * publisher acts as loop A.
 */
class HubFanoutTest {
    private static final int PER_KIND_PER_LOOP = 25;
    private static final int MESSAGES = 20;

    private final LiveBroadcastController relay = new LiveBroadcastController();
    private final TestLoop a = new TestLoop();
    private final TestLoop b = new TestLoop();
    private final FakeSession pub = new FakeSession();
    private final FakeSession.Stream pubStream = pub.newStream();
    private final List<FakeSession> rtmpPlayers = new ArrayList<>();
    private final List<CountingFlv> flvPlayers = new ArrayList<>();

    /** An HTTP-FLV player's subscriber: counts the FLV tags after the header. */
    private static final class CountingFlv implements FlvSubscriber {
        int writes;

        @Override
        public void onFlv(ByteBuffer bytes) {
            writes++;
        }

        @Override
        public long queuedBytes() {
            return 0;
        }
    }

    private void publish(MediaMessage m) {
        a.enter(); // the publisher's connection lives on loop A
        try {
            relay.onMedia(pub, pubStream, m);
        } finally {
            a.exit();
        }
    }

    private void settle() {
        while (a.runAll() + b.runAll() > 0) {
            // joins post their next batch from the previous one
        }
    }

    private void startWithPlayersOnBothLoops() {
        relay.onPublish(pub, pubStream.publish("cam"));
        for (TestLoop loop : List.of(a, b)) {
            for (int i = 0; i < PER_KIND_PER_LOOP; i++) {
                FakeSession p = new FakeSession().onLoop(loop);
                relay.onPlay(p, p.newStream().play("cam"));
                rtmpPlayers.add(p);
                CountingFlv flv = new CountingFlv();
                FlvSink sink = new FlvSink(flv, loop, loop::inLoop, loop, OutboundLimits.DEFAULT, PlayerKind.HTTP_FLV);
                assertThat(relay.subscribe(new StreamKey("live", "cam"), sink, "flv-" + i)).isPresent();
                flvPlayers.add(flv);
            }
        }
        settle();
    }

    @Test
    void aMessageReachesTheOtherLoopAsOneTaskSharedByItsRtmpAndHttpFlvPlayers() {
        startWithPlayersOnBothLoops();
        publish(Flv.avcKeyFrame(0));
        settle();
        int postedToA = a.posted();
        int postedToB = b.posted();

        for (int i = 1; i <= MESSAGES; i++) {
            publish(i % 2 == 0 ? Flv.avcInterFrame(i * 40) : Flv.aacFrame(i * 40));
            assertThat(b.posted() - postedToB).as("tasks on loop B after message %d", i).isEqualTo(i);
            settle();
        }

        assertThat(a.posted()).as("the publisher's own loop is served inline").isEqualTo(postedToA);
        for (FakeSession p : rtmpPlayers) {
            assertThat(p.media()).as("RTMP player media").hasSize(1 + MESSAGES);
        }
        for (CountingFlv f : flvPlayers) {
            assertThat(f.writes).as("FLV header and tags").isEqualTo(1 + 1 + MESSAGES);
        }
    }

    @Test
    void playersWaitingForAKeyframeCostNoTaskAndDoNotSplitTheOthersTask() {
        startWithPlayersOnBothLoops(); // nothing published yet: every output waits for a keyframe
        int before = b.posted();
        publish(Flv.avcInterFrame(0));
        publish(Flv.avcInterFrame(40));
        assertThat(b.posted()).as("inter frames before the first keyframe reach no loop").isEqualTo(before);

        publish(Flv.avcKeyFrame(80));
        publish(Flv.avcInterFrame(120));
        settle();
        assertThat(b.posted() - before).isEqualTo(2);
        for (FakeSession p : rtmpPlayers) {
            assertThat(p.media()).hasSize(2);
        }
    }

    @Test
    void eachEncodingIsPreparedOncePerMessageNotOncePerPlayer() {
        startWithPlayersOnBothLoops();
        publish(Flv.avcKeyFrame(0)); // the plan for this subscriber snapshot is made here
        settle();
        int hints = rtmpPlayers.stream().mapToInt(p -> p.chunkSizeHints.get()).sum();

        for (int i = 1; i <= MESSAGES; i++) {
            publish(Flv.avcInterFrame(i * 40));
        }
        settle();

        int perMessage = (rtmpPlayers.stream().mapToInt(p -> p.chunkSizeHints.get()).sum() - hints) / MESSAGES;
        assertThat(perMessage).as("chunk size look-ups per message for %d RTMP players", rtmpPlayers.size())
                .isEqualTo(1);
        assertThat(rtmpPlayers.get(0).shared).allSatisfy(e -> assertThat(e.encodings()).isEqualTo(1));
    }

    @Test
    void aPlayerThatJoinsOrLeavesGetsANewPlanAndTheRestKeepTheirs() {
        startWithPlayersOnBothLoops();
        publish(Flv.avcKeyFrame(0));
        settle();
        FakeSession late = new FakeSession().onLoop(b);
        FakeSession.Stream lateStream = late.newStream();
        relay.onPlay(late, lateStream.play("cam"));
        settle();
        publish(Flv.avcInterFrame(40));
        settle();
        assertThat(late.media()).as("the cached keyframe, then the live frame").hasSize(2);

        relay.onClose(late, null);
        settle();
        int before = b.posted();
        publish(Flv.avcInterFrame(80));
        settle();
        assertThat(b.posted() - before).isEqualTo(1);
        assertThat(late.media()).hasSize(2);
        assertThat(rtmpPlayers.get(1).media()).hasSize(3);
    }
}
