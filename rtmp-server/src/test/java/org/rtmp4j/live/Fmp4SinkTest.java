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
import org.rtmp4j.http.HttpResponseStream;

/**
 * {@link Fmp4Sink} without a network: the hub's events in, the body's writes out (a fake {@link HttpResponseStream}).
 * Media: the first seconds of {@code media/h264-aac-avatar.flv}.
 */
class Fmp4SinkTest {
    private static final Path AVATAR = Path.of(System.getProperty("rtmp4j.media.dir", "../media"), "h264-aac-avatar.flv");

    private final FakeStream stream = new FakeStream();
    private final Fmp4Sink sink = new Fmp4Sink(stream, OutboundLimits.DEFAULT, PlayerKind.HTTP_FMP4);

    private static List<LiveMedia> avatar(int untilMs) throws Exception {
        List<LiveMedia> out = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(AVATAR)) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent() && t.get().timestamp() < untilMs; t = reader.next()) {
                FlvTag tag = t.get();
                if (tag.type() != FlvTagType.SCRIPT) {
                    MediaMessage m = tag.type() == FlvTagType.VIDEO ? new VideoMessage(tag.timestamp(), 1, tag.body())
                            : new AudioMessage(tag.timestamp(), 1, tag.body());
                    out.add(LiveMedia.of(m));
                }
            }
        }
        return out;
    }

    private List<String> boxes() {
        Mp4Boxes parser = new Mp4Boxes();
        List<String> types = new ArrayList<>();
        for (ByteBuffer b : stream.writes) {
            byte[] bytes = new byte[b.remaining()];
            b.duplicate().get(bytes);
            parser.feed(bytes, 0, bytes.length).forEach(box -> types.add(box.type()));
        }
        return types;
    }

    @Test
    void theInitSegmentComesBeforeTheFirstFrameThenOneFragmentPerVideoFrameOneFrameLate() throws Exception {
        List<LiveMedia> media = avatar(1_000);
        long videoFrames = media.stream().filter(m -> m.kind() == MediaKind.VIDEO_KEY_FRAME || m.kind() == MediaKind.VIDEO_FRAME)
                .count();

        media.forEach(sink::onEvent);

        List<String> types = boxes();
        assertThat(types.subList(0, 2)).containsExactly("ftyp", "moov");
        assertThat(types.stream().filter("moof"::equals).count()).as("a fragment per video frame but the newest")
                .isEqualTo(videoFrames - 1);
        assertThat(types.subList(2, types.size())).containsSequence("moof", "mdat");
        assertThat(stream.ended).isFalse();
    }

    @Test
    void thePublisherLeavingFlushesTheHeldBackSamplesAndEndsTheBody() throws Exception {
        avatar(1_000).forEach(sink::onEvent);
        int before = stream.writes.size();

        sink.onEvent(new RelayEvent.Unpublished(Status.status("NetStream.Play.UnpublishNotify", "gone")));

        assertThat(stream.writes).hasSize(before + 1);
        assertThat(stream.ended).isTrue();
        assertThat(stream.aborted).isFalse();
    }

    @Test
    void aChangedSequenceHeaderAfterTheInitSegmentEndsTheBodyForThePlayerToReconnect() throws Exception {
        List<LiveMedia> media = avatar(1_000);
        media.forEach(sink::onEvent);
        LiveMedia avc = media.stream().filter(m -> m.kind() == MediaKind.VIDEO_SEQUENCE_HEADER).findFirst().orElseThrow();
        ByteBuffer changed = ByteBuffer.allocate(avc.size());
        changed.put(avc.message().payload()).flip();
        changed.put(7, (byte) (changed.get(7) ^ 0x01)); // profile_compatibility of the AVCDecoderConfigurationRecord

        sink.onEvent(LiveMedia.of(new VideoMessage(1_000, 1, changed)));

        assertThat(stream.ended).isTrue();
        int writes = stream.writes.size();
        media.forEach(sink::onEvent);
        assertThat(stream.writes).as("nothing after the end").hasSize(writes);
    }

    @Test
    void theSameSequenceHeaderAgainChangesNothing() throws Exception {
        List<LiveMedia> media = avatar(1_000);
        media.forEach(sink::onEvent);

        sink.onEvent(media.get(0));

        assertThat(media.get(0).kind().isSequenceHeader()).isTrue();
        assertThat(stream.ended).isFalse();
    }

    @Test
    void anAudioOnlyStreamGetsAFragmentPerAudioFrameOneFrameLate() throws Exception {
        List<LiveMedia> audio = avatar(1_000).stream().filter(m -> !m.kind().isVideo()).toList();
        long frames = audio.stream().filter(m -> m.kind() == MediaKind.AUDIO_FRAME).count();

        audio.forEach(sink::onEvent);

        List<String> types = boxes();
        assertThat(types.subList(0, 2)).containsExactly("ftyp", "moov");
        assertThat(types.stream().filter("moof"::equals).count()).isEqualTo(frames - 1);
    }

    @Test
    void overflowAndTheGatesRefusalAbort() {
        sink.onOverflow(2_000_000, 1_000_000);
        assertThat(stream.aborted).isTrue();

        FakeStream other = new FakeStream();
        new Fmp4Sink(other, OutboundLimits.DEFAULT, PlayerKind.WS_FMP4).onEvent(new RelayEvent.Refused(Status.error("NetStream.Play.Failed",
                "no"), "hvc1"));
        assertThat(other.aborted).isTrue();
    }

    /** Records the writes; runs tasks at once. */
    private static final class FakeStream implements HttpResponseStream {
        final List<ByteBuffer> writes = new ArrayList<>();
        boolean ended;
        boolean aborted;

        @Override
        public void write(ByteBuffer data) {
            writes.add(data);
        }

        @Override
        public long queuedBytes() {
            return 0;
        }

        @Override
        public void end() {
            ended = true;
        }

        @Override
        public void abort() {
            aborted = true;
        }

        @Override
        public boolean isOpen() {
            return !ended && !aborted;
        }

        @Override
        public void onClose(Runnable callback) {}

        @Override
        public void execute(Runnable task) {
            task.run();
        }

        @Override
        public boolean inStreamThread() {
            return true;
        }

        @Override
        public Object executorKey() {
            return this;
        }
    }
}
