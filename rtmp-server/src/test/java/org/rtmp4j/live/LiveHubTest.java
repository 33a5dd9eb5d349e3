package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.core.session.OutboundOverflowException;
import org.rtmp4j.flv.FlvDemuxer;
import org.rtmp4j.flv.FlvHeader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.media.ScriptData;

/**
 * The hub in memory: one transport-neutral input ({@link Ingest}) and three kinds of output (an RTMP
 * player, an FLV-bytes subscriber, a recorder-style {@link MediaSink}) share one join, keyframe wait,
 * slow-output policy and set of counters.
 */
class LiveHubTest {
    private static final StreamKey KEY = new StreamKey("live", "cam");

    private final LiveBroadcastController relay = new LiveBroadcastController();

    /** An in-process publisher. */
    private static final class Source implements IngestSource {
        boolean closed;

        @Override
        public String id() {
            return "src";
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    /** A recorder-style output on the caller's thread that keeps every event. */
    private static final class Recorder implements InlineSink {
        final List<RelayEvent> events = new ArrayList<>();

        @Override
        public void onEvent(RelayEvent event) {
            events.add(event);
        }

        @Override
        public void onOverflow(long queuedBytes, long maxQueued) {
            throw new AssertionError("never slow");
        }

        List<MediaMessage> media() {
            return events.stream().filter(e -> e instanceof LiveMedia).map(e -> ((LiveMedia) e).message()).toList();
        }
    }

    /** Collects FLV bytes; {@code held} grows by what it takes unless it drains. */
    private static final class FlvBytes implements FlvSubscriber {
        final List<ByteBuffer> chunks = new ArrayList<>();
        final boolean drains;
        long held;
        Throwable ended;

        FlvBytes(boolean drains) {
            this.drains = drains;
        }

        @Override
        public void onFlv(ByteBuffer bytes) {
            chunks.add(bytes);
            if (!drains) {
                held += bytes.remaining();
            }
        }

        @Override
        public long queuedBytes() {
            return held;
        }

        @Override
        public void onEnd(Throwable cause) {
            ended = cause;
        }

        FlvHeader header() throws Exception {
            FlvDemuxer d = new FlvDemuxer();
            d.feed(concat(), t -> { });
            return d.header().orElseThrow();
        }

        List<FlvTag> tags() throws Exception {
            List<FlvTag> out = new ArrayList<>();
            new FlvDemuxer().feed(concat(), out::add);
            return out;
        }

        private ByteBuffer concat() {
            int n = chunks.stream().mapToInt(ByteBuffer::remaining).sum();
            ByteBuffer all = ByteBuffer.allocate(n);
            chunks.forEach(c -> all.put(c.duplicate()));
            return all.flip();
        }
    }

    private static List<MediaMessage> gopAndLive() {
        List<MediaMessage> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int ts = i * 40;
            out.add(i % 5 == 0 ? Flv.avcKeyFrame(ts, 1000) : Flv.avcInterFrame(ts, 500));
            out.add(Flv.aacFrame(ts + 1, 100));
        }
        return out;
    }

    @Test
    void everyOutputKindGetsEveryMessageExactlyOnceAfterItsJoinInOrder() throws Exception {
        Source source = new Source();
        Ingest ingest = relay.publish(KEY, source);
        Map<String, Object> metadata = Map.of("width", 640.0, "videocodecid", 7.0, "audiocodecid", 10.0);
        ingest.metadata(metadata);
        MediaMessage vsh = Flv.avcSequenceHeader(0);
        MediaMessage ash = Flv.aacSequenceHeader(0);
        ingest.media(vsh);
        ingest.media(ash);
        List<MediaMessage> media = gopAndLive();
        int joinAt = 14; // inside the second GOP, which starts at index 10
        for (int i = 0; i < joinAt; i++) {
            ingest.media(media.get(i));
        }

        FakeSession player = new FakeSession();
        relay.onPlay(player, player.newStream().play("cam"));
        FlvBytes flv = new FlvBytes(true);
        Optional<LiveSubscription> flvSub = relay.subscribeFlv(KEY, flv);
        Recorder recorder = new Recorder();
        Optional<LiveSubscription> recSub = relay.subscribe(KEY, recorder);
        assertThat(flvSub).isPresent();
        assertThat(recSub).isPresent();
        for (int i = joinAt; i < media.size(); i++) {
            ingest.media(media.get(i));
        }

        List<MediaMessage> expected = new ArrayList<>(List.of(vsh, ash));
        expected.addAll(media.subList(10, media.size())); // the cached GOP from its keyframe, then live
        assertThat(player.media()).extracting(MediaMessage::payload)
                .containsExactlyElementsOf(expected.stream().map(MediaMessage::payload).toList());
        assertThat(player.events().stream().filter(e -> e instanceof FakeSession.Metadata).count()).isEqualTo(1);
        assertThat(recorder.media()).containsExactlyElementsOf(expected);
        assertThat(recorder.events.get(0)).isInstanceOf(RelayEvent.Metadata.class);

        assertThat(flv.header()).isEqualTo(new FlvHeader(true, true));
        List<FlvTag> tags = flv.tags();
        assertThat(tags.get(0).type()).isEqualTo(FlvTagType.SCRIPT);
        assertThat(ScriptData.metadata(tags.get(0).body())).containsEntry("width", 640.0);
        List<FlvTag> mediaTags = tags.subList(1, tags.size());
        assertThat(mediaTags).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            MediaMessage m = expected.get(i);
            assertThat(mediaTags.get(i).timestamp()).isEqualTo(m.timestamp());
            assertThat(mediaTags.get(i).body()).isEqualTo(m.payload());
        }
        assertThat(flvSub.get().stats().messagesSent()).isEqualTo(expected.size());
        assertThat(recSub.get().stats().droppedMessages()).isZero();
    }

    @Test
    void everyFlvOutputGetsTheSameReadOnlyTagWithItsPreviousTagSize() {
        Ingest ingest = relay.publish(KEY, new Source());
        FlvBytes a = new FlvBytes(true);
        FlvBytes b = new FlvBytes(true);
        relay.subscribeFlv(KEY, a).orElseThrow();
        relay.subscribeFlv(KEY, b).orElseThrow();
        ingest.media(Flv.avcKeyFrame(0, 2000));

        ByteBuffer first = a.chunks.get(a.chunks.size() - 1);
        ByteBuffer second = b.chunks.get(b.chunks.size() - 1);
        assertThat(first).isEqualTo(second);
        assertThat(first.isReadOnly()).isTrue();
        assertThat(first.isDirect()).isTrue();
        assertThat(first.remaining()).isEqualTo(11 + 2000 + 4);
        assertThat(first.getInt(first.limit() - 4)).as("PreviousTagSize").isEqualTo(11 + 2000);
        assertThat(first.get(0)).as("TagType video").isEqualTo((byte) 9);
    }

    @Test
    void stalledFlvOutputsAreDroppedToTheNextKeyframeOrClosedAtTheCapWhileOthersKeepEveryFrame() {
        Ingest ingest = relay.publish(KEY, new Source());
        ingest.media(Flv.avcSequenceHeader(0));
        OutboundLimits dropping = new OutboundLimits(3_000, 5_000, 20_000, OutboundLimits.DropPolicy.DROP_TO_NEXT_KEYFRAME);
        OutboundLimits never = new OutboundLimits(3_000, 5_000, 20_000, OutboundLimits.DropPolicy.NEVER);
        FlvBytes stalled = new FlvBytes(false);
        LiveSubscription dropped = relay.subscribeFlv(KEY, stalled, dropping, Runnable::run).orElseThrow();
        FlvBytes stalledNeverDropping = new FlvBytes(false);
        LiveSubscription capped = relay.subscribeFlv(KEY, stalledNeverDropping, never, Runnable::run).orElseThrow();
        FlvBytes fast = new FlvBytes(true);
        LiveSubscription quick = relay.subscribeFlv(KEY, fast, dropping, Runnable::run).orElseThrow();
        FakeSession player = new FakeSession();
        relay.onPlay(player, player.newStream().play("cam"));
        Recorder recorder = new Recorder();
        relay.subscribe(KEY, recorder).orElseThrow();

        List<MediaMessage> sent = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            MediaMessage m = i % 10 == 0 ? Flv.avcKeyFrame(i * 40, 1_000) : Flv.avcInterFrame(i * 40, 1_000);
            sent.add(m);
            ingest.media(m);
        }

        OutputStats d = dropped.stats();
        assertThat(d.droppedVideo()).isPositive();
        assertThat(d.keyframeWaits()).isEqualTo(1); // stalled for good: it never got below the low watermark again
        assertThat(d.closedForOverflow()).isFalse();
        assertThat(stalled.held).as("the queue stops growing once it drops").isLessThan(5_000 + 1_015);
        assertThat(dropped.isActive()).isTrue();

        OutputStats c = capped.stats();
        assertThat(c.droppedMessages()).isZero();
        assertThat(c.closedForOverflow()).isTrue();
        assertThat(stalledNeverDropping.ended).isInstanceOf(OutboundOverflowException.class);
        assertThat(capped.isActive()).isFalse();
        assertThat(stalledNeverDropping.held).isLessThanOrEqualTo(20_000 + 1_015);

        assertThat(relay.streams().get(KEY).orElseThrow().playerCount()).as("the closed one left; the recorder is no player")
                .isEqualTo(3);
        assertThat(quick.stats().droppedMessages()).isZero();
        assertThat(quick.stats().messagesSent()).isEqualTo(1 + sent.size());
        assertThat(recorder.media()).hasSize(1 + sent.size());
        assertThat(player.media()).hasSize(1 + sent.size());
        assertThat(relay.activeStreams().iterator().next().droppedMessages()).isEqualTo(d.droppedMessages());
    }

    @Test
    void aSlowOutputResumesAtAKeyframeOnlyOnceItsQueueIsBelowTheLowWatermark() {
        Ingest ingest = relay.publish(KEY, new Source());
        OutboundLimits limits = new OutboundLimits(3_000, 5_000, 1_000_000, OutboundLimits.DropPolicy.DROP_TO_NEXT_KEYFRAME);
        FlvBytes out = new FlvBytes(false);
        LiveSubscription sub = relay.subscribeFlv(KEY, out, limits, Runnable::run).orElseThrow();
        ingest.media(Flv.avcKeyFrame(0, 3_000));
        ingest.media(Flv.avcInterFrame(40, 3_000)); // queued 3 013 + 3 015 > high: next inter frame drops
        ingest.media(Flv.avcInterFrame(80, 100));
        ingest.media(Flv.avcInterFrame(120, 100));
        out.held = 0; // the peer caught up
        ingest.media(Flv.avcInterFrame(160, 100)); // still waiting for a keyframe
        ingest.media(Flv.avcKeyFrame(200, 100));
        ingest.media(Flv.avcInterFrame(240, 100));

        OutputStats s = sub.stats();
        assertThat(s.droppedVideo()).isEqualTo(3);
        assertThat(s.keyframeWaits()).isEqualTo(1);
        assertThat(s.messagesSent()).isEqualTo(4);
        assertThat(s.closedForOverflow()).isFalse();
    }

    @Test
    void outputsOnAnotherThreadGetOneTaskPerThreadPerMessage() {
        Ingest ingest = relay.publish(KEY, new Source());
        ArrayDeque<Runnable> loop = new ArrayDeque<>();
        Object loopKey = new Object();
        List<List<MediaMessage>> got = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<MediaMessage> mine = new ArrayList<>();
            got.add(mine);
            relay.subscribe(KEY, new MediaSink() {
                @Override
                public Object executorKey() {
                    return loopKey;
                }

                @Override
                public boolean inSinkThread() {
                    return false;
                }

                @Override
                public void execute(Runnable task) {
                    loop.add(task);
                }

                @Override
                public long queuedBytes() {
                    return 0;
                }

                @Override
                public void onEvent(RelayEvent event) {
                    if (event instanceof LiveMedia m) {
                        mine.add(m.message());
                    }
                }

                @Override
                public void onOverflow(long queuedBytes, long maxQueued) {}
            }).orElseThrow();
        }
        while (!loop.isEmpty()) {
            loop.poll().run(); // the joins
        }
        MediaMessage k = Flv.avcKeyFrame(0, 100);
        ingest.media(k);

        assertThat(loop).hasSize(1);
        loop.poll().run();
        assertThat(got).allSatisfy(l -> assertThat(l).containsExactly(k));
    }

    @Test
    void anUnknownNameIsResolvedByTheHostAndItsPublisherAnnouncedToTheWaitingOutput() {
        List<StreamKey> asked = new ArrayList<>();
        LiveBroadcastController onDemand = new LiveBroadcastController(LiveOptions.DEFAULT.withWaitForPublisher(false)) {
            @Override
            protected boolean resolveStream(StreamKey key) {
                asked.add(key);
                return key.name().equals("pull");
            }
        };
        assertThat(onDemand.subscribe(KEY, new Recorder())).isEmpty();
        Recorder waiting = new Recorder();
        StreamKey pull = new StreamKey("live", "pull");
        assertThat(onDemand.subscribe(pull, waiting)).isPresent();
        assertThat(asked).containsExactly(KEY, pull);

        Ingest ingest = onDemand.publish(pull, new Source());
        ingest.media(Flv.avcKeyFrame(0));
        ingest.close();

        assertThat(waiting.events).hasSize(3);
        assertThat(waiting.events.get(0)).isInstanceOf(RelayEvent.Published.class);
        assertThat(waiting.events.get(1)).isInstanceOf(LiveMedia.class);
        assertThat(waiting.events.get(2)).isInstanceOf(RelayEvent.Unpublished.class);
    }

    @Test
    void everyInputGoesThroughTheSamePublishDecisionPolicyAndLimits() {
        LiveBroadcastController guarded = new LiveBroadcastController(LiveOptions.DEFAULT.withMaxStreams(1)) {
            @Override
            protected Status authorizePublish(StreamKey key, IngestSource source) {
                return key.name().startsWith("secret")
                        ? Status.error(StatusCodes.PUBLISH_REJECTED, "no") : null;
            }
        };
        assertThatThrownBy(() -> guarded.publish(new StreamKey("live", "secret"), new Source()))
                .isInstanceOf(LivePublishException.class)
                .extracting(e -> ((LivePublishException) e).status().code()).isEqualTo(StatusCodes.PUBLISH_REJECTED);
        FakeSession rtmp = new FakeSession();
        FakeSession.Stream st = rtmp.newStream();
        guarded.onPublish(rtmp, st.publish("secret-too"));
        assertThat(rtmp.events()).singleElement().isInstanceOf(FakeSession.Rejected.class);

        Ingest first = guarded.publish(KEY, new Source());
        assertThatThrownBy(() -> guarded.publish(KEY, new Source())).isInstanceOf(LivePublishException.class)
                .extracting(e -> ((LivePublishException) e).status().code()).isEqualTo(StatusCodes.PUBLISH_BAD_NAME);
        assertThatThrownBy(() -> guarded.publish(new StreamKey("live", "other"), new Source()))
                .isInstanceOf(LivePublishException.class)
                .extracting(e -> ((LivePublishException) e).status().code()).isEqualTo(StatusCodes.PUBLISH_REJECTED);
        assertThat(guarded.stats().totalStreams()).isEqualTo(1);
        assertThat(guarded.liveStreamCount()).isEqualTo(1);
        first.close();
        assertThat(guarded.liveStreamCount()).isZero();
    }
}
