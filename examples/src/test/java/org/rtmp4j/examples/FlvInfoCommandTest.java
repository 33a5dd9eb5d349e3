package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtmp4j.flv.FlvHeader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.FlvWriter;

/** {@code flv-info} on the shared real files, a truncated copy and hand-built files; text and JSON. */
class FlvInfoCommandTest {
    @TempDir
    Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o, String... path) {
        Object v = o;
        for (String key : path) {
            v = ((Map<String, Object>) v).get(key);
        }
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> json() {
        String text = out.toString().strip();
        assertThat(text).as("one line").doesNotContain("\n");
        return (Map<String, Object>) JsonParser.parse(text);
    }

    @Test
    void describesTheH264AacFileAsText() {
        assertThat(run("flv-info", Media.h264Aac().toString())).isZero();
        assertThat(out.toString()).contains(
                "header       FLV version 1, flags audio+video, DataOffset 9",
                "metadata     onMetaData in tag type 18 (AMF0), 16 properties",
                "  width                  768\n",
                "  encoder                Lavf58.76.100\n",
                "video        h264 768x320 25 fps\n",
                "audio        aac 44100 Hz 2 channels\n",
                "tags         772 (audio 487, video 284, script 1, script AMF3 0)\n",
                "timestamps   0 .. 11265 ms\n",
                "keyframes    7 (at 0, 1440, 2960, 4400, 7800, 8880, 10680 ms)\n",
                "damage       none\n");
        assertThat(out.toString()).doesNotContain("track ");
    }

    @Test
    void keyframeTimesAreBoundedButCountedInFull() {
        assertThat(run("flv-info", "--keyframes", "2", Media.h264Aac().toString())).isZero();
        assertThat(out.toString()).contains("keyframes    7 (first 2 at 0, 1440 ms)\n");
        out.getBuffer().setLength(0);
        assertThat(run("flv-info", "--keyframes", "0", Media.h264Aac().toString())).isZero();
        assertThat(out.toString()).contains("keyframes    7\n");
    }

    @Test
    void describesTheAv1OpusFileAsJson() {
        assertThat(run("flv-info", "--json", Media.av1Opus().toString())).isZero();
        Map<String, Object> j = json();
        assertThat(j).containsKeys("file", "fileSize", "header", "metadata", "metadataTagType", "streams", "tracks",
                "tags", "timestamps", "keyframes", "damage", "tagErrors", "previousTagSizeMismatches");
        assertThat(j).containsEntry("fileSize", 311008.0).containsEntry("metadataTagType", 18.0)
                .containsEntry("damage", null).containsEntry("tracks", List.of());
        assertThat(obj(j, "header")).containsExactly(Map.entry("version", 1.0), Map.entry("audio", true),
                Map.entry("video", true), Map.entry("dataOffset", 9.0));
        assertThat(obj(j, "streams", "video")).containsExactly(Map.entry("codec", "av1"),
                Map.entry("width", 980.0), Map.entry("height", 540.0), Map.entry("frameRate", 30.0));
        assertThat(obj(j, "streams", "audio")).containsExactly(Map.entry("codec", "opus"),
                Map.entry("sampleRate", 48000.0), Map.entry("channels", 1.0));
        assertThat(obj(j, "tags")).containsExactly(Map.entry("total", 807.0), Map.entry("audio", 503.0),
                Map.entry("video", 303.0), Map.entry("script", 1.0), Map.entry("scriptAmf3", 0.0));
        assertThat(obj(j, "metadata")).containsEntry("videocodecid", (double) 0x61763031) // 'av01'
                .containsEntry("audiocodecid", (double) 0x4F707573) // 'Opus'
                .containsEntry("encoder", "Lavf62.3.100").containsEntry("stereo", false);
        assertThat(obj(j, "timestamps")).containsExactly(Map.entry("firstMs", 0.0), Map.entry("lastMs", 10001.0));
        assertThat(obj(j, "keyframes")).containsExactly(Map.entry("count", 1.0), Map.entry("timesMs", List.of(7.0)));
    }

    @Test
    void aTruncatedCopyReportsTheOffsetOfTheDamageAndExitsWithOne() throws Exception {
        byte[] whole = Files.readAllBytes(Media.av1Opus());
        Path cut = tmp.resolve("cut.flv");
        Files.write(cut, Arrays.copyOf(whole, 200_000));
        assertThat(run("flv-info", "--json", cut.toString())).isEqualTo(1);
        Map<String, Object> j = json();
        // the tag that starts at 199,982 declares 206 data bytes; 7 of them are in the copy
        assertThat(obj(j, "damage")).containsExactly(Map.entry("offset", 199_982.0),
                Map.entry("reason", "truncated tag: 7 of 206 data bytes"));
        assertThat(obj(j, "tags")).containsEntry("total", 516.0);
        assertThat(obj(j, "streams", "video")).containsEntry("codec", "av1");

        out.getBuffer().setLength(0);
        assertThat(run("flv-info", cut.toString())).isEqualTo(1);
        assertThat(out.toString()).contains("damage       at offset 199982: truncated tag: 7 of 206 data bytes\n");
    }

    @Test
    void aFileThatIsNotFlvIsAFailureNamingTheOffset() throws Exception {
        Path junk = tmp.resolve("junk.flv");
        Files.write(junk, "NOT AN FLV FILE AT ALL".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(run("flv-info", junk.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("FLV offset 0: not an FLV stream");
    }

    @Test
    void type15MetadataAndMultitrackVideoAreShownPerTrack() throws Exception {
        Path file = tmp.resolve("mt.flv");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("width", 320.0);
        meta.put("height", 240.0);
        try (FlvWriter w = FlvWriter.create(file, new FlvHeader(false, true))) {
            w.writeMetadata(meta, FlvTagType.SCRIPT_AMF3);
            // E-RTMP v2 Multitrack, ManyTracks, SequenceStart, "avc1", tracks 0 and 2 with one-byte records (an empty
            // record names no codec: VideoTagValidator)
            w.write(new FlvTag(FlvTagType.VIDEO, 0,
                    ByteBuffer.wrap(HexFormat.of().parseHex("9610" + "61766331" + "0000000101" + "0200000101"))));
            // E-RTMP "hvc1" CodedFramesX key frame, single track (track 0)
            w.write(new FlvTag(FlvTagType.VIDEO, 40, ByteBuffer.wrap(HexFormat.of().parseHex("9368766331aa"))));
        }
        assertThat(run("flv-info", file.toString())).isZero();
        assertThat(out.toString()).contains(
                "metadata     onMetaData in tag type 15 (AMF3), 4 properties",
                "  width                  320\n",
                "tags         3 (audio 0, video 2, script 0, script AMF3 1)\n",
                "track 0      video hevc 320x240; audio none\n",
                "track 2      video h264; audio none\n",
                "keyframes    1 (at 40 ms)\n");
    }

    @Test
    void jsonWriterEscapesStringsAndWritesNonFiniteNumbersAsNull() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\n\u0001é");
        m.put("nan", Double.NaN);
        m.put("list", List.of(1, 2.5, true));
        m.put("none", null);
        String text = Json.write(m);
        assertThat(text).isEqualTo("{\"s\":\"a\\\"b\\\\c\\n\\u0001é\",\"nan\":null,\"list\":[1,2.5,true],\"none\":null}");
        assertThat(obj(JsonParser.parse(text))).containsExactly(Map.entry("s", "a\"b\\c\n\u0001é"),
                new java.util.AbstractMap.SimpleEntry<>("nan", null), Map.entry("list", List.of(1.0, 2.5, true)),
                new java.util.AbstractMap.SimpleEntry<>("none", null));
        assertThatThrownBy(() -> JsonParser.parse("{\"a\":1")).isInstanceOf(IllegalArgumentException.class);
    }
}
