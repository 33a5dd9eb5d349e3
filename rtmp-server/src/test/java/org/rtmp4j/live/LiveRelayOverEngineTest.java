package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;

/** The relay behind the real sans-I/O engine: publisher and players are real client connections. */
@Timeout(10)
class LiveRelayOverEngineTest {
    private final LiveBroadcastController relay = new LiveBroadcastController();
    private final MemoryNetwork net = new MemoryNetwork(relay);

    @Test
    void lateJoinerGetsPlayStartThenMetadataHeadersGopAndLiveMedia() throws Exception {
        MemoryNetwork.Link pub = net.connect(Map.of());
        int ps = pub.publish("cam");
        pub.client.sendMetadata(ps, Map.of("width", 640.0));
        List<MediaMessage> before = List.of(Flv.avcSequenceHeader(0), Flv.aacSequenceHeader(0), Flv.avcKeyFrame(0),
                Flv.avcInterFrame(33), Flv.avcKeyFrame(66), Flv.aacFrame(70), Flv.avcInterFrame(99));
        for (MediaMessage m : before) {
            pub.client.sendMedia(ps, m);
        }
        net.pump();

        MemoryNetwork.Link player = net.connect(Map.of());
        player.play("cam");
        pub.client.sendMedia(ps, Flv.avcInterFrame(132));
        net.pump();

        assertThat(player.statuses()).contains(StatusCodes.PLAY_START);
        int start = player.received.indexOf(StatusCodes.PLAY_START);
        List<Object> after = player.received.subList(start + 1, player.received.size());
        int metadata = -1;
        int firstMedia = -1;
        for (int i = 0; i < after.size(); i++) {
            if (metadata < 0 && after.get(i) instanceof DataMessage d && "onMetaData".equals(d.name())) {
                metadata = i;
            }
            if (firstMedia < 0 && after.get(i) instanceof MediaMessage) {
                firstMedia = i;
            }
        }
        assertThat(metadata).as("onMetaData after Play.Start, before the media").isBetween(0, firstMedia);
        assertThat(player.media()).extracting(MediaMessage::timestamp).containsExactly(0, 0, 66, 70, 99, 132);
        assertThat(player.media().get(2).payload()).isEqualTo(before.get(4).payload());
    }

    @Test
    void secondPublisherGetsBadNameAndPlayersGetUnpublishAndPublishNotify() throws Exception {
        MemoryNetwork.Link pub = net.connect(Map.of());
        int ps = pub.publish("cam");
        MemoryNetwork.Link player = net.connect(Map.of());
        player.play("cam");

        MemoryNetwork.Link intruder = net.connect(Map.of());
        intruder.publish("cam");
        assertThat(intruder.statuses()).contains(StatusCodes.PUBLISH_BAD_NAME);

        pub.client.deleteStream(ps);
        net.pump();
        assertThat(player.statuses()).containsSubsequence(StatusCodes.PLAY_START, StatusCodes.PLAY_UNPUBLISH_NOTIFY);

        MemoryNetwork.Link next = net.connect(Map.of());
        int ns = next.publish("cam");
        next.client.sendMedia(ns, Flv.avcKeyFrame(5));
        net.pump();
        assertThat(player.statuses()).endsWith(StatusCodes.PLAY_PUBLISH_NOTIFY);
        assertThat(player.media()).extracting(MediaMessage::timestamp).containsExactly(5);
    }

    @Test
    void publisherConnectionLossNotifiesPlayersAndFreesTheName() throws Exception {
        MemoryNetwork.Link pub = net.connect(Map.of());
        pub.publish("cam");
        MemoryNetwork.Link player = net.connect(Map.of());
        player.play("cam");

        pub.toServer.close();
        net.pump();

        assertThat(player.statuses()).endsWith(StatusCodes.PLAY_UNPUBLISH_NOTIFY);
        assertThat(relay.liveStreamCount()).isZero();
        MemoryNetwork.Link next = net.connect(Map.of());
        next.publish("cam");
        assertThat(next.statuses()).contains(StatusCodes.PUBLISH_START);
    }

    @Test
    void enhancedStreamReachesOnlyPlayersListingItsFourCc() throws Exception {
        MemoryNetwork.Link pub = net.connect(Map.of());
        int ps = pub.publish("hevc");
        pub.client.sendMedia(ps, Flv.enhanced(0, 1, 0, "hvc1"));
        net.pump();

        MemoryNetwork.Link legacy = net.connect(Map.of());
        legacy.play("hevc");
        MemoryNetwork.Link enhanced = net.connect(Map.of("fourCcList", List.of("hvc1")));
        enhanced.play("hevc");

        assertThat(legacy.statuses()).contains(StatusCodes.PLAY_FAILED).doesNotContain(StatusCodes.PLAY_START);
        assertThat(enhanced.statuses()).contains(StatusCodes.PLAY_START);
        assertThat(enhanced.media()).hasSize(1);
    }
}
