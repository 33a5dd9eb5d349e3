package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.AmfEncoding;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.media.ScriptData;
import org.rtmp4j.flv.media.VideoTagHeader;

/** Relays the shared ffmpeg-made FLV files (legacy H.264/AAC and E-RTMP AV1/Opus) through the controller. */
class RelayRealFilesTest {
    private final LiveBroadcastController relay = new LiveBroadcastController();

    private static Path media(String name) {
        return Path.of(System.getProperty("rtmp4j.media.dir", "../media"), name);
    }

    /** Publishes the file; a player joins halfway; returns what it received and what was published after the join. */
    private record Run(FakeSession player, List<MediaMessage> published, int joinIndex) {}

    private Run relayWithMidwayJoin(String file, List<String> playerFourCcs) throws Exception {
        FakeSession pub = new FakeSession();
        FakeSession.Stream st = pub.newStream();
        relay.onPublish(pub, st.publish("file"));
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(media(file))) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                tags.add(t.get());
            }
        }
        FakeSession player = new FakeSession("live", playerFourCcs);
        List<MediaMessage> published = new ArrayList<>();
        int joinIndex = -1;
        for (int i = 0; i < tags.size(); i++) {
            if (i == tags.size() / 2) {
                relay.onPlay(player, player.newStream().play("file"));
                joinIndex = published.size();
            }
            FlvTag t = tags.get(i);
            if (t.type() == FlvTagType.SCRIPT) {
                List<Object> values = new ArrayList<>();
                values.add("@setDataFrame");
                values.add("onMetaData");
                values.add(ScriptData.metadata(t.body()));
                relay.onMetadata(pub, st, new DataMessage(t.timestamp(), 1, AmfEncoding.AMF0, values));
                continue;
            }
            MediaMessage m = t.type() == FlvTagType.VIDEO
                    ? new VideoMessage(t.timestamp(), 1, t.body())
                    : new AudioMessage(t.timestamp(), 1, t.body());
            published.add(m);
            relay.onMedia(pub, st, m);
        }
        return new Run(player, published, joinIndex);
    }

    private static void assertJoinedAtAKeyFrameWithoutGaps(Run run) throws Exception {
        List<FakeSession.Event> events = run.player().events();
        assertThat(events.get(0)).isInstanceOf(FakeSession.Accepted.class);
        assertThat(events.get(1)).isInstanceOf(FakeSession.Metadata.class);
        assertThat(((FakeSession.Metadata) events.get(1)).metadata()).containsKey("duration");
        List<MediaMessage> got = run.player().media();
        MediaMessage vsh = got.get(0);
        assertThat(VideoTagHeader.parse(vsh.payload()).isSequenceHeader()).isTrue();
        assertThat(MediaClassifier.classify(got.get(1))).isEqualTo(MediaKind.AUDIO_SEQUENCE_HEADER);
        List<MediaMessage> rest = got.subList(2, got.size());
        assertThat(VideoTagHeader.parse(rest.get(0).payload()).isKeyFrame()).isTrue();
        // what the player got after the headers is exactly a suffix of what was published
        List<MediaMessage> published = run.published();
        int start = published.size() - rest.size();
        assertThat(start).isBetween(0, run.joinIndex());
        for (int i = 0; i < rest.size(); i++) {
            assertThat(rest.get(i).payload()).isEqualTo(published.get(start + i).payload());
        }
    }

    @Test
    void legacyH264AacFileJoinedHalfwayStartsAtAKeyFrameWithoutGaps() throws Exception {
        assertJoinedAtAKeyFrameWithoutGaps(relayWithMidwayJoin("h264-aac-avatar.flv", List.of()));
    }

    @Test
    void enhancedAv1FileIsRelayedToPlayersListingAv01() throws Exception {
        Run run = relayWithMidwayJoin("av1-opus-enhanced-testsrc.flv", List.of("av01", "Opus"));
        assertJoinedAtAKeyFrameWithoutGaps(run);
        assertThat(relay.activeStreams()).singleElement()
                .satisfies(i -> assertThat(i.videoFourCc()).isEqualTo("av01"));
    }

    @Test
    void enhancedAv1FileIsRefusedToLegacyPlayers() throws Exception {
        Run run = relayWithMidwayJoin("av1-opus-enhanced-testsrc.flv", List.of());
        assertThat(run.player().media()).isEmpty();
        List<FakeSession.Event> events = run.player().events();
        assertThat(events).singleElement().isInstanceOfSatisfying(FakeSession.Rejected.class,
                r -> assertThat(r.status().code()).isEqualTo(StatusCodes.PLAY_FAILED));
    }
}
