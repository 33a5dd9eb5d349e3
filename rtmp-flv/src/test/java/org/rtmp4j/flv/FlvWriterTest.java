package org.rtmp4j.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtmp4j.flv.media.ScriptData;

class FlvWriterTest {

    @TempDir
    Path tmp;

    private static List<FlvTag> readAll(Path file) throws Exception {
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(file)) {
            Optional<FlvTag> t;
            while ((t = reader.next()).isPresent()) {
                tags.add(t.get());
            }
        }
        return tags;
    }

    private static void writeMedia(FlvWriter w) throws Exception {
        w.write(FlvTestSupport.tag(FlvTagType.VIDEO, 1000, 0x17, 0, 0, 0, 0));
        w.write(FlvTestSupport.tag(FlvTagType.AUDIO, 1010, 0xAF, 1, 0x21));
        w.write(FlvTestSupport.tag(FlvTagType.VIDEO, 3500, 0x27, 1, 0, 0, 0));
        w.write(FlvTestSupport.tag(FlvTagType.AUDIO, 3490, 0xAF, 1, 0x21));
    }

    @Test
    void closePatchesDurationAndFilesizeOfTheFirstMetadataInPlace() throws Exception {
        Path file = tmp.resolve("patched.flv");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("width", 640.0);
        meta.put("duration", "not a number");
        meta.put("encoder", "rtmp4j");
        long size;
        try (FlvWriter w = FlvWriter.create(file, new FlvHeader(true, true), 0)) {
            w.writeMetadata(meta);
            writeMedia(w);
            w.writeMetadata(Map.of("second", 1.0));
            size = w.bytesWritten();
        }
        assertThat(meta).containsEntry("duration", "not a number").doesNotContainKey("filesize");
        assertThat(Files.size(file)).isEqualTo(size);
        List<FlvTag> tags = readAll(file);
        assertThat(tags).hasSize(6);
        Map<String, Object> first = ScriptData.metadata(tags.get(0).body());
        assertThat(first).containsExactly(
                Map.entry("width", 640.0), Map.entry("duration", 2.5),
                Map.entry("encoder", "rtmp4j"), Map.entry("filesize", (double) size));
        Map<String, Object> second = ScriptData.metadata(tags.get(5).body());
        assertThat(second).containsEntry("duration", 0.0).containsEntry("filesize", 0.0);
    }

    @Test
    void metadataIsLeftAloneOnANonSeekableChannel() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        FlvWriter w = new FlvWriter(Channels.newChannel(out), new FlvHeader(true, true));
        w.writeMetadata(Map.of("duration", 7.0));
        writeMedia(w);
        w.close();
        w.close();
        Path file = tmp.resolve("streamed.flv");
        Files.write(file, out.toByteArray());
        List<FlvTag> tags = readAll(file);
        assertThat(ScriptData.metadata(tags.get(0).body()))
                .containsEntry("duration", 7.0).containsEntry("filesize", 0.0);
        assertThat(tags.subList(1, 5)).extracting(FlvTag::timestamp).containsExactly(1000, 1010, 3500, 3490);
    }

    @Test
    void withoutMetadataTheFileIsExactlyTheMuxerOutput() throws Exception {
        Path file = tmp.resolve("plain.flv");
        List<FlvTag> tags = List.of(FlvTestSupport.tag(FlvTagType.VIDEO, 0, 0x17, 0, 0, 0, 0),
                new FlvTag(FlvTagType.AUDIO, 0x7FFFFFFF, ByteBuffer.allocate(100_000)));
        try (FlvWriter w = FlvWriter.create(file, new FlvHeader(false, true))) {
            for (FlvTag t : tags) {
                w.write(t);
            }
            assertThat(w.bytesWritten()).isEqualTo(13 + 20 + 100_015);
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(FlvTestSupport.mux(new FlvHeader(false, true), tags));
        assertThat(tags.get(1).body().remaining()).isEqualTo(100_000);
    }

    @Test
    void writingAfterCloseIsRejected() throws Exception {
        FlvWriter w = FlvWriter.create(tmp.resolve("closed.flv"), new FlvHeader(true, false));
        w.close();
        assertThatThrownBy(() -> w.write(FlvTestSupport.tag(FlvTagType.AUDIO, 0, 0xAF, 1)))
                .isInstanceOf(IllegalStateException.class);
    }
}
