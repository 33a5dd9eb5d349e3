package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.media.VideoTagHeader;
import org.rtmp4j.flv.ts.TsMuxer;

/**
 * The MPEG-TS muxer ({@link TsMuxer}, issue 13 §1) against real ffprobe and ffmpeg 7.1: an FLV file is muxed into
 * segments cut at the first keyframe 2 s or more after the segment's start, as HLS does. Each segment alone and
 * their concatenation must probe as the source does (codecs, size, frame rate, sample rate, channels), decode with
 * nothing printed at {@code -v error}, and give video frames whose {@code framemd5} equal the source's; the AAC
 * packets (ADTS headers removed by ffmpeg's {@code aac_adtstoasc}) equal the source's too.
 */
@Tag("ffmpeg")
@Timeout(300)
class TsFfprobeIT {
    private static final String STREAM_ENTRIES = "stream=codec_type,codec_name,width,height,r_frame_rate,sample_rate,channels";

    private Ffmpeg ffmpeg;
    private Path dir;

    private void locate(TestInfo info) throws Exception {
        dir = Ffmpeg.outputDir(getClass(), info.getTestMethod().orElseThrow().getName());
        Ffmpeg.deleteRecursively(dir);
        ffmpeg = Ffmpeg.locate(dir);
    }

    @AfterEach
    void tearDown() {
        if (ffmpeg != null) {
            ffmpeg.close();
        }
    }

    @Test
    void h264AacSegmentsProbeDecodeAndHashLikeTheSourceFlv(TestInfo info) throws Exception {
        locate(info);
        Path source = Media.h264Aac();
        Map<String, Map<String, String>> expected = streams(source);
        assertThat(expected.get("video")).containsEntry("codec_name", "h264").containsEntry("width", "768")
                .containsEntry("height", "320").containsEntry("r_frame_rate", "25/1");
        assertThat(expected.get("audio")).containsEntry("codec_name", "aac").containsEntry("sample_rate", "44100")
                .containsEntry("channels", "2");
        checkSegments(source, expected, 4);
    }

    @Test
    void hevcAacFromFfmpegSegmentsProbeDecodeAndHashLikeTheSourceFlv(TestInfo info) throws Exception {
        locate(info);
        Path source = dir.resolve("hevc-aac.flv");
        Ffmpeg.Run encode = ffmpeg.encodeTestPatternFlv("encode-hevc", source, 48000, 7, List.of("-c:v", "libx265",
                "-preset", "ultrafast", "-x265-params", "log-level=error:keyint=25", "-c:a", "aac"));
        assertThat(encode.process().exitValue()).as("ffmpeg with libx265 wrote the FLV; log:%n%s", encode.logTail())
                .isZero();
        Map<String, Map<String, String>> expected = streams(source);
        assertThat(expected.get("video")).containsEntry("codec_name", "hevc").containsEntry("width", "320")
                .containsEntry("height", "240").containsEntry("r_frame_rate", "25/1");
        assertThat(expected.get("audio")).containsEntry("codec_name", "aac").containsEntry("sample_rate", "48000")
                .containsEntry("channels", "1");
        checkSegments(source, expected, 3);
    }

    private void checkSegments(Path source, Map<String, Map<String, String>> expected, int minSegments)
            throws Exception {
        List<Path> segments = mux(source);
        assertThat(segments).hasSizeGreaterThanOrEqualTo(minSegments);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Path s : segments) {
            all.writeBytes(Files.readAllBytes(s));
        }
        Path whole = dir.resolve("all.ts");
        Files.write(whole, all.toByteArray());

        List<String> sourceFrames = videoHashes(source);
        List<String> fromSegments = new ArrayList<>();
        for (Path s : segments) {
            assertThat(streams(s)).as("ffprobe of %s alone", s.getFileName()).isEqualTo(expected);
            assertThat(ffmpeg.decodeErrors(s)).as("decoding %s alone", s.getFileName()).isEmpty();
            List<String> hashes = videoHashes(s);
            assertThat(hashes).as("%s decodes frames", s.getFileName()).isNotEmpty();
            fromSegments.addAll(hashes);
        }
        assertThat(fromSegments).as("video frames of the segments, each decoded alone").isEqualTo(sourceFrames);
        assertThat(streams(whole)).isEqualTo(expected);
        assertThat(ffmpeg.decodeErrors(whole)).isEmpty();
        assertThat(videoHashes(whole)).as("video frames of the concatenation").isEqualTo(sourceFrames);
        assertThat(audioPacketHashes(whole, true)).as("AAC packets of the concatenation")
                .isEqualTo(audioPacketHashes(source, false));
    }

    /** Muxes {@code source} into {@code seg-N.ts} files, cutting before the first keyframe >= 2 s into a segment. */
    private List<Path> mux(Path source) throws IOException {
        TsMuxer ts = new TsMuxer();
        List<ByteBuffer> parts = new ArrayList<>();
        long segmentStart = -1;
        try (FlvReader reader = FlvReader.open(source)) {
            for (Optional<FlvTag> next = reader.next(); next.isPresent(); next = reader.next()) {
                FlvTag tag = next.get();
                if (tag.type() == FlvTagType.VIDEO && tag.body().hasRemaining()) {
                    VideoTagHeader h = VideoTagHeader.parse(tag.body());
                    if (h.isKeyFrame() && !h.isSequenceHeader()) {
                        long t = Integer.toUnsignedLong(tag.timestamp());
                        if (segmentStart < 0) {
                            segmentStart = t;
                        } else if (t - segmentStart >= 2000) {
                            parts.add(ts.take());
                            ts.startSegment();
                            segmentStart = t;
                        }
                    }
                }
                ts.accept(tag);
            }
        }
        parts.add(ts.take());
        assertThat(ts.droppedTags()).as("dropped tags; last: %s", ts.lastDropReason()).isZero();
        List<Path> files = new ArrayList<>();
        for (ByteBuffer part : parts) {
            Path file = dir.resolve("seg-" + files.size() + ".ts");
            byte[] bytes = new byte[part.remaining()];
            part.get(bytes);
            Files.write(file, bytes);
            files.add(file);
        }
        return files;
    }

    /** ffprobe's stream fields by codec_type (video, audio). */
    private Map<String, Map<String, String>> streams(Path file) throws Exception {
        Map<String, Map<String, String>> byType = new HashMap<>();
        for (String line : ffmpeg.ffprobe("streams-" + file.getFileName(), "-show_entries", STREAM_ENTRIES, "-of",
                "compact", file.toString())) {
            String[] fields = line.strip().split("\\|");
            if (!fields[0].equals("stream")) {
                continue;
            }
            Map<String, String> values = new HashMap<>();
            for (int i = 1; i < fields.length; i++) {
                int eq = fields[i].indexOf('=');
                values.put(fields[i].substring(0, eq), fields[i].substring(eq + 1));
            }
            Map<String, String> listed = byType.put(values.get("codec_type"), values); // MPEG-TS lists programs too
            assertThat(listed == null || listed.equals(values)).as("one stream per type in %s", file).isTrue();
        }
        return byType;
    }

    /** MD5 of every decoded video frame, in order ({@code -f framemd5}, no frame dropped or duplicated). */
    private List<String> videoHashes(Path file) throws Exception {
        return framemd5(file, "video", "-map", "0:v:0", "-fps_mode", "passthrough");
    }

    /** MD5 of every AAC packet without ADTS headers, in order. */
    private List<String> audioPacketHashes(Path file, boolean adts) throws Exception {
        return adts ? framemd5(file, "audio", "-map", "0:a:0", "-c", "copy", "-bsf:a", "aac_adtstoasc")
                : framemd5(file, "audio", "-map", "0:a:0", "-c", "copy");
    }

    private List<String> framemd5(Path file, String what, String... options) throws Exception {
        Path out = dir.resolve(file.getFileName() + "." + what + ".framemd5");
        List<String> args = new ArrayList<>(List.of("-v", "error", "-i", file.toString()));
        args.addAll(List.of(options));
        args.addAll(List.of("-f", "framemd5", out.toString()));
        ffmpeg.run("framemd5-" + what + "-" + file.getFileName(), Duration.ofSeconds(120), args.toArray(new String[0]));
        List<String> hashes = new ArrayList<>();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] fields = line.split(",");
                hashes.add(fields[5].strip()); // stream, dts, pts, duration, size, hash[, side data]
            }
        }
        return hashes;
    }
}
