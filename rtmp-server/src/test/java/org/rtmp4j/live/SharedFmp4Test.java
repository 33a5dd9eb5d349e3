package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.session.OutboundLimits;

/**
 * The hub's fMP4 players share one encoding per publisher (DESIGN-NOTES.md, "Browsers: the fMP4 stream and LL-HLS"):
 * N players of one stream write byte-identical fragments muxed once, while the join (cached GOP), the keyframe wait,
 * the slow-player policy and the hard cap apply to each as to any output. In memory, on the caller's thread;
 * media: {@code media/h264-aac-avatar.flv} (keyframes about every 1.6 s).
 */
class SharedFmp4Test {
    private static final StreamKey KEY = new StreamKey("live", "cam");
    private static final OutboundLimits LIMITS = new OutboundLimits(1_000, 10_000, 100_000,
            OutboundLimits.DropPolicy.DROP_TO_NEXT_KEYFRAME);

    private LiveBroadcastController relay = new LiveBroadcastController();
    private final List<LiveMedia> seen = new ArrayList<>();
    private Ingest ingest;

    /** An in-process publisher. */
    private static final class Source implements IngestSource {
        @Override
        public String id() {
            return "src";
        }

        @Override
        public void close() {}
    }

    /** A player: an {@link Fmp4Sink} on a fake body, subscribed as {@link Fmp4Player} does. */
    private final class Player {
        final FakeResponseStream body = new FakeResponseStream();
        final LiveSubscription subscription;

        Player() {
            Fmp4Sink sink = new Fmp4Sink(body, LIMITS, PlayerKind.HTTP_FMP4);
            subscription = relay.subscribe(KEY, sink, "fmp4-test").orElseThrow();
            body.onClose(subscription::cancel);
        }

        List<Mp4Boxes.Box> boxes() {
            byte[] b = body.bytes();
            return new Mp4Boxes().feed(b, 0, b.length);
        }

        /** @return the first moof's video track fragment */
        Mp4Boxes.TrackFragment firstVideo() {
            Mp4Boxes.Box moof = boxes().stream().filter(x -> x.type().equals("moof")).findFirst().orElseThrow();
            return Mp4Boxes.tracks(moof).stream().filter(t -> t.trackId() == 1).findFirst().orElseThrow();
        }
    }

    /** Publishes the file's tags in [from, until) ms and remembers them. */
    private void publish(int fromMs, int untilMs) throws Exception {
        if (ingest == null) {
            ingest = relay.publish(KEY, new Source());
        }
        for (LiveMedia m : Fmp4SinkTest.avatar(fromMs, untilMs)) {
            if (fromMs > 0 && m.kind().isSequenceHeader()) {
                continue;
            }
            ingest.media(m.message());
        }
    }

    /** Records what the hub hands out (the classified messages, with their attached fragments). */
    private void record() {
        relay.subscribe(KEY, new InlineSink() {
            @Override
            public synchronized void onEvent(RelayEvent event) {
                if (event instanceof LiveMedia m) {
                    seen.add(m);
                }
            }

            @Override
            public void onOverflow(long queuedBytes, long maxQueued) {}
        });
    }

    private long cachedKeyframeTimestamp() {
        LiveStream stream = relay.streams().get(KEY).orElseThrow();
        return stream.gopCache().snapshot().get(0).timestamp();
    }

    @Test
    void nPlayersWriteByteIdenticalFragmentsMuxedOnceFromTheCachedKeyframe() throws Exception {
        publish(0, 3_200); // the cached GOP: the keyframe at 2,960 ms and a few frames
        record();
        long keyframe = cachedKeyframeTimestamp();
        List<Player> players = List.of(new Player(), new Player(), new Player());

        assertThat(players.get(0).boxes()).as("fragments at once, from the cached GOP").hasSizeGreaterThan(2);
        publish(3_200, 6_000);
        ingest.close();

        byte[] first = players.get(0).body.bytes();
        for (Player p : players) {
            assertThat(p.body.bytes()).isEqualTo(first);
            assertThat(p.body.ended).isTrue();
            assertThat(p.boxes().subList(0, 2)).extracting(Mp4Boxes.Box::type).containsExactly("ftyp", "moov");
            assertThat(p.firstVideo().firstSampleIsSync()).isTrue();
            assertThat(p.firstVideo().baseMediaDecodeTime()).isEqualTo(keyframe * 90);
        }
        Set<Fmp4Encoding> encodings = Collections.newSetFromMap(new IdentityHashMap<>());
        seen.stream().filter(m -> m.fmp4() != null).forEach(m -> encodings.add(m.fmp4().encoding()));
        assertThat(encodings).as("one encoding for the publisher").hasSize(1);
        Fmp4Encoding encoding = encodings.iterator().next();
        long attached = seen.stream().filter(m -> m.fmp4() != null).count();
        assertThat(encoding.fragments()).as("each fragment muxed once, whatever the number of players")
                .isEqualTo(attached + 1); // + the held-back samples at the end
        long moofs = players.get(0).boxes().stream().filter(b -> b.type().equals("moof")).count();
        assertThat(moofs).as("the players wrote every attached fragment and the last one")
                .isEqualTo(attached + 1);
        for (Player p : players) {
            List<ByteBuffer> writes = p.body.writes;
            assertThat(writes.get(0)).isEqualTo(seen.stream().filter(m -> m.fmp4() != null).findFirst().orElseThrow()
                    .fmp4().initSegment());
        }
    }

    @Test
    void aLateJoinerStartsAtTheCachedKeyframeWithTheSameBytesAsTheOthers() throws Exception {
        publish(0, 1_000);
        Player early = new Player();
        publish(1_000, 4_000);
        long keyframe = cachedKeyframeTimestamp();
        Player late = new Player();
        publish(4_000, 6_000);

        assertThat(late.firstVideo().firstSampleIsSync()).isTrue();
        assertThat(late.firstVideo().baseMediaDecodeTime()).isEqualTo(keyframe * 90);
        assertThat(early.firstVideo().baseMediaDecodeTime()).isLessThan(keyframe * 90);
        List<ByteBuffer> lateWrites = late.body.writes;
        List<ByteBuffer> earlyWrites = early.body.writes;
        assertThat(lateWrites.get(0)).as("the same init segment").isEqualTo(earlyWrites.get(0));
        int tail = lateWrites.size() - 1;
        assertThat(lateWrites.subList(1, lateWrites.size()))
                .as("the late joiner's fragments are the early player's last ones")
                .containsExactlyElementsOf(earlyWrites.subList(earlyWrites.size() - tail, earlyWrites.size()));
    }

    @Test
    void aSlowPlayerDropsToTheNextKeyframeAndResumesAtASyncSampleWhileTheOthersGetEverything() throws Exception {
        publish(0, 1_000);
        Player fast = new Player();
        Player slow = new Player();
        int before = slow.body.writes.size();
        slow.body.queued = 20_000; // above the high watermark
        publish(1_000, 2_000);
        slow.body.queued = 0;
        int resumedAt = slow.body.writes.size();
        publish(2_000, 5_000);

        assertThat(resumedAt).as("nothing written while above the high watermark").isEqualTo(before);
        assertThat(slow.subscription.stats().droppedMessages()).isPositive();
        assertThat(slow.subscription.isActive()).isTrue();
        ByteBuffer resumed = slow.body.writes.get(resumedAt);
        byte[] b = new byte[resumed.remaining()];
        resumed.duplicate().get(b);
        Mp4Boxes.Box moof = new Mp4Boxes().feed(b, 0, b.length).get(0);
        assertThat(Mp4Boxes.tracks(moof).get(0).firstSampleIsSync()).as("resumes at a GOP's first fragment").isTrue();
        assertThat(fast.subscription.stats().droppedMessages()).isZero();
        assertThat(fast.body.writes).as("every fragment the slow one wrote, the fast one wrote too")
                .containsAll(slow.body.writes);
    }

    @Test
    void aStalledPlayerIsClosedAtTheCapAndTheOthersGoOn() throws Exception {
        publish(0, 1_000);
        Player fine = new Player();
        Player stalled = new Player();
        stalled.body.queued = 200_000; // above maxQueued
        int fineBefore = fine.body.writes.size();

        publish(1_000, 3_000);

        assertThat(stalled.body.aborted).isTrue();
        assertThat(stalled.subscription.isActive()).isFalse();
        assertThat(stalled.subscription.stats().closedForOverflow()).isTrue();
        assertThat(fine.body.writes.size()).isGreaterThan(fineBefore);
        assertThat(fine.body.aborted || fine.body.ended).isFalse();
    }

    @Test
    void aPlayerWaitingForThePublisherGetsTheNewPublishersFragmentsFromItsFirstKeyframe() throws Exception {
        relay = new LiveBroadcastController(LiveOptions.DEFAULT.withWaitForPublisher(true));
        Player waiting = new Player();
        assertThat(waiting.body.writes).isEmpty();

        publish(0, 2_000);
        ingest.close();

        assertThat(waiting.boxes().subList(0, 2)).extracting(Mp4Boxes.Box::type).containsExactly("ftyp", "moov");
        assertThat(waiting.firstVideo().firstSampleIsSync()).isTrue();
        assertThat(waiting.firstVideo().baseMediaDecodeTime()).isZero();
        assertThat(waiting.body.ended).isTrue();
    }

    @Test
    void streamsWithoutFmp4PlayersAreNotMuxed() throws Exception {
        record();
        publish(0, 3_000);

        assertThat(seen).isNotEmpty().allSatisfy(m -> assertThat(m.fmp4()).isNull());
    }
}
