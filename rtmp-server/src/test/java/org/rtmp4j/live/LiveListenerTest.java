package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.message.AmfEncoding;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.flv.codec.MediaInfo;

/** {@link LiveListener#onMediaInfo}: once per actual change of a stream's codec description, on the publisher's thread. */
class LiveListenerTest {
    private final LiveBroadcastController relay = new LiveBroadcastController();

    /** One {@code onMediaInfo} call as received. */
    record Call(StreamKey key, MediaInfo media, Thread thread) {}

    /** Records every call. */
    static final class Recorder implements LiveListener {
        final List<Call> calls = new CopyOnWriteArrayList<>();

        @Override
        public void onMediaInfo(StreamKey key, MediaInfo media) {
            calls.add(new Call(key, media, Thread.currentThread()));
        }
    }

    private record Pub(FakeSession session, FakeSession.Stream stream) {
        void send(LiveBroadcastController relay, MediaMessage... media) {
            for (MediaMessage m : media) {
                relay.onMedia(session, stream, m);
            }
        }

        void metadata(LiveBroadcastController relay, Map<String, Object> metadata) {
            relay.onMetadata(session, stream, new DataMessage(0, 1, AmfEncoding.AMF0,
                    List.of("@setDataFrame", "onMetaData", metadata)));
        }
    }

    private Pub publish(String name) {
        FakeSession s = new FakeSession();
        FakeSession.Stream st = s.newStream();
        relay.onPublish(s, st.publish(name));
        return new Pub(s, st);
    }

    @Test
    void onPublishedIsCalledOncePerPublishOfAnyInputBeforeItsFirstMessage() {
        List<String> events = new CopyOnWriteArrayList<>();
        relay.addListener(new LiveListener() {
            @Override
            public void onPublished(StreamKey key) {
                events.add("published " + key + " live=" + relay.isLive(key));
            }

            @Override
            public void onMediaInfo(StreamKey key, MediaInfo media) {
                events.add("media " + key);
            }
        });
        Pub pub = publish("cam");
        pub.send(relay, Flv.aacSequenceHeader(0));
        Ingest upload = relay.publish(new StreamKey("live", "up"), new IngestSource() {
            @Override
            public String id() {
                return "upload";
            }

            @Override
            public void close() {}
        });
        upload.close();

        assertThat(events).containsExactly("published live/cam live=true", "media live/cam", "published live/up live=true");
    }

    @Test
    void reportsEachActualChangeOnceAndNothingForFramesThatChangeNothing() {
        Recorder rec = new Recorder();
        relay.addListener(rec);
        Pub pub = publish("cam");
        StreamKey key = new StreamKey("live", "cam");

        pub.send(relay, Flv.aacSequenceHeader(0), Flv.aacFrame(0), Flv.aacFrame(23), Flv.aacFrame(46));
        assertThat(rec.calls).singleElement().satisfies(c -> {
            assertThat(c.key()).isEqualTo(key);
            assertThat(c.media().audioCodec()).isEqualTo("aac");
            assertThat(c.media().sampleRate()).isEqualTo(44_100);
            assertThat(c.media().channels()).isEqualTo(2);
            assertThat(c.media().videoCodec()).isNull();
            assertThat(c.thread()).isSameAs(Thread.currentThread());
        });

        pub.send(relay, Flv.avcSequenceHeader(0), Flv.avcKeyFrame(0), Flv.avcInterFrame(40), Flv.avcInterFrame(80),
                Flv.aacSequenceHeader(80), Flv.avcKeyFrame(120));
        assertThat(rec.calls).hasSize(2);
        assertThat(rec.calls.get(1).media().videoCodec()).isEqualTo("h264");
        assertThat(rec.calls.get(1).media().audioCodec()).isEqualTo("aac");
        assertThat(rec.calls.get(1).media().hasFrameRate()).isFalse();

        Map<String, Object> md = Map.of("width", 640.0, "height", 360.0, "framerate", 25.0);
        pub.metadata(relay, md);
        pub.metadata(relay, md); // the same again: no change
        pub.send(relay, Flv.avcInterFrame(160));
        assertThat(rec.calls).hasSize(3);
        MediaInfo last = rec.calls.get(2).media();
        assertThat(last.width()).isEqualTo(640);
        assertThat(last.height()).isEqualTo(360);
        assertThat(last.frameRate()).isEqualTo(25.0);
        assertThat(relay.activeStreams()).singleElement().satisfies(i -> assertThat(i.media()).isEqualTo(last));
    }

    @Test
    void aNewPublisherOfTheSameKeyIsReportedAgainAndLeavingReportsNothing() {
        Recorder rec = new Recorder();
        relay.addListener(rec);
        Pub first = publish("cam");
        first.send(relay, Flv.aacSequenceHeader(0), Flv.avcSequenceHeader(0), Flv.avcKeyFrame(0));
        int afterFirst = rec.calls.size();
        assertThat(afterFirst).isEqualTo(2);

        relay.onUnpublish(first.session(), first.stream());
        assertThat(rec.calls).hasSize(afterFirst);

        Pub second = publish("cam");
        second.send(relay, Flv.aacSequenceHeader(0), Flv.avcSequenceHeader(0), Flv.avcKeyFrame(0));
        assertThat(rec.calls).hasSize(2 * afterFirst);
        assertThat(rec.calls.subList(afterFirst, 2 * afterFirst)).extracting(Call::media)
                .containsExactlyElementsOf(rec.calls.subList(0, afterFirst).stream().map(Call::media).toList());
    }

    @Test
    void streamsAreReportedUnderTheirOwnKeys() {
        Recorder rec = new Recorder();
        relay.addListener(rec);
        publish("a").send(relay, Flv.aacSequenceHeader(0));
        publish("b").send(relay, Flv.avcSequenceHeader(0));

        assertThat(rec.calls).extracting(c -> c.key().name()).containsExactly("a", "b");
        assertThat(rec.calls.get(0).media().audioCodec()).isEqualTo("aac");
        assertThat(rec.calls.get(1).media().videoCodec()).isEqualTo("h264");
    }

    @Test
    void aFailingListenerDisturbsNeitherTheStreamNorOtherListenersAndRemovedListenersHearNothing() {
        LiveListener failing = new LiveListener() {
            @Override
            public void onMediaInfo(StreamKey key, MediaInfo media) {
                throw new IllegalStateException("listener bug");
            }
        };
        Recorder rec = new Recorder();
        Recorder removed = new Recorder();
        relay.addListener(failing);
        relay.addListener(rec);
        relay.addListener(removed);
        assertThat(relay.removeListener(removed)).isTrue();
        assertThat(relay.removeListener(removed)).isFalse();
        Pub pub = publish("cam");
        FakeSession player = new FakeSession();
        relay.onPlay(player, player.newStream().play("cam"));

        List<MediaMessage> sent = List.of(Flv.aacSequenceHeader(0), Flv.avcSequenceHeader(0), Flv.avcKeyFrame(0));
        for (MediaMessage m : sent) {
            pub.send(relay, m);
        }

        assertThat(rec.calls).hasSize(2);
        assertThat(removed.calls).isEmpty();
        assertThat(player.media()).extracting(MediaMessage::payload)
                .containsExactlyElementsOf(sent.stream().map(MediaMessage::payload).toList());
    }
}
