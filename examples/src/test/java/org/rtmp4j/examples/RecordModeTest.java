package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.media.ScriptData;

/** A publisher reconnects (publishes the same key again): what each {@link RecordMode} leaves on disk. */
@Timeout(30)
class RecordModeTest {
    private static final Instant START = Instant.parse("2026-12-06T20:15:00Z");

    @TempDir
    Path dir;

    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();

    private ObservingController observed;

    private void start(RecordMode mode) throws Exception {
        observed = server.startObserved(new RecordToFlv(dir, mode, Clock.fixed(START, ZoneOffset.UTC)));
    }

    static FlvTag tag(FlvTagType type, int timestamp, int... bytes) {
        ByteBuffer body = ByteBuffer.allocate(bytes.length);
        for (int b : bytes) {
            body.put((byte) b);
        }
        return new FlvTag(type, timestamp, body.flip().asReadOnlyBuffer());
    }

    /** An H.264 + AAC stream: sequence headers, then 3 video frames 40 ms apart (the first a key frame) and audio; {@code profile} goes into the AVC configuration. */
    static List<FlvTag> stream(int profile, int firstTimestamp, int marker) {
        int t = firstTimestamp;
        return List.of(
                tag(FlvTagType.VIDEO, t, 0x17, 0x00, 0, 0, 0, 0x01, profile, 0x00, 0x1F, 0xFF, 0xE1, 0x00, 0x00, 0x01, 0x00),
                tag(FlvTagType.AUDIO, t, 0xAF, 0x00, 0x12, 0x10),
                tag(FlvTagType.VIDEO, t, 0x17, 0x01, 0, 0, 0, 0, 0, 0, 2, 0x65, marker),
                tag(FlvTagType.AUDIO, t + 23, 0xAF, 0x01, 0x21, 0x10, marker),
                tag(FlvTagType.VIDEO, t + 40, 0x27, 0x01, 0, 0, 0, 0, 0, 0, 2, 0x41, marker),
                tag(FlvTagType.AUDIO, t + 46, 0xAF, 0x01, 0x21, 0x10, marker + 1),
                tag(FlvTagType.VIDEO, t + 80, 0x27, 0x01, 0, 0, 0, 0, 0, 0, 2, 0x41, marker + 1));
    }

    private void publish(String key, List<FlvTag> tags) throws Exception {
        try (RtmpClient client = RtmpClient.connect(server.uri("live"), ClientOptions.defaults())) {
            var publisher = client.publish(key);
            publisher.sendMetadata(Map.of("width", 320.0, "height", 240.0));
            for (FlvTag tag : tags) {
                publisher.send(tag);
            }
            publisher.close();
        }
        observed.await("unpublish", 10); // the recorder has closed the file when this event is recorded
    }

    private List<String> files() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("live"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static List<FlvTag> tags(Path file) throws Exception {
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(file)) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                tags.add(t.get());
            }
        }
        return tags;
    }

    private static List<FlvTag> media(List<FlvTag> tags) {
        return tags.stream().filter(t -> !t.type().isScript()).toList();
    }

    @Test
    void uniqueModeGivesEveryPublishItsOwnTimestampedFileAndNeverOverwrites() throws Exception {
        start(RecordMode.UNIQUE);
        publish("cam", stream(0x64, 1000, 0x10));
        publish("cam", stream(0x64, 5000, 0x20));
        publish("cam", stream(0x64, 9000, 0x30)); // same second again: next suffix

        assertThat(files()).containsExactly("cam-20261206-201500-1.flv", "cam-20261206-201500-2.flv", "cam-20261206-201500.flv");
        assertThat(media(tags(dir.resolve("live/cam-20261206-201500.flv")))).extracting(FlvTag::body)
                .containsExactlyElementsOf(stream(0x64, 0, 0x10).stream().map(FlvTag::body).toList());
        assertThat(media(tags(dir.resolve("live/cam-20261206-201500-2.flv")))).extracting(FlvTag::body)
                .containsExactlyElementsOf(stream(0x64, 0, 0x30).stream().map(FlvTag::body).toList());
    }

    @Test
    void appendModeContinuesTheFileWithMonotonicTimestampsAndFramesOfBothPublishes() throws Exception {
        start(RecordMode.APPEND);
        publish("cam", stream(0x64, 1000, 0x10));
        publish("cam", stream(0x64, 70000, 0x20));

        assertThat(files()).containsExactly("cam.flv");
        List<FlvTag> all = tags(dir.resolve("live/cam.flv"));
        assertThat(all.stream().filter(t -> t.type().isScript()).count()).as("one onMetaData, the first publish's").isEqualTo(1);
        List<FlvTag> media = media(all);
        List<FlvTag> expected = new ArrayList<>(stream(0x64, 0, 0x10));
        expected.addAll(stream(0x64, 80 + 40, 0x20)); // after the last frame (80 ms) by one frame interval (40 ms)
        assertThat(media).extracting(FlvTag::body).containsExactlyElementsOf(expected.stream().map(FlvTag::body).toList());
        assertThat(media).extracting(FlvTag::timestamp).containsExactlyElementsOf(expected.stream().map(FlvTag::timestamp).toList());
        for (int i = 1; i < media.size(); i++) {
            if (media.get(i).type() == media.get(i - 1).type()) {
                assertThat(media.get(i).timestamp()).as("tag %d", i).isGreaterThan(media.get(i - 1).timestamp());
            }
        }
        Map<String, Object> meta = ScriptData.metadata(all.get(0).body());
        assertThat(meta.get("duration")).as("patched over both publishes").isEqualTo((120 + 80) / 1000.0);
        assertThat(meta.get("filesize")).isEqualTo((double) Files.size(dir.resolve("live/cam.flv")));
    }

    @Test
    void anAppendWhoseCodecsDifferGoesToAUniqueNameAndLeavesTheFileAlone() throws Exception {
        start(RecordMode.APPEND);
        publish("cam", stream(0x64, 1000, 0x10));
        byte[] before = Files.readAllBytes(dir.resolve("live/cam.flv"));
        publish("cam", stream(0x4D, 2000, 0x20)); // AVC Main instead of High: another decoder configuration

        assertThat(files()).containsExactly("cam-20261206-201500.flv", "cam.flv");
        assertThat(Files.readAllBytes(dir.resolve("live/cam.flv"))).isEqualTo(before);
        List<FlvTag> other = tags(dir.resolve("live/cam-20261206-201500.flv"));
        assertThat(other.get(0).type()).as("the new stream's onMetaData is kept").isEqualTo(FlvTagType.SCRIPT);
        assertThat(media(other)).extracting(FlvTag::body)
                .containsExactlyElementsOf(stream(0x4D, 0, 0x20).stream().map(FlvTag::body).toList());
    }

    @ParameterizedTest
    @EnumSource(value = RecordMode.class, names = {"APPEND", "OVERWRITE"})
    void whileOnePublishWritesKeyFlvASecondPublishOfTheKeyGetsAUniqueName(RecordMode mode) throws Exception {
        start(mode);
        try (RtmpClient first = RtmpClient.connect(server.uri("live"), ClientOptions.defaults())) {
            var publisher = first.publish("cam");
            for (FlvTag tag : stream(0x64, 0, 0x10)) {
                publisher.send(tag);
            }
            observed.afterVideoMessages(4).get(10, java.util.concurrent.TimeUnit.SECONDS); // cam.flv is open
            publish("cam", stream(0x64, 0, 0x20));
            assertThat(files()).containsExactly("cam-20261206-201500.flv", "cam.flv");
            publisher.close();
        }
        observed.await("unpublish", 10);
        assertThat(media(tags(dir.resolve("live/cam.flv")))).extracting(FlvTag::body)
                .containsExactlyElementsOf(stream(0x64, 0, 0x10).stream().map(FlvTag::body).toList());
        assertThat(media(tags(dir.resolve("live/cam-20261206-201500.flv")))).extracting(FlvTag::body)
                .containsExactlyElementsOf(stream(0x64, 0, 0x20).stream().map(FlvTag::body).toList());
    }

    @Test
    void aRecordingThatCannotBeCreatedNamesThePathAndWhatWasBeingDone() throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("live"), "a file where the app directory should be");
        for (RecordMode mode : RecordMode.values()) {
            assertThatThrownBy(() -> Recording.open(dir, "live", "cam", mode, START, 10, new java.util.HashSet<>()))
                    .as(mode.name())
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessageStartingWith("cannot create the recording directory " + notADirectory + ":");
        }
    }

    @Test
    void overwriteModeReplacesTheFile() throws Exception {
        start(RecordMode.OVERWRITE);
        publish("cam", stream(0x64, 1000, 0x10));
        publish("cam", stream(0x64, 2000, 0x20));

        assertThat(files()).containsExactly("cam.flv");
        assertThat(media(tags(dir.resolve("live/cam.flv")))).extracting(FlvTag::body)
                .containsExactlyElementsOf(stream(0x64, 0, 0x20).stream().map(FlvTag::body).toList());
    }
}
