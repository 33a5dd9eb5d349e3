package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.media.Multitrack;
import org.rtmp4j.flv.media.VideoTagHeader;

/**
 * E-RTMP v2 Multitrack video through the relay, built from the real video of the shared files (no encoder
 * writes multitrack FLV yet: ffmpeg 7.1 cannot): each legacy AVC or ExHeader AV1 tag body is rewrapped as a
 * {@code OneTrack} multitrack body with a track id, codec payload unchanged.
 */
class MultitrackRealFilesTest {
    private final LiveBroadcastController relay = new LiveBroadcastController();

    private static Path media(String name) {
        return Path.of(System.getProperty("rtmp4j.media.dir", "../media"), name);
    }

    private static List<FlvTag> tags(String file) throws Exception {
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(media(file))) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                tags.add(t.get());
            }
        }
        return tags;
    }

    /**
     * Rewraps a legacy AVC (codec id 7) or ExHeader video body as an E-RTMP Multitrack {@code OneTrack} body:
     * [ExHeader | frame type | Multitrack], [OneTrack | packet type], FourCC, track id, then the packet data
     * (for avc1 CodedFrames the SI24 composition time stays in front of the NAL units). @return {@code null}
     * for packets that are not sequence start, coded frames or sequence end
     */
    private static VideoMessage multitrack(FlvTag tag, int trackId) throws Exception {
        ByteBuffer body = tag.body();
        VideoTagHeader h = VideoTagHeader.parse(body);
        int b0 = body.get(body.position()) & 0xFF;
        int packetType;
        String fourCc;
        int dataStart;
        if (h.exHeader()) {
            packetType = b0 & 0x0F;
            fourCc = h.fourCc();
            dataStart = 5;
        } else {
            packetType = body.get(body.position() + 1); // AVCPacketType 0, 1, 2 = SequenceStart, CodedFrames, SequenceEnd
            fourCc = "avc1";
            dataStart = packetType == 1 ? 2 : 5; // keep the composition time of coded frames only
        }
        if (packetType > 2) {
            return null;
        }
        ByteBuffer data = body.duplicate().position(body.position() + dataStart);
        ByteBuffer out = ByteBuffer.allocate(7 + data.remaining());
        out.put((byte) (0x80 | h.frameType() << 4 | 6)).put((byte) packetType)
                .put(fourCc.getBytes(StandardCharsets.US_ASCII)).put((byte) trackId).put(data).flip();
        return new VideoMessage(tag.timestamp(), Flv.PUBLISHER_STREAM_ID, out);
    }

    private static int trackOf(MediaMessage m) {
        return MediaClassifier.trackId(m);
    }

    private static boolean isVideoSequenceHeader(MediaMessage m) {
        return MediaClassifier.classify(m) == MediaKind.VIDEO_SEQUENCE_HEADER;
    }

    /** Publishes {@code published} (audio and multitrack video); a player joins at {@code joinAt}. */
    private FakeSession publishWithJoin(List<MediaMessage> published, int joinAt, List<String> playerFourCcs) {
        FakeSession pub = new FakeSession();
        FakeSession.Stream st = pub.newStream();
        relay.onPublish(pub, st.publish("multi"));
        FakeSession player = new FakeSession("live", playerFourCcs);
        for (int i = 0; i < published.size(); i++) {
            if (i == joinAt) {
                relay.onPlay(player, player.newStream().play("multi"));
            }
            relay.onMedia(pub, st, published.get(i));
        }
        return player;
    }

    /** Two renditions with aligned GOPs (the avatar's H.264 as track 0 and again as track 1) plus its AAC. */
    private static List<MediaMessage> alignedRenditions() throws Exception {
        List<MediaMessage> out = new ArrayList<>();
        for (FlvTag t : tags("h264-aac-avatar.flv")) {
            if (t.type() == FlvTagType.AUDIO) {
                out.add(new AudioMessage(t.timestamp(), Flv.PUBLISHER_STREAM_ID, t.body()));
            } else if (t.type() == FlvTagType.VIDEO && t.body().hasRemaining()) {
                for (int track = 0; track < 2; track++) {
                    VideoMessage m = multitrack(t, track);
                    if (m != null) {
                        out.add(m);
                    }
                }
            }
        }
        return out;
    }

    @Test
    void aLateJoinerOfAlignedRenditionsGetsOneSequenceHeaderPerTrackThenBothTracksFromTheirKeyFrames()
            throws Exception {
        List<MediaMessage> published = alignedRenditions();
        FakeSession player = publishWithJoin(published, published.size() / 2, List.of("avc1"));

        List<MediaMessage> got = player.media();
        List<MediaMessage> headers = got.stream().filter(MultitrackRealFilesTest::isVideoSequenceHeader).toList();
        assertThat(headers).as("one video sequence header per track").extracting(MultitrackRealFilesTest::trackOf)
                .containsExactly(0, 1);
        assertThat(relay.streams().get(new StreamKey("live", "multi")).orElseThrow().gopCache().snapshot())
                .as("the GOP cache holds no sequence header")
                .noneMatch(MultitrackRealFilesTest::isVideoSequenceHeader);
        // after the headers: per track, a suffix of what was published, starting at that track's keyframe
        List<MediaMessage> rest = got.subList(got.indexOf(headers.get(1)) + 1, got.size()).stream()
                .filter(m -> m instanceof VideoMessage).toList();
        for (int track = 0; track < 2; track++) {
            int tr = track;
            List<MediaMessage> received = rest.stream().filter(m -> trackOf(m) == tr).toList();
            List<MediaMessage> sent = published.stream()
                    .filter(m -> m instanceof VideoMessage && trackOf(m) == tr && !isVideoSequenceHeader(m)).toList();
            assertThat(received).as("track %d frames received", track).isNotEmpty();
            assertThat(Flv.isKeyFrame(received.get(0))).as("track %d starts at a keyframe", track).isTrue();
            List<MediaMessage> suffix = sent.subList(sent.size() - received.size(), sent.size());
            for (int i = 0; i < received.size(); i++) {
                assertThat(received.get(i)).as("track %d frame %d", track, i).isSameAs(suffix.get(i));
            }
        }
    }

    /** Track 0 is the avatar's H.264 (avc1), track 1 the AV1 file's video (av01), interleaved by timestamp. */
    private static List<MediaMessage> twoCodecs() throws Exception {
        List<MediaMessage> out = new ArrayList<>();
        for (FlvTag t : tags("h264-aac-avatar.flv")) {
            if (t.type() == FlvTagType.VIDEO && t.body().hasRemaining() && t.timestamp() < 3000) {
                Optional.ofNullable(multitrack(t, 0)).ifPresent(out::add);
            }
        }
        for (FlvTag t : tags("av1-opus-enhanced-testsrc.flv")) {
            if (t.type() == FlvTagType.VIDEO && t.body().hasRemaining() && t.timestamp() < 3000) {
                Optional.ofNullable(multitrack(t, 1)).ifPresent(out::add);
            }
        }
        out.sort(Comparator.comparingLong(MediaMessage::timestamp)); // stable: sequence starts stay first
        return out;
    }

    @Test
    void streamInfoOfTwoCodecsDescribesTrackZeroAndTheGateNeedsBothFourCcs() throws Exception {
        List<MediaMessage> published = twoCodecs();
        assertThat(Multitrack.parseVideo(published.get(0).payload()).tracks().get(0).fourCc()).isEqualTo("avc1");
        FakeSession both = publishWithJoin(published, published.size() / 2, List.of("avc1", "av01"));

        StreamInfo info = relay.activeStreams().iterator().next();
        assertThat(info.videoFourCc()).as("the FourCC of track 0, as the codec details").isEqualTo("avc1");
        assertThat(info.videoCodec()).isEqualTo("h264");
        assertThat(info.width()).isPositive();
        assertThat(both.events()).first().isInstanceOf(FakeSession.Accepted.class);

        FakeSession avcOnly = new FakeSession("live", List.of("avc1"));
        relay.onPlay(avcOnly, avcOnly.newStream().play("multi"));
        assertThat(avcOnly.events()).singleElement().isInstanceOfSatisfying(FakeSession.Rejected.class, r -> {
            assertThat(r.status().code()).isEqualTo(StatusCodes.PLAY_FAILED);
            assertThat(r.status().description()).contains("av01");
        });
    }
}
