package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;

/**
 * {@link Fmp4Sink} without a network: the publisher's messages through one {@link Fmp4Encoding} (as the stream does
 * under its lock), then the hub's events to the sink, the body's writes out (a {@link FakeResponseStream}).
 * Media: the first seconds of {@code media/h264-aac-avatar.flv} (GOPs of about 1.6 s).
 */
class Fmp4SinkTest {
    private static final Path AVATAR = Path.of(System.getProperty("rtmp4j.media.dir", "../media"), "h264-aac-avatar.flv");

    private final FakeResponseStream stream = new FakeResponseStream();
    private final Fmp4Sink sink = new Fmp4Sink(stream, OutboundLimits.DEFAULT, PlayerKind.HTTP_FMP4);
    private Fmp4Encoding encoding = new Fmp4Encoding();

    static List<LiveMedia> avatar(int fromMs, int untilMs) throws Exception {
        List<LiveMedia> out = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(AVATAR)) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent() && t.get().timestamp() < untilMs; t = reader.next()) {
                FlvTag tag = t.get();
                if (tag.type() != FlvTagType.SCRIPT && (tag.timestamp() >= fromMs || fromMs == 0)) {
                    MediaMessage m = tag.type() == FlvTagType.VIDEO ? new VideoMessage(tag.timestamp(), 1, tag.body())
                            : new AudioMessage(tag.timestamp(), 1, tag.body());
                    out.add(LiveMedia.of(m));
                }
            }
        }
        return out;
    }

    private static List<LiveMedia> avatar(int untilMs) throws Exception {
        return avatar(0, untilMs);
    }

    /** The publisher's side: the stream's encoding attaches the fragment before the hub hands the message out. */
    private void publish(List<LiveMedia> media) {
        media.forEach(encoding::accept);
    }

    private void publishAndSend(List<LiveMedia> media) {
        for (LiveMedia m : media) {
            encoding.accept(m);
            sink.onEvent(m);
        }
    }

    private static boolean isFrame(LiveMedia m) {
        return m.kind() == MediaKind.VIDEO_KEY_FRAME || m.kind() == MediaKind.VIDEO_FRAME;
    }

    private List<Mp4Boxes.Box> writtenBoxes() {
        byte[] b = stream.bytes();
        return new Mp4Boxes().feed(b, 0, b.length);
    }

    @Test
    void theInitSegmentComesBeforeTheFirstFrameThenOneFragmentPerVideoFrameOneFrameLate() throws Exception {
        List<LiveMedia> media = avatar(1_000);
        long videoFrames = media.stream().filter(Fmp4SinkTest::isFrame).count();

        publishAndSend(media);

        List<String> types = stream.boxes();
        assertThat(types.subList(0, 2)).containsExactly("ftyp", "moov");
        assertThat(types.stream().filter("moof"::equals).count()).as("a fragment per video frame but the newest")
                .isEqualTo(videoFrames - 1);
        assertThat(types.subList(2, types.size())).containsSequence("moof", "mdat");
        assertThat(stream.ended).isFalse();
        assertThat(encoding.fragments()).isEqualTo(videoFrames - 1);
    }

    @Test
    void theWrittenBytesAreTheEncodingsSharedFragmentsNotACopyPerPlayer() throws Exception {
        List<LiveMedia> media = avatar(1_000);
        FakeResponseStream other = new FakeResponseStream();
        Fmp4Sink second = new Fmp4Sink(other, OutboundLimits.DEFAULT, PlayerKind.WS_FMP4);

        for (LiveMedia m : media) {
            encoding.accept(m);
            sink.onEvent(m);
            second.onEvent(m);
        }

        assertThat(other.bytes()).isEqualTo(stream.bytes());
        List<ByteBuffer> fragments = media.stream().filter(m -> m.fmp4() != null).map(m -> m.fmp4().fragment().bytes()).toList();
        assertThat(stream.writes.subList(1, stream.writes.size())).as("each write is a view of the one muxed fragment")
                .containsExactlyElementsOf(fragments);
        assertThat(stream.writes.get(0)).isEqualTo(media.stream().filter(m -> m.fmp4() != null).findFirst().orElseThrow()
                .fmp4().initSegment());
        assertThat(encoding.fragments()).as("muxed once for both players").isEqualTo(fragments.size());
    }

    @Test
    void aLateJoinerSkipsFragmentsUntilOneStartingWithASyncSample() throws Exception {
        List<LiveMedia> media = avatar(3_000);
        int joinAt = 0;
        while (!isFrame(media.get(joinAt)) || media.get(joinAt).timestamp() < 500) {
            joinAt++;
        }
        publish(media.subList(0, joinAt));
        assertThat(media.get(joinAt).kind()).isEqualTo(MediaKind.VIDEO_FRAME);

        publishAndSend(media.subList(joinAt, media.size()));

        List<Mp4Boxes.Box> boxes = writtenBoxes();
        assertThat(boxes.get(0).type()).isEqualTo("ftyp");
        assertThat(boxes.get(1).type()).isEqualTo("moov");
        Mp4Boxes.TrackFragment video = Mp4Boxes.tracks(boxes.get(2)).get(0);
        assertThat(video.trackId()).isEqualTo(1);
        assertThat(video.firstSampleIsSync()).isTrue();
        LiveMedia firstKeyAfterJoin = media.subList(joinAt, media.size()).stream()
                .filter(m -> m.kind() == MediaKind.VIDEO_KEY_FRAME).findFirst().orElseThrow();
        assertThat(video.baseMediaDecodeTime()).as("starts at the next keyframe, 90 kHz")
                .isEqualTo(firstKeyAfterJoin.timestamp() * 90L);
    }

    @Test
    void aFragmentLostToTheSlowPlayerPolicyWaitsForTheNextSyncSample() throws Exception {
        List<LiveMedia> media = avatar(4_000);
        int dropAt = media.size() / 3;
        while (media.get(dropAt).kind() != MediaKind.VIDEO_FRAME) {
            dropAt++;
        }
        publishAndSend(media.subList(0, dropAt));
        int before = stream.writes.size();
        encoding.accept(media.get(dropAt));
        sink.onDropped(media.get(dropAt), true, 1_000_000);

        publishAndSend(media.subList(dropAt + 1, media.size()));

        List<Mp4Boxes.Box> after = new ArrayList<>();
        Mp4Boxes parser = new Mp4Boxes();
        for (ByteBuffer w : stream.writes.subList(before, stream.writes.size())) {
            byte[] b = new byte[w.remaining()];
            w.duplicate().get(b);
            after.addAll(parser.feed(b, 0, b.length));
        }
        assertThat(after).isNotEmpty();
        assertThat(Mp4Boxes.tracks(after.get(0)).get(0).firstSampleIsSync()).isTrue();
        long expectedSkips = media.subList(dropAt + 1, media.size()).stream()
                .takeWhile(m -> m.fmp4() == null || !m.fmp4().independent()).filter(m -> m.fmp4() != null).count();
        assertThat(expectedSkips).as("the rest of the GOP is skipped").isPositive();
    }

    @Test
    void thePublisherLeavingFlushesTheHeldBackSamplesAndEndsTheBody() throws Exception {
        publishAndSend(avatar(1_000));
        int before = stream.writes.size();

        Fmp4Encoding.end(encoding);
        sink.onEvent(new RelayEvent.Unpublished(Status.status("NetStream.Play.UnpublishNotify", "gone")));

        assertThat(stream.writes).hasSize(before + 1);
        assertThat(stream.writes.get(before)).isEqualTo(encoding.last().fragment().bytes());
        assertThat(stream.ended).isTrue();
        assertThat(stream.aborted).isFalse();
    }

    @Test
    void aChangedSequenceHeaderEndsTheBodyAtTheFirstFragmentOfTheNewVersionForThePlayerToReconnect() throws Exception {
        List<LiveMedia> media = avatar(2_000);
        List<LiveMedia> first = media.stream().filter(m -> m.timestamp() < 1_000).toList();
        List<LiveMedia> rest = media.subList(first.size(), media.size());
        publishAndSend(first);
        LiveMedia avc = media.stream().filter(m -> m.kind() == MediaKind.VIDEO_SEQUENCE_HEADER).findFirst().orElseThrow();
        ByteBuffer changed = ByteBuffer.allocate(avc.size());
        changed.put(avc.message().payload()).flip();
        changed.put(7, (byte) (changed.get(7) ^ 0x01)); // profile_compatibility of the AVCDecoderConfigurationRecord
        int before = stream.writes.size();

        publishAndSend(List.of(LiveMedia.of(new VideoMessage(1_000, 1, changed))));

        assertThat(stream.writes).as("the previous version's held-back samples").hasSize(before + 1);
        assertThat(stream.ended).isFalse();
        publishAndSend(rest);
        assertThat(stream.ended).isTrue();
        assertThat(stream.writes).as("nothing of the new version").hasSize(before + 1);
    }

    @Test
    void theSameSequenceHeaderAgainChangesNothing() throws Exception {
        List<LiveMedia> media = avatar(1_000);
        publishAndSend(media);

        publishAndSend(List.of(LiveMedia.of(media.get(0).message())));
        publishAndSend(avatar(1_000, 2_000));

        assertThat(media.get(0).kind().isSequenceHeader()).isTrue();
        assertThat(stream.ended).isFalse();
    }

    @Test
    void aNewPublishersEncodingEndsTheBody() throws Exception {
        publishAndSend(avatar(1_000));
        int before = stream.writes.size();
        encoding = new Fmp4Encoding();

        publishAndSend(avatar(1_000));

        assertThat(stream.ended).isTrue();
        assertThat(stream.writes).hasSize(before);
    }

    @Test
    void anAudioOnlyStreamGetsAFragmentPerAudioFrameOneFrameLate() throws Exception {
        List<LiveMedia> audio = avatar(1_000).stream().filter(m -> !m.kind().isVideo()).toList();
        long frames = audio.stream().filter(m -> m.kind() == MediaKind.AUDIO_FRAME).count();

        publishAndSend(audio);

        List<String> types = stream.boxes();
        assertThat(types.subList(0, 2)).containsExactly("ftyp", "moov");
        assertThat(types.stream().filter("moof"::equals).count()).isEqualTo(frames - 1);
    }

    @Test
    void overflowAndTheGatesRefusalAbort() {
        sink.onOverflow(2_000_000, 1_000_000);
        assertThat(stream.aborted).isTrue();

        FakeResponseStream other = new FakeResponseStream();
        new Fmp4Sink(other, OutboundLimits.DEFAULT, PlayerKind.WS_FMP4).onEvent(new RelayEvent.Refused(Status.error("NetStream.Play.Failed",
                "no"), "hvc1"));
        assertThat(other.aborted).isTrue();
    }
}
