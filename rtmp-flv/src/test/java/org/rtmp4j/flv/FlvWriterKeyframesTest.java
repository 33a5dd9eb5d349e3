package org.rtmp4j.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtmp4j.flv.media.ScriptData;
import org.rtmp4j.flv.media.VideoTagHeader;

class FlvWriterKeyframesTest {

    @TempDir
    Path tmp;

    static List<FlvTag> readAll(Path file) throws IOException {
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader r = FlvReader.open(file)) {
            for (Optional<FlvTag> t = r.next(); t.isPresent(); t = r.next()) {
                tags.add(t.get());
            }
        }
        return tags;
    }

    /** The source's media tags (no script tags) and its metadata without the patched keys. */
    static Map<String, Object> copyMedia(List<FlvTag> source, List<FlvTag> media) {
        Map<String, Object> meta = new LinkedHashMap<>();
        for (FlvTag t : source) {
            if (t.type() == FlvTagType.SCRIPT) {
                if (meta.isEmpty()) {
                    meta.putAll(ScriptData.metadata(t.body()));
                }
            } else {
                media.add(t);
            }
        }
        meta.remove("duration");
        meta.remove("filesize");
        return meta;
    }

    static long countIndexedKeyFrames(List<FlvTag> tags) throws FlvFormatException {
        long n = 0;
        for (FlvTag t : tags) {
            if (t.type() == FlvTagType.VIDEO) {
                VideoTagHeader h = VideoTagHeader.parse(t.body());
                if (h.isKeyFrame() && !h.isSequenceHeader()) {
                    n++;
                }
            }
        }
        return n;
    }

    @SuppressWarnings("unchecked")
    static List<List<Object>> index(Path file) throws IOException {
        Map<String, Object> meta = ScriptData.metadata(readAll(file).get(0).body());
        Map<String, Object> kf = (Map<String, Object>) meta.get("keyframes");
        return List.of((List<Object>) kf.get("times"), (List<Object>) kf.get("filepositions"));
    }

    /** Asserts every position is the start of a video key frame tag at the indexed time. */
    static void assertPointsAtKeyFrames(Path file, List<Object> times, List<Object> positions)
            throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int i = 0; i < positions.size(); i++) {
                long pos = ((Number) positions.get(i)).longValue();
                ByteBuffer header = ByteBuffer.allocate(FlvTag.HEADER_SIZE);
                ch.read(header, pos);
                header.flip();
                assertThat(header.get(0)).as("tag type at %d", pos).isEqualTo((byte) 9);
                int size = ((header.get(1) & 0xFF) << 16) | ((header.get(2) & 0xFF) << 8)
                        | (header.get(3) & 0xFF);
                int ts = ((header.get(4) & 0xFF) << 16) | ((header.get(5) & 0xFF) << 8)
                        | (header.get(6) & 0xFF) | ((header.get(7) & 0xFF) << 24);
                ByteBuffer body = ByteBuffer.allocate(size);
                ch.read(body, pos + FlvTag.HEADER_SIZE);
                VideoTagHeader h = VideoTagHeader.parse(body.flip());
                assertThat(h.isKeyFrame()).isTrue();
                assertThat(h.isSequenceHeader()).isFalse();
                assertThat(((Number) times.get(i)).doubleValue()).isEqualTo(ts / 1000.0);
            }
        }
    }

    @Test
    void closeFillsAKeyframesIndexWhosePositionsPointAtVideoKeyFrameTags() throws IOException {
        for (String name : List.of("h264-aac-avatar.flv", "av1-opus-enhanced-testsrc.flv")) {
            List<FlvTag> source = readAll(FlvTestSupport.sharedMedia(name));
            List<FlvTag> media = new ArrayList<>();
            Map<String, Object> meta = copyMedia(source, media);
            Path out = tmp.resolve("indexed-" + name);
            long size;
            try (FlvWriter w = FlvWriter.create(out, new FlvHeader(true, true))) {
                w.writeMetadata(meta);
                for (FlvTag t : media) {
                    w.write(t);
                }
                size = w.bytesWritten();
            }
            long expected = countIndexedKeyFrames(media);
            assertThat(expected).isPositive();
            List<List<Object>> index = index(out);
            assertThat(index.get(0)).hasSize((int) expected);
            assertThat(index.get(1)).hasSize((int) expected);
            assertPointsAtKeyFrames(out, index.get(0), index.get(1));
            Map<String, Object> back = ScriptData.metadata(readAll(out).get(0).body());
            assertThat(back.get("filesize")).isEqualTo((double) size);
            assertThat(Files.size(out)).isEqualTo(size);
            assertThat(back.get("width")).isEqualTo(meta.get("width"));
            assertThat(readAll(out)).hasSize(media.size() + 1);
        }
    }

    @Test
    void moreKeyFramesThanReservedAreThinnedKeepingTheFirst() throws IOException {
        List<FlvTag> media = new ArrayList<>();
        copyMedia(readAll(FlvTestSupport.sharedMedia("h264-aac-avatar.flv")), media);
        long all = countIndexedKeyFrames(media);
        assertThat(all).isGreaterThan(2);
        Path out = tmp.resolve("thin.flv");
        List<Object> firstOfAll;
        try (FlvWriter w = FlvWriter.create(out, new FlvHeader(true, true), 2)) {
            w.writeMetadata(Map.of());
            for (FlvTag t : media) {
                w.write(t);
            }
            assertThat(w.keyframeCount()).isEqualTo((int) all);
        }
        List<List<Object>> index = index(out);
        assertThat(index.get(0)).hasSize(2);
        assertThat(index.get(0).get(0)).isEqualTo(0.0);
        assertPointsAtKeyFrames(out, index.get(0), index.get(1));
    }

    @Test
    void noKeyFramesLeaveAValidEmptyIndexAndZeroDisablesIt() throws IOException {
        Path empty = tmp.resolve("audio-only.flv");
        try (FlvWriter w = FlvWriter.create(empty, new FlvHeader(true, false))) {
            w.writeMetadata(Map.of("keyframes", "caller value is replaced"));
            w.write(FlvTestSupport.tag(FlvTagType.AUDIO, 0, 0xAF, 1, 0));
        }
        List<List<Object>> index = index(empty);
        assertThat(index.get(0)).isEmpty();
        assertThat(index.get(1)).isEmpty();
        Path none = tmp.resolve("no-index.flv");
        try (FlvWriter w = FlvWriter.create(none, new FlvHeader(true, false), 0)) {
            w.writeMetadata(Map.of());
        }
        assertThat(ScriptData.metadata(readAll(none).get(0).body())).doesNotContainKey("keyframes");
        assertThatThrownBy(() -> FlvWriter.create(none, new FlvHeader(true, false), -1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void commandFramesAndSequenceHeadersAreNeverIndexed() throws IOException {
        Path out = tmp.resolve("commands.flv");
        try (FlvWriter w = FlvWriter.create(out, new FlvHeader(false, true))) {
            w.writeMetadata(Map.of());
            w.write(FlvTestSupport.tag(FlvTagType.VIDEO, 0, 0x17, 0, 0, 0, 0)); // sequence header
            w.write(FlvTestSupport.tag(FlvTagType.VIDEO, 0, 0x57, 0)); // legacy command frame
            w.write(FlvTestSupport.tag(FlvTagType.VIDEO, 10, 0xD0, 0)); // E-RTMP command frame
            w.write(FlvTestSupport.tag(FlvTagType.VIDEO, 40, 0x17, 1, 0, 0, 0, 9)); // key frame
            w.write(FlvTestSupport.tag(FlvTagType.VIDEO, 80, 0x27, 1, 0, 0, 0, 9)); // inter
        }
        List<List<Object>> index = index(out);
        assertThat(index.get(0)).containsExactly(0.04);
        assertPointsAtKeyFrames(out, index.get(0), index.get(1));
    }

    @Test
    void aNonSeekableChannelKeepsTheEmptyReservedIndex() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (FlvWriter w = new FlvWriter(Channels.newChannel(bytes), new FlvHeader(false, true), 4)) {
            w.writeMetadata(Map.of());
            w.write(FlvTestSupport.tag(FlvTagType.VIDEO, 40, 0x17, 1, 0, 0, 0, 9));
        }
        Path file = tmp.resolve("streamed.flv");
        Files.write(file, bytes.toByteArray());
        assertThat(index(file).get(0)).isEmpty();
    }
}
