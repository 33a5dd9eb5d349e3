package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.AmfEncoding;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.core.session.PlayRequest;
import org.rtmp4j.core.session.PublishRequest;

class LiveBroadcastControllerTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private LiveBroadcastController relay = new LiveBroadcastController(LiveOptions.DEFAULT, Clock.fixed(T0, ZoneOffset.UTC));

    /** A publisher session with its stream, already accepted. */
    record Pub(FakeSession session, FakeSession.Stream stream) {}

    /** A player session with its stream and the decision it got. */
    record Player(FakeSession session, FakeSession.Stream stream) {}

    private Pub publish(String name) {
        FakeSession s = new FakeSession();
        FakeSession.Stream st = s.newStream();
        PublishRequest req = st.publish(name);
        relay.onPublish(s, req);
        assertThat(s.events()).first().isInstanceOf(FakeSession.Accepted.class);
        return new Pub(s, st);
    }

    private Player play(String name, List<String> fourCcList) {
        FakeSession s = new FakeSession("live", fourCcList);
        FakeSession.Stream st = s.newStream();
        PlayRequest req = st.play(name);
        relay.onPlay(s, req);
        return new Player(s, st);
    }

    private Player play(String name) {
        return play(name, List.of());
    }

    private void send(Pub p, MediaMessage... media) {
        for (MediaMessage m : media) {
            relay.onMedia(p.session(), p.stream(), m);
        }
    }

    private static DataMessage setDataFrame(Map<String, Object> metadata) {
        return new DataMessage(0, 1, AmfEncoding.AMF0, List.of("@setDataFrame", "onMetaData", metadata));
    }

    private static boolean accepted(Player p) {
        return p.session().events().stream().anyMatch(e -> e instanceof FakeSession.Accepted);
    }

    private static FakeSession.Rejected rejection(FakeSession s) {
        return s.events().stream().filter(e -> e instanceof FakeSession.Rejected)
                .map(e -> (FakeSession.Rejected) e).findFirst().orElse(null);
    }

    @Test
    void lateJoinerGetsMetadataSequenceHeadersAndGopFromTheLastKeyFrameThenLiveMedia() {
        Pub pub = publish("cam");
        Map<String, Object> md = Map.of("width", 1280.0, "height", 720.0);
        relay.onMetadata(pub.session(), pub.stream(), setDataFrame(md));
        VideoMessage vsh = Flv.avcSequenceHeader(0);
        MediaMessage ash = Flv.aacSequenceHeader(0);
        MediaMessage k0 = Flv.avcKeyFrame(0);
        MediaMessage k1 = Flv.avcKeyFrame(100);
        MediaMessage a1 = Flv.aacFrame(110);
        MediaMessage p1 = Flv.avcInterFrame(133);
        send(pub, vsh, ash, k0, Flv.avcInterFrame(33), Flv.aacFrame(40), k1, a1, p1);

        Player player = play("cam");
        MediaMessage live = Flv.avcInterFrame(166);
        send(pub, live);

        List<FakeSession.Event> events = player.session().events();
        assertThat(events).hasSize(8);
        assertThat(events.get(0)).isInstanceOf(FakeSession.Accepted.class);
        assertThat(((FakeSession.Metadata) events.get(1)).metadata()).isEqualTo(md);
        assertThat(player.session().media()).extracting(MediaMessage::payload)
                .containsExactly(vsh.payload(), ash.payload(), k1.payload(), a1.payload(), p1.payload(), live.payload());
        assertThat(player.session().media()).allSatisfy(m -> assertThat(m.streamId()).isEqualTo(player.stream().id()));
    }

    @Test
    void whatHappensWhileAPlayerIsSentTheCachedPrefixFollowsItInOrder() {
        Pub pub = publish("cam");
        send(pub, Flv.avcSequenceHeader(0), Flv.avcKeyFrame(0), Flv.avcInterFrame(10));
        FakeSession s = new FakeSession();
        FakeSession.Stream st = s.newStream();
        boolean[] first = {true};
        s.beforeSendMedia = () -> { // runs inside onPlay, while the prefix is being sent
            if (first[0]) {
                first[0] = false;
                send(pub, Flv.avcInterFrame(20));
                relay.onMetadata(pub.session(), pub.stream(), setDataFrame(Map.of("v", 2.0)));
                relay.onUnpublish(pub.session(), pub.stream());
            }
        };
        relay.onPlay(s, st.play("cam"));

        List<FakeSession.Event> events = s.events();
        assertThat(events).hasSize(7);
        assertThat(events.get(0)).isInstanceOf(FakeSession.Accepted.class);
        assertThat(events.subList(1, 5)).extracting(e -> ((FakeSession.Media) e).media().timestamp())
                .containsExactly(0, 0, 10, 20);
        assertThat(((FakeSession.Metadata) events.get(5)).metadata()).isEqualTo(Map.of("v", 2.0));
        assertThat(((FakeSession.StatusSent) events.get(6)).status().code()).isEqualTo(StatusCodes.PLAY_UNPUBLISH_NOTIFY);
        assertThat(relay.activeStreams()).singleElement().satisfies(i -> {
            assertThat(i.live()).isFalse();
            assertThat(i.players()).isEqualTo(1);
        });
    }

    @Test
    void relaysMediaWithThePlayersStreamIdSharingThePayload() {
        Pub pub = publish("cam");
        FakeSession s = new FakeSession();
        s.newStream();
        FakeSession.Stream second = s.newStream(); // message stream id 2
        relay.onPlay(s, second.play("cam"));
        byte[] bytes = {0x17, 0x01, 0, 0, 0, 1, 2, 3};
        MediaMessage key = new VideoMessage(0, 1, ByteBuffer.wrap(bytes));
        send(pub, key);

        MediaMessage got = s.media().get(0);
        assertThat(got.streamId()).isEqualTo(2);
        assertThat(got.payload()).isEqualTo(key.payload());
        assertThat(got.timestamp()).isEqualTo(key.timestamp());
        bytes[7] = 9; // shared, not copied: the player's message sees the publisher's bytes
        assertThat(got.payload().get(7)).isEqualTo((byte) 9);
    }

    @Test
    void metadataInBothFormsIsStoredAndTheLatestGoesToJoiners() {
        Pub pub = publish("cam");
        Player early = play("cam");
        relay.onMetadata(pub.session(), pub.stream(), setDataFrame(Map.of("v", 1.0)));
        relay.onMetadata(pub.session(), pub.stream(),
                new DataMessage(0, 1, AmfEncoding.AMF0, List.of("onMetaData", Map.of("v", 2.0))));
        Player late = play("cam");

        assertThat(early.session().events()).filteredOn(e -> e instanceof FakeSession.Metadata)
                .extracting(e -> ((FakeSession.Metadata) e).metadata())
                .containsExactly(Map.of("v", 1.0), Map.of("v", 2.0));
        assertThat(late.session().events()).filteredOn(e -> e instanceof FakeSession.Metadata)
                .extracting(e -> ((FakeSession.Metadata) e).metadata())
                .containsExactly(Map.of("v", 2.0));
    }

    @Test
    void clearDataFrameForgetsMetadataAndOtherDataIsNotCached() {
        Pub pub = publish("cam");
        relay.onMetadata(pub.session(), pub.stream(), setDataFrame(Map.of("v", 1.0)));
        relay.onMetadata(pub.session(), pub.stream(),
                new DataMessage(0, 1, AmfEncoding.AMF0, List.of("@clearDataFrame", "onMetaData")));
        relay.onMetadata(pub.session(), pub.stream(),
                new DataMessage(0, 1, AmfEncoding.AMF0, List.of("@setDataFrame", "onTextData", Map.of("t", "x"))));
        Player late = play("cam");
        assertThat(late.session().events()).noneMatch(e -> e instanceof FakeSession.Metadata);
    }

    @Test
    void joinerAfterAGopOverflowGetsHeadersThenStartsAtTheNextKeyFrame() {
        relay = new LiveBroadcastController(LiveOptions.DEFAULT.withGopCacheMaxBytes(1000));
        Pub pub = publish("cam");
        MediaMessage vsh = Flv.avcSequenceHeader(0);
        send(pub, vsh, Flv.avcKeyFrame(0, 600), Flv.avcInterFrame(40, 600)); // overflow: cache dropped
        Player player = play("cam");
        MediaMessage key = Flv.avcKeyFrame(80, 100);
        send(pub, Flv.avcInterFrame(60, 10), key);

        send(pub, Flv.avcInterFrame(120, 10));
        // the inter frame at 60 references frames the player never got: withheld
        assertThat(player.session().media()).extracting(MediaMessage::timestamp).containsExactly(0, 80, 120);
        assertThat(relay.streams().get(new StreamKey("live", "cam")).orElseThrow().gopCache().size()).isEqualTo(2);
    }

    @Test
    void playersWaitForAKeyFrameWhenANewPublisherStartsMidGop() {
        Player player = play("cam");
        Pub pub = publish("cam");
        send(pub, Flv.aacFrame(0), Flv.avcInterFrame(10), Flv.avcKeyFrame(20), Flv.avcInterFrame(30));
        assertThat(player.session().media()).extracting(MediaMessage::timestamp).containsExactly(0, 20, 30);

        relay.onUnpublish(pub.session(), pub.stream());
        Pub next = publish("cam");
        send(next, Flv.avcInterFrame(40), Flv.avcKeyFrame(50));
        assertThat(player.session().media()).extracting(MediaMessage::timestamp).containsExactly(0, 20, 30, 50);
    }

    @Test
    void joinerGetsTheSequenceHeaderOfEachMultitrackTrack() {
        Pub pub = publish("multi");
        MediaMessage t0 = Flv.multitrackSequenceStart(0, "avc1", 0);
        MediaMessage t1 = Flv.multitrackSequenceStart(0, "avc1", 1);
        MediaMessage t0again = Flv.multitrackSequenceStart(5, "avc1", 0);
        send(pub, t0, t1, t0again);
        Player player = play("multi", List.of("avc1"));

        assertThat(player.session().media()).extracting(MediaMessage::payload)
                .containsExactly(t0again.payload(), t1.payload());
    }

    @Test
    void requestsDecidedAfterTheStreamClosedAreRefusedAndLeaveNoState() {
        FakeSession s = new FakeSession();
        FakeSession.Stream st = s.newStream();
        PublishRequest publish = st.publish("cam");
        PlayRequest play = st.play("cam");
        st.state = org.rtmp4j.core.session.NetStream.State.CLOSED;
        relay.onPublish(s, publish);
        relay.onPlay(s, play);

        assertThat(s.events()).allMatch(e -> e instanceof FakeSession.Rejected).hasSize(2);
        assertThat(relay.streams().size()).isZero();
        assertThat(relay.liveStreamCount()).isZero();
    }

    @Test
    void secondPublisherOnTheSameNameIsRefusedWithBadName() {
        publish("cam");
        FakeSession s = new FakeSession();
        FakeSession.Stream st = s.newStream();
        relay.onPublish(s, st.publish("cam"));

        FakeSession.Rejected r = rejection(s);
        assertThat(r).isNotNull();
        assertThat(r.status().code()).isEqualTo(StatusCodes.PUBLISH_BAD_NAME);
        assertThat(r.status().isError()).isTrue();
        assertThat(r.status().description()).contains("cam");
    }

    @Test
    void anEmptyStreamKeyIsRefusedWithBadName() {
        FakeSession s = new FakeSession();
        FakeSession.Stream st = s.newStream();
        relay.onPublish(s, st.publish(""));

        FakeSession.Rejected r = rejection(s);
        assertThat(r).isNotNull();
        assertThat(r.status().code()).isEqualTo(StatusCodes.PUBLISH_BAD_NAME);
        assertThat(r.status().description()).isEqualTo("empty stream key");
        assertThat(relay.activeStreams()).isEmpty();
        assertThat(relay.liveStreamCount()).isZero();
    }

    @Test
    void sameNameInAnotherAppIsAnotherStream() {
        publish("cam");
        FakeSession s = new FakeSession("other", List.of());
        FakeSession.Stream st = s.newStream();
        relay.onPublish(s, st.publish("cam"));
        assertThat(rejection(s)).isNull();
        assertThat(relay.activeStreams()).extracting(StreamInfo::key)
                .containsExactlyInAnyOrder(new StreamKey("live", "cam"), new StreamKey("other", "cam"));
    }

    @Test
    void playersGetUnpublishNotifyWhenThePublisherUnpublishesAndPublishNotifyWhenOneReturns() {
        Pub pub = publish("cam");
        Player player = play("cam");
        relay.onUnpublish(pub.session(), pub.stream());

        assertThat(player.session().statusCodes()).containsExactly(StatusCodes.PLAY_UNPUBLISH_NOTIFY);
        assertThat(relay.streams().get(new StreamKey("live", "cam"))).get()
                .satisfies(s -> assertThat(s.isLive()).isFalse());

        Pub next = publish("cam");
        MediaMessage key = Flv.avcKeyFrame(0);
        send(next, key);
        assertThat(player.session().statusCodes())
                .containsExactly(StatusCodes.PLAY_UNPUBLISH_NOTIFY, StatusCodes.PLAY_PUBLISH_NOTIFY);
        assertThat(player.session().media()).extracting(MediaMessage::payload).containsExactly(key.payload());
    }

    @Test
    void playersGetUnpublishNotifyWhenThePublisherConnectionCloses() {
        Pub pub = publish("cam");
        Player player = play("cam");
        relay.onClose(pub.session(), new java.io.IOException("reset"));

        assertThat(player.session().statusCodes()).containsExactly(StatusCodes.PLAY_UNPUBLISH_NOTIFY);
        send(pub, Flv.avcKeyFrame(0));
        assertThat(player.session().media()).isEmpty();
        // the name is free again
        publish("cam");
    }

    @Test
    void waitingPlayersGetPublishNotifyAndThenTheNewStream() {
        Player player = play("cam");
        assertThat(accepted(player)).isTrue();
        assertThat(relay.activeStreams()).singleElement()
                .satisfies(i -> {
                    assertThat(i.live()).isFalse();
                    assertThat(i.players()).isEqualTo(1);
                });

        Pub pub = publish("cam");
        MediaMessage vsh = Flv.avcSequenceHeader(0);
        send(pub, vsh);

        List<FakeSession.Event> events = player.session().events();
        assertThat(events).hasSize(3);
        assertThat(((FakeSession.StatusSent) events.get(1)).status().code()).isEqualTo(StatusCodes.PLAY_PUBLISH_NOTIFY);
        assertThat(((FakeSession.Media) events.get(2)).media().payload()).isEqualTo(vsh.payload());
    }

    @Test
    void playOfAMissingStreamIsRefusedWithStreamNotFoundWhenNotWaiting() {
        relay = new LiveBroadcastController(LiveOptions.DEFAULT.withWaitForPublisher(false));
        Player player = play("nothing");

        assertThat(rejection(player.session()).status().code()).isEqualTo(StatusCodes.PLAY_STREAM_NOT_FOUND);
        assertThat(relay.streams().size()).isZero();
    }

    @Test
    void stoppedPlayersReceiveNothingMoreAndIdleStreamsLeaveTheRegistry() {
        Player player = play("cam");
        relay.onStopPlay(player.session(), player.stream());
        assertThat(relay.streams().size()).isZero();

        Pub pub = publish("cam");
        Player p2 = play("cam");
        relay.onClose(p2.session(), null);
        send(pub, Flv.avcKeyFrame(0));
        assertThat(player.session().media()).isEmpty();
        assertThat(p2.session().media()).isEmpty();
        assertThat(relay.activeStreams()).singleElement().satisfies(i -> assertThat(i.players()).isZero());

        relay.onUnpublish(pub.session(), pub.stream());
        assertThat(relay.streams().size()).isZero();
    }

    @Test
    void audioOnlyJoinerGetsTheAudioSequenceHeaderAndRecentAudio() {
        Pub pub = publish("radio");
        MediaMessage ash = Flv.aacSequenceHeader(0);
        send(pub, ash);
        for (int ts = 0; ts <= 5000; ts += 100) {
            send(pub, Flv.aacFrame(ts));
        }
        Player player = play("radio");

        List<MediaMessage> got = player.session().media();
        assertThat(got.get(0).payload()).isEqualTo(ash.payload());
        assertThat(got.subList(1, got.size())).extracting(MediaMessage::timestamp)
                .containsExactly(4000, 4100, 4200, 4300, 4400, 4500, 4600, 4700, 4800, 4900, 5000);
    }

    @Test
    void malformedVideoIsCountedButNotRelayedWhileUnparsableAudioIs() {
        Pub pub = publish("cam");
        Player player = play("cam");
        MediaMessage key = Flv.avcKeyFrame(0);
        MediaMessage empty = new VideoMessage(10, 1, ByteBuffer.allocate(0));
        MediaMessage silence = new AudioMessage(20, 1, ByteBuffer.allocate(0));
        send(pub, key, empty, silence);
        assertThat(player.session().media()).extracting(MediaMessage::payload)
                .containsExactly(key.payload(), silence.payload());
        assertThat(relay.activeStreams()).singleElement().satisfies(i -> assertThat(i.messagesIn()).isEqualTo(3));
    }

    @Test
    void enhancedStreamIsRefusedToPlayersWithoutItsFourCc() {
        Pub pub = publish("hevc");
        send(pub, Flv.enhanced(0, 1, 0, "hvc1"), Flv.enhanced(0, 1, 1, "hvc1"));

        Player legacy = play("hevc");
        Player other = play("hevc", List.of("av01"));
        Player hevc = play("hevc", List.of("av01", "hvc1"));
        Player any = play("hevc", List.of("*"));

        assertThat(rejection(legacy.session()).status().code()).isEqualTo(StatusCodes.PLAY_FAILED);
        assertThat(rejection(other.session()).status().code()).isEqualTo(StatusCodes.PLAY_FAILED);
        assertThat(accepted(hevc)).isTrue();
        assertThat(hevc.session().media()).hasSize(2);
        assertThat(accepted(any)).isTrue();
    }

    @Test
    void enhancedStreamMayBeAllowedToLegacyPlayers() {
        relay = new LiveBroadcastController(LiveOptions.DEFAULT.withAllowEnhancedToLegacyPlayers(true));
        Pub pub = publish("hevc");
        send(pub, Flv.enhanced(0, 1, 0, "hvc1"));
        Player legacy = play("hevc");
        assertThat(accepted(legacy)).isTrue();
        assertThat(legacy.session().media()).hasSize(1);
    }

    @Test
    void waitingLegacyPlayerIsDroppedWithPlayFailedWhenTheStreamTurnsOutEnhanced() {
        Player legacy = play("hevc");
        Player hevc = play("hevc", List.of("hvc1"));
        Pub pub = publish("hevc");
        MediaMessage sh = Flv.enhanced(0, 1, 0, "hvc1");
        send(pub, sh, Flv.enhanced(0, 1, 1, "hvc1"));

        assertThat(legacy.session().statusCodes())
                .containsExactly(StatusCodes.PLAY_PUBLISH_NOTIFY, StatusCodes.PLAY_FAILED, StatusCodes.PLAY_STOP);
        assertThat(legacy.session().media()).isEmpty();
        assertThat(hevc.session().media()).hasSize(2);
        assertThat(relay.activeStreams()).singleElement().satisfies(i -> {
            assertThat(i.players()).isEqualTo(1);
            assertThat(i.videoFourCc()).isEqualTo("hvc1");
        });
    }

    @Test
    void aPlayerOfAMultitrackStreamMustListEveryTracksFourCc() {
        Player avcOnly = play("multi", List.of("avc1"));
        Player both = play("multi", List.of("avc1", "hvc1"));
        Pub pub = publish("multi");
        send(pub, Flv.multitrackSequenceStart(0, "avc1", 0));
        assertThat(avcOnly.session().statusCodes()).doesNotContain(StatusCodes.PLAY_FAILED);

        send(pub, Flv.multitrackSequenceStart(0, "hvc1", 1)); // track 1 is HEVC: avc1 alone is not enough
        assertThat(avcOnly.session().events()).filteredOn(FakeSession.StatusSent.class::isInstance)
                .map(e -> ((FakeSession.StatusSent) e).status())
                .filteredOn(st -> st.code().equals(StatusCodes.PLAY_FAILED))
                .singleElement().satisfies(st -> assertThat(st.description()).contains("hvc1"));
        assertThat(both.session().statusCodes()).doesNotContain(StatusCodes.PLAY_FAILED);
        assertThat(relay.activeStreams()).singleElement()
                .satisfies(i -> assertThat(i.videoFourCc()).as("track 0's").isEqualTo("avc1"));
        Player late = play("multi", List.of("avc1"));
        assertThat(rejection(late.session()).status().description()).contains("hvc1");
    }

    @Test
    void publishBeyondMaxStreamsIsRejected() {
        relay = new LiveBroadcastController(LiveOptions.DEFAULT.withMaxStreams(1));
        Pub first = publish("a");
        FakeSession s = new FakeSession();
        FakeSession.Stream st = s.newStream();
        relay.onPublish(s, st.publish("b"));
        assertThat(rejection(s).status().code()).isEqualTo(StatusCodes.PUBLISH_REJECTED);

        FakeSession dup = new FakeSession();
        FakeSession.Stream dst = dup.newStream();
        relay.onPublish(dup, dst.publish("a"));
        assertThat(rejection(dup).status().code()).isEqualTo(StatusCodes.PUBLISH_BAD_NAME);

        assertThat(relay.liveStreamCount()).isEqualTo(1);
        relay.onUnpublish(first.session(), first.stream());
        assertThat(relay.liveStreamCount()).isZero();
        publish("b");
    }

    @Test
    void zeroMaxStreamsMeansUnlimited() {
        relay = new LiveBroadcastController(LiveOptions.DEFAULT.withMaxStreams(0));
        for (int i = 0; i < LiveOptions.DEFAULT_MAX_STREAMS + 10; i++) {
            publish("s" + i);
        }
        assertThat(relay.activeStreams()).hasSize(LiveOptions.DEFAULT_MAX_STREAMS + 10);
    }

    @Test
    void takeoverPolicyClosesTheOldPublisherAndKeepsThePlayers() {
        relay = new LiveBroadcastController(LiveOptions.DEFAULT.withPublisherPolicy(PublisherPolicy.TAKEOVER));
        Pub old = publish("cam");
        Player player = play("cam");
        Pub next = publish("cam");

        assertThat(old.session().isClosed()).isTrue();
        assertThat(player.session().statusCodes())
                .containsExactly(StatusCodes.PLAY_UNPUBLISH_NOTIFY, StatusCodes.PLAY_PUBLISH_NOTIFY);
        send(old, Flv.avcKeyFrame(0));
        relay.onUnpublish(old.session(), old.stream());
        MediaMessage key = Flv.avcKeyFrame(10);
        send(next, key);
        assertThat(player.session().media()).extracting(MediaMessage::payload).containsExactly(key.payload());
        assertThat(relay.activeStreams()).singleElement().satisfies(i -> assertThat(i.live()).isTrue());
    }

    @Test
    void activeStreamsReportPlayersCountersAndPublishingTime() {
        Pub pub = publish("cam");
        play("cam");
        play("cam");
        send(pub, Flv.avcKeyFrame(0, 100), Flv.aacFrame(0, 10));

        assertThat(relay.activeStreams()).singleElement().satisfies(i -> {
            assertThat(i.key()).isEqualTo(new StreamKey("live", "cam"));
            assertThat(i.live()).isTrue();
            assertThat(i.publishingSince()).isEqualTo(T0);
            assertThat(i.players()).isEqualTo(2);
            assertThat(i.messagesIn()).isEqualTo(2);
            assertThat(i.bytesIn()).isEqualTo(110);
            assertThat(i.videoFourCc()).isNull();
        });
    }

    @Test
    void aPublisherAskedToReconnectIsContinuedByItsSuccessorWithoutNotifyingThePlayers() {
        Pub old = publish("cam");
        Player player = play("cam");
        send(old, Flv.avcSequenceHeader(0), Flv.avcKeyFrame(0), Flv.avcInterFrame(40));
        old.session().requestReconnect(null, "update");

        Pub next = publish("cam"); // REFUSE is the default policy: still accepted
        send(old, Flv.avcInterFrame(80)); // the old one's late frames are not relayed
        send(next, Flv.avcInterFrame(80), Flv.avcSequenceHeader(80), Flv.avcKeyFrame(80), Flv.avcInterFrame(120));
        relay.onUnpublish(old.session(), old.stream());

        assertThat(old.session().isClosed()).isFalse();
        assertThat(player.session().statusCodes()).isEmpty();
        assertThat(player.session().media()).extracting(MediaMessage::timestamp).containsExactly(0, 0, 40, 80, 80, 120);
        assertThat(relay.liveStreamCount()).isEqualTo(1);
        assertThat(relay.activeStreams()).singleElement().satisfies(i -> assertThat(i.live()).isTrue());
    }

    @Test
    void withoutAReconnectRequestTheDefaultPolicyStillRefusesASecondPublisher() {
        publish("cam");
        FakeSession s = new FakeSession();
        FakeSession.Stream st = s.newStream();
        relay.onPublish(s, st.publish("cam"));

        assertThat(s.events()).singleElement().isInstanceOf(FakeSession.Rejected.class);
    }
}
