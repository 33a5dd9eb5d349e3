package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rtmp4j.amf.Amf0;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;

/** Smoke test: our client publishes a few tags to a {@link RecordToFlv} server; the file reads back the same. */
@Timeout(30)
class RecordToFlvTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();

    private ObservingController observed;

    @BeforeEach
    void startServer() throws Exception {
        observed = server.startObserved(new RecordToFlv(dir));
    }

    private static FlvTag tag(FlvTagType type, int timestamp, int... bytes) {
        ByteBuffer body = ByteBuffer.allocate(bytes.length);
        for (int b : bytes) {
            body.put((byte) b);
        }
        return new FlvTag(type, timestamp, body.flip().asReadOnlyBuffer());
    }

    @Test
    void recordsMetadataAndEveryTagOfAPublishedStreamIntoAppSlashNameDashUtcTime() throws Exception {
        List<FlvTag> sent = List.of(
                tag(FlvTagType.VIDEO, 0, 0x17, 0x00, 0, 0, 0, 0x01, 0x64, 0x00, 0x1F, 0xFF, 0xE1, 0x00, 0x00, 0x01, 0x00),
                tag(FlvTagType.AUDIO, 0, 0xAF, 0x00, 0x12, 0x10),
                tag(FlvTagType.VIDEO, 0, 0x17, 0x01, 0, 0, 0, 0, 0, 0, 2, 0x65, 0x88),
                tag(FlvTagType.AUDIO, 23, 0xAF, 0x01, 0x21, 0x10, 0x04),
                tag(FlvTagType.VIDEO, 40, 0x27, 0x01, 0, 0, 0, 0, 0, 0, 2, 0x41, 0x9A),
                tag(FlvTagType.AUDIO, 46, 0xAF, 0x01, 0x21, 0x10, 0x05),
                tag(FlvTagType.VIDEO, 80, 0x27, 0x01, 0, 0, 0, 0, 0, 0, 2, 0x41, 0x9B));

        try (RtmpClient client = RtmpClient.connect(server.uri("live"), ClientOptions.defaults())) {
            var publisher = client.publish("smoke");
            publisher.sendMetadata(Map.of("width", 320.0, "height", 240.0));
            for (FlvTag tag : sent) {
                publisher.send(tag);
            }
            publisher.close();
        }

        observed.await("unpublish", 10); // RecordToFlv has closed the file when this event is recorded
        List<Path> files;
        try (var list = Files.list(dir.resolve("live"))) {
            files = list.toList();
        }
        assertThat(files).as("one file named by the default RecordMode.UNIQUE").singleElement()
                .satisfies(f -> assertThat(f.getFileName().toString()).matches("smoke-\\d{8}-\\d{6}\\.flv"));
        Path file = files.get(0);
        assertThat(Files.size(file)).isPositive();

        List<FlvTag> media = new ArrayList<>();
        Map<Object, Object> metadata = null;
        try (FlvReader reader = FlvReader.open(file)) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                if (t.get().type() == FlvTagType.SCRIPT) {
                    List<Object> values = Amf0.decode(t.get().body().duplicate());
                    assertThat(values).first().isEqualTo("onMetaData");
                    metadata = new java.util.HashMap<>((Map<?, ?>) values.get(1));
                } else {
                    media.add(t.get());
                }
            }
        }
        assertThat(metadata).as("onMetaData script tag").isNotNull().containsEntry("width", 320.0).containsEntry("height", 240.0);
        assertThat(media).hasSameSizeAs(sent);
        for (int i = 0; i < sent.size(); i++) {
            assertThat(media.get(i).type()).isEqualTo(sent.get(i).type());
            assertThat(media.get(i).timestamp()).isEqualTo(sent.get(i).timestamp());
            assertThat(media.get(i).body()).as("tag %d body", i).isEqualTo(sent.get(i).body());
        }
    }

    @Test
    void nothingIsRecordedForAConnectionThatNeverPublishes() throws Exception {
        try (RtmpClient client = RtmpClient.connect(server.uri("live"), ClientOptions.defaults())) {
            assertThat(client).isNotNull();
        }
        observed.await("close", 10);
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
