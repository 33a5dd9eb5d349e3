package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;

@Timeout(10)
class MediaScenarioTest {

    private static NetStream playingStream(RecordingController controller) {
        return controller.plays.peek().stream();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void publishedMediaReachesTheControllerUnchanged(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.publishing(pair, "cam1");
        List<MediaMessage> sent = List.of(
                Media.videoSequenceHeader(),
                Media.audioSequenceHeader(),
                Media.keyframe(0, 20_000),
                Media.audio(23, 300),
                Media.interFrame(33, 5000),
                Media.interFrame(66, 1));

        for (MediaMessage m : sent) {
            pair.client.sendMedia(id, m);
        }
        pair.pump();

        List<MediaMessage> got = new ArrayList<>(controller.media);
        assertThat(got).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            assertThat(got.get(i).getClass()).isEqualTo(sent.get(i).getClass());
            assertThat(got.get(i).timestamp()).isEqualTo(sent.get(i).timestamp());
            assertThat(got.get(i).streamId()).isEqualTo(id);
            assertThat(got.get(i).payload()).isEqualTo(sent.get(i).payload());
            assertThat(got.get(i).payload().isReadOnly()).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void mediaOnANonPublishingStreamIsIgnored(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.createStream(pair);

        pair.client.sendMedia(id, Media.keyframe(0, 100));
        pair.pump();

        assertThat(controller.media).isEmpty();
        assertThat(pair.server.isClosed()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void serverMediaReachesTheClientListener(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.playing(pair, "cam1");
        NetStream stream = playingStream(controller);

        VideoMessage key = Media.keyframe(1000, 12_345).withStreamId(99);
        AudioMessage audio = Media.audio(1010, 200);
        pair.server.sendMedia(stream, key);
        pair.server.sendMedia(stream, audio);
        pair.pump();

        List<MediaMessage> got = new ArrayList<>(pair.listener.media);
        assertThat(got).hasSize(2);
        assertThat(got.get(0)).isInstanceOf(VideoMessage.class);
        assertThat(got.get(0).streamId()).isEqualTo(id);
        assertThat(got.get(0).timestamp()).isEqualTo(1000);
        assertThat(got.get(0).payload()).isEqualTo(key.payload());
        assertThat(got.get(1).payload()).isEqualTo(audio.payload());
        assertThat(pair.server.droppedMessages()).isZero();
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void metadataGoesBothWays(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int pubId = Steps.publishing(pair, "cam1");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("width", 1280.0);
        meta.put("height", 720.0);
        meta.put("encoder", "rtmp4j-test");

        pair.client.sendMetadata(pubId, meta);
        pair.pump();

        DataMessage received = controller.metadata.poll();
        assertThat(received).isNotNull();
        assertThat(received.name()).isEqualTo("@setDataFrame");
        assertThat(received.values().get(1)).isEqualTo("onMetaData");
        assertThat(Steps.map(received.values().get(2))).containsAllEntriesOf(meta);

        Steps.playing(pair, "cam1");
        pair.server.sendMetadata(playingStream(controller), meta);
        pair.pump();
        DataMessage atClient = new ArrayList<>(pair.listener.data).get(pair.listener.data.size() - 1);
        assertThat(atClient.name()).isEqualTo("onMetaData");
        assertThat(Steps.map(atClient.values().get(1))).containsAllEntriesOf(meta);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void extendedTimestampsSurviveBothDirections(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.publishing(pair, "cam1");
        int[] timestamps = {0xFFFFFE, 0xFFFFFF, 0x1000000, 0x1000000 + 40, 0x7FFFFFFF, 0xFFFFFFF0};

        for (int ts : timestamps) {
            pair.client.sendMedia(id, Media.interFrame(ts, 10_000)); // several chunks each
        }
        pair.pump();

        assertThat(controller.media).extracting(MediaMessage::timestamp)
                .containsExactly(0xFFFFFE, 0xFFFFFF, 0x1000000, 0x1000000 + 40, 0x7FFFFFFF, 0xFFFFFFF0);
        assertThat(controller.media).allSatisfy(m -> assertThat(m.size()).isEqualTo(10_000));

        Steps.playing(pair, "cam1");
        NetStream stream = playingStream(controller);
        for (int ts : timestamps) {
            pair.server.sendMedia(stream, Media.keyframe(ts, 9000));
        }
        pair.pump();
        assertThat(pair.listener.media).extracting(MediaMessage::timestamp)
                .containsExactly(0xFFFFFE, 0xFFFFFF, 0x1000000, 0x1000000 + 40, 0x7FFFFFFF, 0xFFFFFFF0);
    }

    @ParameterizedTest
    @EnumSource(RtmpPair.Split.class)
    void chunkSizeChangesMidStreamInBothDirections(RtmpPair.Split split) {
        RecordingController controller = new RecordingController();
        RtmpPair pair = Steps.connected(split, controller);
        int id = Steps.publishing(pair, "cam1");

        pair.client.sendMedia(id, Media.keyframe(0, 10_000));
        pair.client.setChunkSize(1000);
        pair.client.sendMedia(id, Media.interFrame(40, 10_000));
        pair.client.setChunkSize(65_536);
        pair.client.sendMedia(id, Media.interFrame(80, 100_000));
        pair.client.setChunkSize(1);
        pair.client.sendMedia(id, Media.interFrame(120, 300));
        pair.pump();

        assertThat(controller.media).hasSize(4);
        assertThat(controller.media).extracting(MediaMessage::size).containsExactly(10_000, 10_000, 100_000, 300);
        assertThat(new ArrayList<>(controller.media).get(2).payload()).isEqualTo(Media.interFrame(80, 100_000).payload());

        Steps.playing(pair, "cam1");
        NetStream stream = playingStream(controller);
        pair.server.setChunkSize(500);
        pair.server.sendMedia(stream, Media.keyframe(0, 7000));
        pair.server.setChunkSize(128);
        pair.server.sendMedia(stream, Media.interFrame(40, 7000));
        pair.pump();
        assertThat(pair.listener.media).extracting(MediaMessage::size).containsExactly(7000, 7000);
    }
}
