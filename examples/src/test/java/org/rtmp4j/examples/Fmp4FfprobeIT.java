package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.mp4.Fmp4Fragment;
import org.rtmp4j.flv.mp4.Fmp4Muxer;

/**
 * Issue 13 §1's real-peer proof for {@link Fmp4Muxer}: an FLV file is muxed, tag by tag with a
 * {@code flush()} after every tag (the live {@code /APP/KEY.mp4} cadence: one frame of delay), into
 * an init segment followed by its fragments; ffprobe must report the source's codecs, picture size,
 * frame rate, sample rate and channels, and ffmpeg's {@code -f framemd5} must give the same decoded
 * frames, video and audio, as for the source FLV; the same again with one fragment per GOP (flushed at each
 * key frame, as the HLS segmenter cuts).
 *
 * <p>Sources: the repository's {@code h264-aac-avatar.flv} and {@code av1-opus-enhanced-testsrc.flv},
 * and clips that ffmpeg 7.1 encodes into FLV here: HEVC (libx265, E-RTMP {@code hvc1}), VP9
 * (libvpx-vp9, {@code vp09}) and AV1 (libsvtav1, {@code av01}), each with AAC. A clip whose
 * encoder this ffmpeg build lacks is skipped with the reason (bytedeco's GPL build has all three).
 */
@Tag("ffmpeg")
@Timeout(300)
class Fmp4FfprobeIT {
    private static final List<String> PROBED = List.of("codec_type", "codec_name", "width", "height",
            "r_frame_rate", "sample_rate", "channels");
    private Ffmpeg ffmpeg;

    static Stream<Arguments> sources() {
        return Stream.of(
                Arguments.of("h264-aac-avatar", List.of()),
                Arguments.of("av1-opus-enhanced-testsrc", List.of()),
                Arguments.of("hevc-aac", List.of("-c:v", "libx265", "-preset", "ultrafast",
                        "-x265-params", "log-level=error:bframes=3", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac")),
                Arguments.of("vp9-aac", List.of("-c:v", "libvpx-vp9", "-deadline", "realtime",
                        "-cpu-used", "8", "-g", "25", "-pix_fmt", "yuv420p", "-c:a", "aac")),
                Arguments.of("av1-aac", List.of("-c:v", "libsvtav1", "-preset", "12", "-g", "25",
                        "-pix_fmt", "yuv420p", "-c:a", "aac")));
    }

    @AfterEach
    void tearDown() {
        if (ffmpeg != null) {
            ffmpeg.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void fmp4DecodesToTheSourcesFrames(String name, List<String> encoder) throws Exception {
        Path dir = Ffmpeg.outputDir(getClass(), name);
        Ffmpeg.deleteRecursively(dir);
        ffmpeg = Ffmpeg.locate(dir);
        Path flv;
        if (encoder.isEmpty()) {
            flv = name.startsWith("h264") ? Media.h264Aac() : Media.av1Opus();
        } else {
            flv = dir.resolve(name + ".flv");
            Ffmpeg.Run run = ffmpeg.encodeTestPatternFlv("encode-" + name, flv, 44100, 3, encoder);
            if (run.process().exitValue() != 0) {
                String log = run.logTail();
                Assumptions.assumeFalse(log.contains("Unknown encoder"), "this ffmpeg has no encoder for " + name + ": " + log);
                throw new AssertionError("ffmpeg failed to write " + name + ":\n" + log);
            }
        }
        Path mp4 = dir.resolve(name + ".mp4");
        Fmp4Muxer muxer = mux(flv, mp4, false);
        Path segments = dir.resolve(name + "-gop-fragments.mp4");
        mux(flv, segments, true);
        assertThat(muxer.malformedTags()).as("malformed tags").isZero();
        assertThat(muxer.droppedSamples()).as("frames without a configuration").isZero();

        List<Map<String, String>> source = probe("flv-" + name, flv);
        List<Map<String, String>> muxed = probe("mp4-" + name, mp4);
        boolean opus = name.contains("opus");
        if (opus) {
            // ffmpeg 7.1's FLV demuxer knows no E-RTMP audio ("unknown", 5512 Hz): the source says Opus, 48 kHz, mono
            source.replaceAll(s -> s.get("codec_type").equals("audio") ? Map.of("codec_type", "audio", "codec_name",
                    "opus", "sample_rate", "48000", "channels", "1", "r_frame_rate", "0/0") : s);
        }
        assertThat(muxed).as("ffprobe of the fMP4 vs the FLV").containsExactlyInAnyOrderElementsOf(source);
        assertThat(muxed).hasSize(2);

        for (String map : opus ? List.of("0:v:0") : List.of("0:v:0", "0:a:0")) {
            String tag = map.replace(':', '_');
            List<String> expected = ffmpeg.frameMd5(name + "-flv-" + tag, flv, map);
            List<String> actual = ffmpeg.frameMd5(name + "-mp4-" + tag, mp4, map);
            assertThat(actual).as("decoded %s frames of the fMP4 (%d) vs the FLV (%d)", map, actual.size(),
                    expected.size()).isEqualTo(expected);
            assertThat(expected).as("frames of %s", map).hasSizeGreaterThan(20);
            assertThat(ffmpeg.frameMd5(name + "-gop-" + tag, segments, map))
                    .as("decoded %s frames with one fragment per GOP", map).isEqualTo(expected);
        }
        if (opus) {
            // no FLV demuxer to compare with: the demuxed Opus packets must be the FLV's CodedFrames byte for byte,
            // and each must decode
            List<String> packets = ffmpeg.packetMd5(name + "-mp4-packets", mp4, "0:a:0");
            assertThat(packets).as("Opus packets of the fMP4").isEqualTo(opusPayloadMd5(flv));
            assertThat(ffmpeg.frameMd5(name + "-mp4-decoded", mp4, "0:a:0")).hasSameSizeAs(packets);
        }
        assertThat(ffmpeg.decodeErrors(mp4)).as("decode errors").isEmpty();
    }

    /** The MD5 of each E-RTMP Opus CodedFrames payload of {@code flv} (single-track: after the 5-byte header). */
    private static List<String> opusPayloadMd5(Path flv) throws Exception {
        List<String> md5 = new ArrayList<>();
        try (FlvReader r = FlvReader.open(flv)) {
            for (Optional<FlvTag> t = r.next(); t.isPresent(); t = r.next()) {
                ByteBuffer body = t.get().body();
                if (t.get().type() != org.rtmp4j.flv.FlvTagType.AUDIO || body.remaining() <= 5
                        || (body.get(body.position()) & 0xFF) != 0x91) {
                    continue; // 0x91: ExHeader, CodedFrames
                }
                MessageDigest d = MessageDigest.getInstance("MD5");
                d.update(body.duplicate().position(body.position() + 5));
                md5.add(HexFormat.of().formatHex(d.digest()));
            }
        }
        return md5;
    }

    /**
     * Muxes {@code flv} into {@code mp4}: the last init segment, then every fragment. With {@code perGop} the
     * muxer is flushed after each video key frame (an HLS segmenter's cut: the key frame is held back and starts
     * the next fragment), else after every tag.
     */
    static Fmp4Muxer mux(Path flv, Path mp4, boolean perGop) throws IOException {
        Fmp4Muxer muxer = new Fmp4Muxer();
        List<ByteBuffer> fragments = new ArrayList<>();
        try (FlvReader r = FlvReader.open(flv)) {
            for (Optional<FlvTag> t = r.next(); t.isPresent(); t = r.next()) {
                muxer.accept(t.get());
                ByteBuffer body = t.get().body();
                boolean keyFrame = t.get().type() == org.rtmp4j.flv.FlvTagType.VIDEO && body.hasRemaining()
                        && (body.get(body.position()) & 0x70) == 0x10;
                if (!perGop || keyFrame) {
                    muxer.flush().map(Fmp4Fragment::bytes).ifPresent(fragments::add);
                }
            }
        }
        for (Optional<Fmp4Fragment> f = muxer.finish(); f.isPresent(); f = muxer.finish()) {
            fragments.add(f.get().bytes());
        }
        try (OutputStream out = Files.newOutputStream(mp4); WritableByteChannel ch = Channels.newChannel(out)) {
            ch.write(muxer.initSegment().orElseThrow());
            for (ByteBuffer b : fragments) {
                ch.write(b.duplicate());
            }
        }
        return muxer;
    }

    private List<Map<String, String>> probe(String name, Path file) throws Exception {
        List<Map<String, String>> streams = new ArrayList<>();
        for (String line : ffmpeg.ffprobe(name, "-show_entries", "stream=" + String.join(",", PROBED), "-of", "compact",
                file.toString())) {
            if (!line.startsWith("stream|")) {
                continue;
            }
            Map<String, String> values = new LinkedHashMap<>();
            for (String field : line.substring(7).split("\\|")) {
                int eq = field.indexOf('=');
                values.put(field.substring(0, eq), field.substring(eq + 1));
            }
            streams.add(values);
        }
        return streams;
    }
}
