package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;

/**
 * Issue 12, defect found by hostile testing: video with unknown legacy CodecIDs or truncated E-RTMP
 * headers must not change the stream's codec state, so legacy players keep playing the well-formed
 * AVC that follows.
 */
class MalformedVideoRelayTest {
    private final LiveBroadcastController relay = new LiveBroadcastController();
    private final FakeSession publisher = new FakeSession();
    private final FakeSession.Stream publishing = publisher.newStream();

    private static VideoMessage video(int ts, int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return new VideoMessage(ts, Flv.PUBLISHER_STREAM_ID, ByteBuffer.wrap(b));
    }

    /** The hostile prefix of the issue: CodecIDs 15 and 0 (a "key frame" among them), {@code 0x90 'hvc1'}, {@code 0x91 'av01'}. */
    private static List<MediaMessage> malformed(int ts) {
        return List.of(video(ts, 0x1F, 1, 2, 3), video(ts, 0x20, 1), video(ts, 0x90, 'h', 'v', 'c', '1'),
                video(ts, 0x91, 'a', 'v', '0', '1'));
    }

    private void publish() {
        relay.onPublish(publisher, publishing.publish("cam"));
        assertThat(publisher.events()).first().isInstanceOf(FakeSession.Accepted.class);
    }

    private void send(List<? extends MediaMessage> media) {
        for (MediaMessage m : media) {
            relay.onMedia(publisher, publishing, m);
        }
    }

    private FakeSession play(List<String> fourCcList) {
        FakeSession s = new FakeSession("live", fourCcList);
        relay.onPlay(s, s.newStream().play("cam"));
        return s;
    }

    private static List<ByteBuffer> payloads(FakeSession s) {
        return s.media().stream().map(MediaMessage::payload).toList();
    }

    private static boolean accepted(FakeSession s) {
        return s.events().stream().anyMatch(e -> e instanceof FakeSession.Accepted);
    }

    @Test
    void aWaitingLegacyPlayerGetsEveryAvcFrameThatFollowsMalformedVideo() {
        FakeSession legacy = play(List.of());
        publish();
        send(malformed(0));
        List<MediaMessage> avc = List.of(Flv.avcSequenceHeader(40), Flv.avcKeyFrame(40), Flv.avcInterFrame(80),
                Flv.avcKeyFrame(120), Flv.avcInterFrame(160));
        send(avc);

        assertThat(legacy.statusCodes()).containsExactly(StatusCodes.PLAY_PUBLISH_NOTIFY);
        assertThat(payloads(legacy)).containsExactlyElementsOf(avc.stream().map(MediaMessage::payload).toList());
    }

    @Test
    void aLegacyPlayerJoiningAfterMalformedVideoIsAcceptedAndStartsAtTheAvcKeyFrame() {
        publish();
        send(malformed(0));
        VideoMessage vsh = Flv.avcSequenceHeader(40);
        VideoMessage key = Flv.avcKeyFrame(40);
        VideoMessage inter = Flv.avcInterFrame(80);
        send(List.of(vsh, key, inter));
        send(malformed(100)); // also in the middle of a GOP
        FakeSession legacy = play(List.of());
        VideoMessage live = Flv.avcInterFrame(120);
        send(List.of(live));

        assertThat(accepted(legacy)).isTrue();
        assertThat(payloads(legacy)).containsExactly(vsh.payload(), key.payload(), inter.payload(), live.payload());
        assertThat(relay.activeStreams()).singleElement().satisfies(i -> {
            assertThat(i.videoFourCc()).as("no E-RTMP codec was configured").isNull();
            assertThat(i.media().videoCodec()).isEqualTo("h264");
            assertThat(i.messagesIn()).as("malformed video counts as input").isEqualTo(12);
        });
    }

    @Test
    void malformedVideoInTheMiddleOfAStreamNeitherEvictsPlayersNorEmptiesTheGop() {
        FakeSession playing = play(List.of());
        publish();
        VideoMessage vsh = Flv.avcSequenceHeader(0);
        VideoMessage key = Flv.avcKeyFrame(0);
        send(List.of(vsh, key));
        send(malformed(40));
        VideoMessage inter = Flv.avcInterFrame(80);
        send(List.of(inter));

        assertThat(playing.statusCodes()).containsExactly(StatusCodes.PLAY_PUBLISH_NOTIFY);
        assertThat(payloads(playing)).containsExactly(vsh.payload(), key.payload(), inter.payload());
        assertThat(relay.streams().get(new StreamKey("live", "cam")).orElseThrow().gopCache().toArray())
                .extracting(MediaMessage::payload).containsExactly(key.payload(), inter.payload());
    }

    @Test
    void aWellFormedEnhancedSequenceStartStillRefusesLegacyPlayers() {
        FakeSession legacy = play(List.of());
        FakeSession hevc = play(List.of("hvc1"));
        publish();
        send(malformed(0));
        VideoMessage hvcC = Flv.enhanced(40, 1, 0, "hvc1"); // with (dummy) record bytes: well-formed
        send(List.of(hvcC));

        assertThat(legacy.statusCodes())
                .containsExactly(StatusCodes.PLAY_PUBLISH_NOTIFY, StatusCodes.PLAY_FAILED, StatusCodes.PLAY_STOP);
        assertThat(payloads(hevc)).containsExactly(hvcC.payload());
        assertThat(accepted(play(List.of()))).isFalse();
    }

    @Test
    void aLegacySequenceHeaderAfterAnEnhancedCodecLetsLegacyPlayersIn() {
        publish();
        send(List.of(Flv.enhanced(0, 1, 0, "hvc1"), Flv.enhanced(0, 1, 1, "hvc1")));
        assertThat(accepted(play(List.of()))).as("HEVC: refused").isFalse();

        send(List.of(Flv.avcSequenceHeader(40), Flv.avcKeyFrame(40)));
        FakeSession legacy = play(List.of());
        assertThat(accepted(legacy)).as("AVC now").isTrue();
        assertThat(legacy.media()).hasSize(2);
        assertThat(relay.activeStreams()).singleElement().satisfies(i -> assertThat(i.videoFourCc()).isNull());
    }

    @Test
    void afterAnEmptySequenceStartWellFormedFramesStillNameTheCodec() {
        FakeSession legacy = play(List.of());
        publish();
        VideoMessage placeholder = video(0, 0x90, 'a', 'v', '0', '1'); // what ffmpeg writes before it knows the record
        VideoMessage key = video(0, 0x91, 'a', 'v', '0', '1', 0x12, 0x00, 0x0A);
        send(List.of(placeholder, key));

        assertThat(legacy.statusCodes())
                .containsExactly(StatusCodes.PLAY_PUBLISH_NOTIFY, StatusCodes.PLAY_FAILED, StatusCodes.PLAY_STOP);
        assertThat(legacy.media()).isEmpty();
        assertThat(payloads(play(List.of("av01")))).containsExactly(key.payload());
    }

    @Test
    void aStrayEnhancedFrameDoesNotChangeATrackASequenceHeaderConfigured() {
        FakeSession legacy = play(List.of());
        publish();
        VideoMessage vsh = Flv.avcSequenceHeader(0);
        VideoMessage key = Flv.avcKeyFrame(0);
        send(List.of(vsh, key, video(40, 0xA1, 'h', 'v', 'c', '1', 0, 0, 0, 9)));

        assertThat(legacy.statusCodes()).containsExactly(StatusCodes.PLAY_PUBLISH_NOTIFY);
        assertThat(accepted(play(List.of()))).isTrue();
    }
}
