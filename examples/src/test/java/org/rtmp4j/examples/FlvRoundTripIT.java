package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvWriter;
import org.rtmp4j.flv.media.ScriptData;

/**
 * Files that ffmpeg 7.1 writes, one per codec, copied through {@link FlvReader} → {@link FlvWriter}.
 *
 * <p>What must be equal, byte for byte:
 * <ul>
 *   <li>a plain copy ({@link FlvWriter#write} for every tag, the {@code onMetaData} tag included): the whole file;
 *   <li>a copy whose {@code onMetaData} is rewritten with {@link FlvWriter#writeMetadata} (so {@code duration},
 *       {@code filesize} and the {@code keyframes} index are patched on close): the 13 bytes of header and
 *       {@code PreviousTagSize0}, and every byte from the end of the {@code onMetaData} tag (after its
 *       {@code PreviousTagSize}) to the end of the file, that is every audio and video tag. The rewritten
 *       {@code onMetaData} has ffmpeg's keys plus {@code keyframes} (unless ffmpeg wrote one), the same values
 *       except {@code duration} (within 0.1 s: ffmpeg adds the last frame's duration), {@code filesize} (the
 *       copy's size) and {@code keyframes}.
 * </ul>
 * ffprobe must read both copies with the original's codecs and frame counts. ffmpeg 7.1's FLV muxer cannot write
 * Opus or FLAC ("Audio codec opus not compatible with flv"), so there is no ffmpeg case for them; E-FLV Opus is
 * round-tripped from {@code av1-opus-enhanced-testsrc.flv} (written by the E-RTMP authors' tools) in rtmp-flv's
 * {@code FlvReaderTest}.
 */
@Tag("ffmpeg")
@Timeout(180)
class FlvRoundTripIT {
    private Ffmpeg ffmpeg;

    static Stream<Arguments> codecs() {
        List<String> x264 = List.of("-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-pix_fmt", "yuv420p");
        return Stream.of(
                Arguments.of("h264-aac", 44100, concat(x264, "-c:a", "aac")),
                Arguments.of("h264-aac-keyframe-index", 44100, concat(x264, "-c:a", "aac",
                        "-flvflags", "add_keyframe_index")),
                Arguments.of("hevc-aac", 44100, List.of("-c:v", "libx265", "-preset", "ultrafast",
                        "-x265-params", "log-level=error", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac")),
                Arguments.of("av1-aac", 44100, List.of("-c:v", "libsvtav1", "-preset", "12", "-g", "25",
                        "-pix_fmt", "yuv420p", "-c:a", "aac")),
                Arguments.of("vp9-aac", 44100, List.of("-c:v", "libvpx-vp9", "-deadline", "realtime",
                        "-cpu-used", "8", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac")));
    }

    private static List<String> concat(List<String> a, String... b) {
        return Stream.concat(a.stream(), Arrays.stream(b)).toList();
    }

    @AfterEach
    void tearDown() {
        if (ffmpeg != null) {
            ffmpeg.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codecs")
    void ffmpegFilesRoundTripByteForByte(String name, int sampleRate, List<String> codecArgs) throws Exception {
        Path dir = Ffmpeg.outputDir(getClass(), name);
        ffmpeg = Ffmpeg.locate(dir);
        Path original = dir.resolve(name + ".flv");
        Files.deleteIfExists(original);
        Ffmpeg.Run encode = ffmpeg.encodeTestPatternFlv("encode-" + name, original, sampleRate, 2, codecArgs);
        if (encode.process().exitValue() != 0) {
            throw new AssertionError("ffmpeg failed to write " + name + ":\n" + encode.logTail());
        }
        byte[] in = Files.readAllBytes(original);

        Path plain = dir.resolve(name + "-copy.flv");
        copy(original, plain, false);
        assertThat(Files.readAllBytes(plain)).as("plain copy of %s", name).isEqualTo(in);

        Path patched = dir.resolve(name + "-metadata.flv");
        copy(original, patched, true);
        byte[] out = Files.readAllBytes(patched);
        int inEnd = metadataEnd(in);
        int outEnd = metadataEnd(out);
        assertThat(Arrays.copyOf(out, 13)).as("header").isEqualTo(Arrays.copyOf(in, 13));
        assertThat(Arrays.copyOfRange(out, outEnd, out.length)).as("every tag after onMetaData")
                .isEqualTo(Arrays.copyOfRange(in, inEnd, in.length));
        Map<String, Object> before = metadata(in);
        Map<String, Object> after = metadata(out);
        Set<String> keys = new HashSet<>(before.keySet());
        keys.add("keyframes");
        assertThat(after.keySet()).isEqualTo(keys);
        for (String key : before.keySet()) {
            if (!Set.of("duration", "filesize", "keyframes").contains(key)) {
                assertThat(after.get(key)).as(key).isEqualTo(before.get(key));
            }
        }
        assertThat((Double) after.get("duration")).isCloseTo((Double) before.get("duration"), within(0.1));
        assertThat(after.get("filesize")).isEqualTo((double) out.length);

        Ffmpeg.ProbeInfo source = ffmpeg.probe(original);
        for (Path copy : List.of(plain, patched)) {
            Ffmpeg.ProbeInfo probe = ffmpeg.probe(copy);
            assertThat(probe.streams()).as("ffprobe of %s", copy.getFileName()).isEqualTo(source.streams());
        }
        assertThat(source.stream("video").frames()).as("2 s at 25 fps").isEqualTo(50);

        // flv-info's reading of the original agrees with ffprobe
        FlvInfo info = FlvInfo.read(original, 10);
        assertThat(info.damage()).isNull();
        assertThat(info.streams().videoCodec()).isEqualTo(source.stream("video").codecName());
        assertThat(info.streams().audioCodec()).isEqualTo(source.stream("audio").codecName());
        assertThat(info.streams().width()).isEqualTo(320);
        assertThat(info.streams().height()).isEqualTo(240);
        assertThat(info.streams().frameRate()).isEqualTo(25.0);
        assertThat(info.streams().sampleRate()).isEqualTo(sampleRate);
        assertThat(info.streams().channels()).isEqualTo(1);
        assertThat(info.tagCounts()).as("ffmpeg adds a sequence start and end to the video, a sequence header to"
                + " the audio").containsEntry("video", 50L + 2).containsEntry("audio", source.stream("audio").frames() + 1)
                .containsEntry("script", 1L).containsEntry("scriptAmf3", 0L);
        assertThat(info.keyframeCount()).as("-g 25 over 50 frames").isEqualTo(2);
        assertThat(FlvInfo.read(patched, 10).tagCounts()).isEqualTo(info.tagCounts());
    }

    /** Copies tag by tag; with {@code rewriteMetadata} the first onMetaData goes through writeMetadata. */
    private static void copy(Path from, Path to, boolean rewriteMetadata) throws Exception {
        try (FlvReader reader = FlvReader.open(from);
                FlvWriter writer = FlvWriter.create(to, reader.header())) {
            boolean metadataSeen = false;
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                FlvTag tag = t.get();
                if (rewriteMetadata && !metadataSeen && tag.type().isScript()) {
                    metadataSeen = true;
                    writer.writeMetadata(ScriptData.metadata(tag.type(), tag.body()));
                } else {
                    writer.write(tag);
                }
            }
        }
    }

    /** The offset just after the first tag's PreviousTagSize; requires that tag to be onMetaData. */
    private static int metadataEnd(byte[] file) {
        assertThat(file[13]).as("first tag is a script tag").isEqualTo((byte) 18);
        int dataSize = (file[14] & 0xFF) << 16 | (file[15] & 0xFF) << 8 | file[16] & 0xFF; // UI24 DataSize
        return 13 + 11 + dataSize + 4;
    }

    private static Map<String, Object> metadata(byte[] file) {
        int end = metadataEnd(file);
        return ScriptData.metadata(ByteBuffer.wrap(file, 24, end - 4 - 24).slice());
    }
}
