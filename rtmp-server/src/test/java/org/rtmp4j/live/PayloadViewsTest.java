package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.ForwardingRtmpController;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.RtmpSession;

/**
 * A controller may read a media payload with relative gets, without {@code duplicate()}, before and
 * after the relay sees the same message: live players and a late joiner served from the GOP cache
 * still get every byte as published (issue 11 §6).
 */
class PayloadViewsTest {
    /** Reads every payload to its end and shrinks its limit, as a careless recorder would. */
    private static final class ConsumingRecorder extends ForwardingRtmpController {
        final List<byte[]> recorded = new ArrayList<>();

        ConsumingRecorder(LiveBroadcastController relay) {
            super(relay);
        }

        @Override
        public void onMedia(RtmpSession session, NetStream stream, MediaMessage media) {
            recorded.add(drain(media.payload()));
            super.onMedia(session, stream, media);
            ByteBuffer again = media.payload();
            again.limit(again.position());
        }

        private static byte[] drain(ByteBuffer payload) {
            byte[] out = new byte[payload.remaining()];
            payload.get(out);
            payload.limit(0);
            return out;
        }
    }

    @Test
    void aControllerThatConsumesThePayloadDisturbsNeitherPlayersNorTheGopCache() {
        LiveBroadcastController relay = new LiveBroadcastController();
        ConsumingRecorder controller = new ConsumingRecorder(relay);
        FakeSession pub = new FakeSession();
        FakeSession.Stream pubStream = pub.newStream();
        controller.onPublish(pub, pubStream.publish("cam"));
        List<FakeSession> early = new ArrayList<>();
        for (int i = 0; i < 3; i++) { // several players: the shared-encoding fan-out path
            FakeSession p = new FakeSession();
            controller.onPlay(p, p.newStream().play("cam"));
            early.add(p);
        }
        List<MediaMessage> published = List.of(Flv.avcSequenceHeader(0), Flv.aacSequenceHeader(0),
                Flv.avcKeyFrame(0, 300), Flv.aacFrame(20), Flv.avcInterFrame(40, 120), Flv.aacFrame(43));

        for (MediaMessage m : published) {
            controller.onMedia(pub, pubStream, m);
        }
        FakeSession late = new FakeSession();
        controller.onPlay(late, late.newStream().play("cam"));

        assertThat(controller.recorded).hasSize(published.size());
        for (int i = 0; i < published.size(); i++) {
            assertThat(controller.recorded.get(i)).hasSize(published.get(i).size());
            assertThat(ByteBuffer.wrap(controller.recorded.get(i))).isEqualTo(published.get(i).payload());
        }
        for (FakeSession p : early) {
            assertThat(p.media()).extracting(MediaMessage::payload)
                    .containsExactlyElementsOf(published.stream().map(MediaMessage::payload).toList());
        }
        // the late joiner gets both sequence headers and the GOP from the keyframe, complete
        assertThat(late.media()).extracting(MediaMessage::size).containsExactlyInAnyOrder(
                published.stream().map(MediaMessage::size).toArray(Integer[]::new));
        assertThat(late.media()).allSatisfy(m -> assertThat(m.payload()).isIn(
                published.stream().map(MediaMessage::payload).toList()));
    }
}
