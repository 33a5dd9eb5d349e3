package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.internal.EncodedMedia;
import org.rtmp4j.core.message.MediaMessage;

/** The relay hands every player of a published message the same {@link EncodedMedia}. */
class LiveSharedEncodingTest {
    private final LiveBroadcastController relay = new LiveBroadcastController();

    private FakeSession.Stream play(FakeSession s, String name) {
        FakeSession.Stream st = s.newStream();
        relay.onPlay(s, st.play(name));
        return st;
    }

    @Test
    void everyLivePlayerGetsTheSameSharedEncodingOfAPublishedMessage() {
        FakeSession pub = new FakeSession();
        FakeSession.Stream pubStream = pub.newStream();
        relay.onPublish(pub, pubStream.publish("cam"));
        MediaMessage vsh = Flv.avcSequenceHeader(0);
        MediaMessage k0 = Flv.avcKeyFrame(0);
        relay.onMedia(pub, pubStream, vsh);
        relay.onMedia(pub, pubStream, k0);

        List<FakeSession> players = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            FakeSession p = new FakeSession();
            if (i == 4) {
                p.newStream(); // this player plays on message stream id 2
            }
            play(p, "cam");
            players.add(p);
        }
        List<MediaMessage> live = List.of(Flv.aacSequenceHeader(10), Flv.avcKeyFrame(40), Flv.avcKeyFrame(80));
        for (MediaMessage m : live) {
            relay.onMedia(pub, pubStream, m);
        }

        for (FakeSession p : players) {
            // the cached prefix and the live edge: each message's one shared encoding, for every player
            List<MediaMessage> all = new ArrayList<>(List.of(vsh, k0));
            all.addAll(live);
            assertThat(p.shared).hasSize(all.size());
            for (int i = 0; i < all.size(); i++) {
                assertThat(p.shared.get(i)).isSameAs(players.get(0).shared.get(i));
                assertThat(p.shared.get(i).media()).isSameAs(all.get(i));
            }
            List<MediaMessage> media = p.media();
            assertThat(media).hasSize(2 + live.size());
            assertThat(media.get(0).payload()).isEqualTo(vsh.payload());
            assertThat(media.get(1).payload()).isEqualTo(k0.payload());
        }
        assertThat(players.get(4).media()).allSatisfy(m -> assertThat(m.streamId()).isEqualTo(2));
        assertThat(players.get(0).media()).allSatisfy(m -> assertThat(m.streamId()).isEqualTo(1));
    }
}
