package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.live.Ingest;
import org.rtmp4j.live.IngestSource;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.StreamKey;

/** {@link HubRecorder}: each publish through the hub (any input) is recorded, one file per publish unless appended. */
@Timeout(30)
class HubRecorderTest {
    private static final StreamKey CAM = new StreamKey("live", "cam");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-06T20:15:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private final LiveBroadcastController relay = new LiveBroadcastController();

    private static VideoMessage video(int timestamp, int frameTypeAndCodec, int packetType, int data) {
        return new VideoMessage(timestamp, 1, ByteBuffer.wrap(new byte[] {(byte) frameTypeAndCodec, (byte) packetType, 0, 0, 0, (byte) data}));
    }

    /** Publishes a sequence header and two frames marked {@code data}, {@code data + 1}, like an HTTP-FLV upload does. */
    private void publishOnce(StreamKey key, int data) {
        Ingest ingest = relay.publish(key, new IngestSource() {
            @Override
            public String id() {
                return "upload-" + data;
            }

            @Override
            public void close() {}
        });
        ingest.media(video(0, 0x17, 0, 0x01));
        ingest.media(video(0, 0x17, 1, data));
        ingest.media(video(40, 0x27, 1, data + 1));
        ingest.close();
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("live"))) {
            return s.sorted().toList();
        }
    }

    private static List<Integer> frameMarks(Path file) throws Exception {
        List<Integer> marks = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(file)) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                ByteBuffer b = t.get().body();
                if (t.get().type() == FlvTagType.VIDEO && b.get(1) == 1) {
                    marks.add((int) b.get(5));
                }
            }
        }
        return marks;
    }

    @Test
    void eachPublishGetsItsOwnUniqueFile() throws Exception {
        HubRecorder.attach(relay, dir, RecordMode.UNIQUE, CLOCK);
        publishOnce(CAM, 10);
        publishOnce(CAM, 20);

        assertThat(files()).extracting(p -> p.getFileName().toString())
                .containsExactly("cam-20261206-201500-1.flv", "cam-20261206-201500.flv");
        assertThat(frameMarks(dir.resolve("live/cam-20261206-201500.flv"))).containsExactly(10, 11);
        assertThat(frameMarks(dir.resolve("live/cam-20261206-201500-1.flv"))).containsExactly(20, 21);
    }

    @Test
    void appendContinuesTheFileAndOverwriteReplacesIt() throws Exception {
        HubRecorder.attach(relay, dir, RecordMode.APPEND, CLOCK);
        publishOnce(CAM, 10);
        publishOnce(CAM, 20);
        assertThat(files()).extracting(p -> p.getFileName().toString()).containsExactly("cam.flv");
        assertThat(frameMarks(dir.resolve("live/cam.flv"))).containsExactly(10, 11, 20, 21);

        LiveBroadcastController other = new LiveBroadcastController();
        HubRecorder.attach(other, dir, RecordMode.OVERWRITE, CLOCK);
        Ingest ingest = other.publish(CAM, new IngestSource() {
            @Override
            public String id() {
                return "overwriter";
            }

            @Override
            public void close() {}
        });
        ingest.media(video(0, 0x17, 0, 0x01));
        ingest.media(video(0, 0x17, 1, 30));
        ingest.close();
        assertThat(frameMarks(dir.resolve("live/cam.flv"))).containsExactly(30);
    }

    @Test
    void aNameThatIsNotAFileNameIsRelayedButNotRecorded() throws Exception {
        HubRecorder.attach(relay, dir, RecordMode.UNIQUE, CLOCK);
        publishOnce(new StreamKey("live", ".."), 10);

        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).isEmpty();
        }
    }
}
