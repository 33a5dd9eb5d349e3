package org.rtmp4j.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtmp4j.flv.media.ScriptData;

class FlvWriterAppendTest {

    @TempDir
    Path tmp;

    private List<FlvTag> media() throws IOException {
        List<FlvTag> media = new ArrayList<>();
        FlvWriterKeyframesTest.copyMedia(
                FlvWriterKeyframesTest.readAll(FlvTestSupport.sharedMedia("h264-aac-avatar.flv")),
                media);
        return media;
    }

    @Test
    void appendContinuesARecordingWithShiftedTimestampsAndAFullIndex() throws IOException {
        List<FlvTag> media = media();
        int half = media.size() / 2;
        Path file = tmp.resolve("rec.flv");
        try (FlvWriter w = FlvWriter.create(file, new FlvHeader(true, true))) {
            w.writeMetadata(Map.of("encoder", "rtmp4j"));
            for (FlvTag t : media.subList(0, half)) {
                w.write(t);
            }
        }
        long lastTs = media.subList(0, half).stream().mapToLong(FlvTag::timestamp).max()
                .orElseThrow();
        // the continuation starts again at 0, as a new publish would
        long base = media.get(half).timestamp();
        long size;
        try (FlvWriter w = FlvWriter.append(file)) {
            assertThat(w.appendDamageOffset()).isEqualTo(-1);
            assertThat(w.timestampOffset()).isEqualTo(lastTs);
            for (FlvTag t : media.subList(half, media.size())) {
                w.write(new FlvTag(t.type(), (int) (t.timestamp() - base), t.body()));
            }
            size = w.bytesWritten();
        }
        List<FlvTag> back = FlvWriterKeyframesTest.readAll(file);
        assertThat(back).hasSize(media.size() + 1);
        assertThat(Files.size(file)).isEqualTo(size);
        for (int i = half; i < media.size(); i++) {
            FlvTag t = back.get(i + 1);
            assertThat(t.body()).isEqualTo(media.get(i).body());
            assertThat((long) t.timestamp())
                    .isEqualTo(media.get(i).timestamp() - base + lastTs);
        }
        Map<String, Object> meta = ScriptData.metadata(back.get(0).body());
        assertThat(meta.get("filesize")).isEqualTo((double) size);
        long maxTs = back.stream().filter(t -> t.type() != FlvTagType.SCRIPT)
                .mapToLong(FlvTag::timestamp).max().orElseThrow();
        assertThat(meta.get("duration")).isEqualTo(maxTs / 1000.0);
        List<List<Object>> index = FlvWriterKeyframesTest.index(file);
        assertThat(index.get(0)).hasSize((int) FlvWriterKeyframesTest.countIndexedKeyFrames(media));
        FlvWriterKeyframesTest.assertPointsAtKeyFrames(file, index.get(0), index.get(1));
    }

    @Test
    void appendCutsADamagedTailAndReportsWhereItWas() throws IOException {
        List<FlvTag> media = media().subList(0, 40);
        Path file = tmp.resolve("cut.flv");
        long[] ends = new long[media.size()];
        try (FlvWriter w = FlvWriter.create(file, new FlvHeader(true, true))) {
            w.writeMetadata(Map.of());
            for (int i = 0; i < media.size(); i++) {
                w.write(media.get(i));
                ends[i] = w.bytesWritten();
            }
        }
        // cut inside tag 30 (its header and 5 bytes of data survive)
        long tag30Start = ends[29];
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.truncate(tag30Start + FlvTag.HEADER_SIZE + 5);
        }
        assertThatThrownBy(() -> FlvWriterKeyframesTest.readAll(file))
                .isInstanceOfSatisfying(FlvFormatException.class,
                        e -> assertThat(e.offset()).isEqualTo(tag30Start));
        try (FlvWriter w = FlvWriter.append(file)) {
            assertThat(w.appendDamageOffset()).isEqualTo(tag30Start);
            assertThat(w.bytesWritten()).isEqualTo(tag30Start);
            w.write(media.get(30));
        }
        List<FlvTag> back = FlvWriterKeyframesTest.readAll(file);
        assertThat(back).hasSize(1 + 31);
        assertThat(back.get(31).body()).isEqualTo(media.get(30).body());
    }

    @Test
    void appendToAFileWithoutTagsRewritesTheHeaderAndRejectsNonFlv() throws IOException {
        Path file = tmp.resolve("header-only.flv");
        Files.write(file, FlvTestSupport.mux(new FlvHeader(false, true), List.of()));
        try (FlvWriter w = FlvWriter.append(file)) {
            assertThat(w.timestampOffset()).isZero();
            w.write(FlvTestSupport.tag(FlvTagType.VIDEO, 5, 0x17, 1, 0, 0, 0));
        }
        List<FlvTag> back = FlvWriterKeyframesTest.readAll(file);
        assertThat(back).extracting(FlvTag::timestamp).containsExactly(5);
        Path text = tmp.resolve("not.flv");
        Files.writeString(text, "hello world, not a video");
        assertThatThrownBy(() -> FlvWriter.append(text))
                .isInstanceOf(FlvFormatException.class).hasMessageContaining("not.flv");
    }

    @Test
    void appendAfterACutAtEveryOffsetLeavesAFileThatReadsCleanly() throws IOException {
        Path original = tmp.resolve("small.flv");
        try (FlvWriter w = FlvWriter.create(original, new FlvHeader(true, true), 4)) {
            w.writeMetadata(Map.of("encoder", "rtmp4j"));
            w.write(FlvTestSupport.tag(FlvTagType.VIDEO, 0, 0x17, 0, 0, 0, 0, 1, 2));
            w.write(FlvTestSupport.tag(FlvTagType.AUDIO, 10, 0xAF, 1, 7, 7));
            w.write(FlvTestSupport.tag(FlvTagType.VIDEO, 40, 0x17, 1, 0, 0, 0, 9, 9));
            w.write(FlvTestSupport.tag(FlvTagType.VIDEO, 80, 0x27, 1, 0, 0, 0, 8));
        }
        byte[] bytes = Files.readAllBytes(original);
        Path cut = tmp.resolve("cut-sweep.flv");
        for (int len = 0; len <= bytes.length; len++) {
            Files.write(cut, java.util.Arrays.copyOf(bytes, len));
            FlvWriter w;
            try {
                w = FlvWriter.append(cut);
            } catch (FlvFormatException e) {
                assertThat(len).as("only a cut header is refused").isLessThan(FlvHeader.SIZE);
                continue;
            }
            try (w) {
                w.write(FlvTestSupport.tag(FlvTagType.VIDEO, 0, 0x17, 1, 0, 0, 0, 5));
            }
            List<FlvTag> back = FlvWriterKeyframesTest.readAll(cut);
            assertThat(back).isNotEmpty();
            FlvTag last = back.get(back.size() - 1);
            assertThat(FlvTestSupport.bytes(last.body())).containsExactly(0x17, 1, 0, 0, 0, 5);
        }
    }
}
