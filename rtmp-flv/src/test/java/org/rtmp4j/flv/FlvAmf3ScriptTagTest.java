package org.rtmp4j.flv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtmp4j.amf.Amf0Writer;
import org.rtmp4j.amf.AmfEcmaArray;
import org.rtmp4j.flv.codec.MediaInfoCollector;
import org.rtmp4j.flv.media.Amf3ScriptData;
import org.rtmp4j.flv.media.ScriptData;

/** FLV tag type 15, script data in AMF3 (E-RTMP v2, "Enabling AMF3 in FLV"), in files. */
class FlvAmf3ScriptTagTest {

    @TempDir
    Path tmp;

    /**
     * A hand-built type-15 onMetaData body: format byte 00, AMF0 string "onMetaData", AVM+ switch
     * 11, AMF3 anonymous dynamic object 0A 0B 01 with duration (double 2.5), width (integer 320)
     * and an empty-name end 01.
     */
    static byte[] amf3OnMetaData() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x00);
        b.write(0x02);
        b.write(0x00);
        b.write(0x0A);
        b.writeBytes("onMetaData".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[] {0x11, 0x0A, 0x0B, 0x01});
        b.write(0x11); // UTF-8-vr literal of 8 bytes
        b.writeBytes("duration".getBytes(StandardCharsets.US_ASCII));
        b.write(0x05);
        b.writeBytes(ByteBuffer.allocate(8).putDouble(2.5).array());
        b.write(0x0B);
        b.writeBytes("width".getBytes(StandardCharsets.US_ASCII));
        b.writeBytes(new byte[] {0x04, (byte) 0x82, 0x40}); // U29 320
        b.write(0x01);
        return b.toByteArray();
    }

    private static byte[] fileWith(byte[] scriptBody) {
        ByteBuffer f = ByteBuffer.allocate(13 + 11 + scriptBody.length + 4);
        f.put(new byte[] {'F', 'L', 'V', 1, 0x05, 0, 0, 0, 9, 0, 0, 0, 0});
        f.put((byte) 15).put((byte) 0).putShort((short) scriptBody.length); // DataSize UI24
        f.put(new byte[] {0, 0, 0, 0, 0, 0, 0}); // Timestamp, TimestampExtended, StreamID
        f.put(scriptBody).putInt(11 + scriptBody.length);
        return f.array();
    }

    private static List<FlvTag> demux(byte[] file) throws FlvFormatException {
        List<FlvTag> tags = new ArrayList<>();
        FlvDemuxer d = new FlvDemuxer(FlvDemuxer.DEFAULT_MAX_TAG_SIZE, true);
        d.feed(ByteBuffer.wrap(file), tags::add);
        d.finish();
        return tags;
    }

    @Test
    void tagType15IsAScriptTagType() {
        assertThat(FlvTagType.of(15)).isEqualTo(FlvTagType.SCRIPT_AMF3);
        assertThat(FlvTagType.SCRIPT_AMF3.id()).isEqualTo(15);
        assertThat(FlvTagType.SCRIPT_AMF3.isScript()).isTrue();
        assertThat(FlvTagType.SCRIPT.isScript()).isTrue();
        assertThat(FlvTagType.VIDEO.isScript()).isFalse();
        assertThatThrownBy(() -> FlvTagType.of(16)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void demuxerReadsAType15TagAndItsOnMetaDataDecodes() throws Exception {
        byte[] body = amf3OnMetaData();
        List<FlvTag> tags = demux(fileWith(body));
        assertThat(tags).hasSize(1);
        FlvTag tag = tags.get(0);
        assertThat(tag.type()).isEqualTo(FlvTagType.SCRIPT_AMF3);
        assertThat(FlvTestSupport.bytes(tag.body())).isEqualTo(body);
        assertThat(ScriptData.metadata(tag.type(), tag.body()))
                .containsEntry("duration", 2.5).containsEntry("width", 320.0);
        assertThat(ScriptData.values(tag.type(), tag.body(), org.rtmp4j.amf.AmfLimits.DEFAULT))
                .first().isEqualTo("onMetaData");
    }

    @Test
    void muxerAndWriterWriteType15TagsByteForByte() throws Exception {
        byte[] file = fileWith(amf3OnMetaData());
        FlvTag tag = demux(file).get(0);
        assertThat(FlvTestSupport.mux(new FlvHeader(true, true), List.of(tag))).isEqualTo(file);
        Path copy = tmp.resolve("copy.flv");
        try (FlvReader r = FlvReader.open(writeFile("in.flv", file));
                FlvWriter w = FlvWriter.create(copy, r.header())) {
            w.write(r.next().orElseThrow());
            assertThat(r.next()).isEmpty();
        }
        assertThat(Files.readAllBytes(copy)).isEqualTo(file);
    }

    @Test
    void valueSpanAndNumberOffsetLocateMembersOfTheAmf3Object() {
        ByteBuffer body = ByteBuffer.wrap(amf3OnMetaData());
        // 1 + 13 ("onMetaData") + 1 (switch) + 3 (object header) + 9 (name) = 27: the 0x05 marker
        assertThat(Amf3ScriptData.valueSpan(body, "duration"))
                .isEqualTo(new Amf3ScriptData.Span(27, 36, true));
        assertThat(Amf3ScriptData.numberOffset(body, "duration")).isEqualTo(28);
        assertThat(Amf3ScriptData.numberOffset(body, "width")).as("AMF3 integer").isEqualTo(-1);
        assertThat(Amf3ScriptData.valueSpan(body, "height")).isNull();
        assertThat(body.position()).isZero();
    }

    @Test
    void valueSpanFindsPlainAmf0ValuesAndAmf3ArrayEntriesInType15Bodies() {
        AmfEcmaArray props = new AmfEcmaArray();
        props.put("width", 320.0);
        props.put("duration", 4.0);
        ByteBuffer amf0 = prefixFormatByte(ScriptData.encodeOnMetaData(props));
        Amf3ScriptData.Span span = Amf3ScriptData.valueSpan(amf0, "duration");
        assertThat(span.amf3()).isFalse();
        int at = Amf3ScriptData.numberOffset(amf0, "duration");
        assertThat(amf0.getDouble(at)).isEqualTo(4.0);

        org.rtmp4j.amf.Amf3Array array = new org.rtmp4j.amf.Amf3Array(
                new ArrayList<>(), new LinkedHashMap<>(Map.of("duration", 6.5)));
        ByteBuffer amf3Array = prefixFormatByte(
                new Amf0Writer().write("onMetaData").writeAmf3(array).toBuffer());
        at = Amf3ScriptData.numberOffset(amf3Array, "duration");
        assertThat(amf3Array.getDouble(at)).isEqualTo(6.5);
        assertThat(Amf3ScriptData.valueSpan(ByteBuffer.wrap(new byte[] {1, 2}), "duration")).isNull();
    }

    @Test
    void writerWritesType15MetadataAndPatchesItsDurationAndFilesize() throws Exception {
        Path file = tmp.resolve("amf3.flv");
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("width", 320);
        meta.put("duration", 1); // an Integer is still written as a patchable double
        long size;
        try (FlvWriter w = FlvWriter.create(file, new FlvHeader(false, true))) {
            w.writeMetadata(meta, FlvTagType.SCRIPT_AMF3);
            w.write(FlvTestSupport.tag(FlvTagType.VIDEO, 0, 0x17, 1, 0, 0, 0));
            w.write(FlvTestSupport.tag(FlvTagType.VIDEO, 1500, 0x27, 1, 0, 0, 0));
            size = w.bytesWritten();
        }
        List<FlvTag> tags = FlvWriterKeyframesTest.readAll(file);
        assertThat(tags.get(0).type()).isEqualTo(FlvTagType.SCRIPT_AMF3);
        assertThat(tags.get(0).body().get(0)).as("format byte").isZero();
        assertThat(ScriptData.metadata(FlvTagType.SCRIPT_AMF3, tags.get(0).body()))
                .containsEntry("width", 320.0).containsEntry("duration", 1.5)
                .containsEntry("filesize", (double) size).doesNotContainKey("keyframes");
        assertThatThrownBy(() -> FlvWriter.create(tmp.resolve("x.flv"), new FlvHeader(true, true))
                .writeMetadata(meta, FlvTagType.AUDIO)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void appendPatchesAType15OnMetaData() throws Exception {
        byte[] body = amf3OnMetaData();
        Path file = writeFile("rec.flv", fileWith(body));
        try (FlvWriter w = FlvWriter.append(file)) {
            w.write(FlvTestSupport.tag(FlvTagType.VIDEO, 0, 0x17, 1, 0, 0, 0));
            w.write(FlvTestSupport.tag(FlvTagType.VIDEO, 4000, 0x27, 1, 0, 0, 0));
        }
        FlvTag meta = FlvWriterKeyframesTest.readAll(file).get(0);
        assertThat(meta.dataSize()).isEqualTo(body.length);
        // duration (an AMF3 double) is patched in place; the body has no filesize to patch
        assertThat(ScriptData.metadata(meta.type(), meta.body()))
                .containsExactly(Map.entry("duration", 4.0), Map.entry("width", 320.0));
    }

    @Test
    void mediaInfoCollectorReadsType15Metadata() throws Exception {
        MediaInfoCollector c = new MediaInfoCollector();
        c.accept(new FlvTag(FlvTagType.SCRIPT_AMF3, 0, ByteBuffer.wrap(amf3OnMetaData())));
        assertThat(c.mediaInfo().width()).isEqualTo(320);
    }

    @Test
    void aType15BodyWithoutTheFormatByteIsMalformed() {
        byte[] body = amf3OnMetaData();
        body[0] = 0x02;
        assertThatThrownBy(() -> ScriptData.metadata(FlvTagType.SCRIPT_AMF3, ByteBuffer.wrap(body)))
                .isInstanceOf(org.rtmp4j.amf.AmfException.class).hasMessageContaining("format byte");
        assertThat(Amf3ScriptData.numberOffset(ByteBuffer.wrap(body), "duration")).isEqualTo(-1);
    }

    @Test
    void timestampsOfType15TagsDoNotCountTowardsTheDuration() throws Exception {
        Path file = tmp.resolve("late-script.flv");
        try (FlvWriter w = FlvWriter.create(file, new FlvHeader(false, true))) {
            w.writeMetadata(new LinkedHashMap<>());
            w.write(FlvTestSupport.tag(FlvTagType.VIDEO, 100, 0x17, 1, 0, 0, 0));
            w.write(new FlvTag(FlvTagType.SCRIPT_AMF3, 90_000, ByteBuffer.wrap(amf3OnMetaData())));
            w.write(FlvTestSupport.tag(FlvTagType.VIDEO, 600, 0x27, 1, 0, 0, 0));
        }
        FlvTag meta = FlvWriterKeyframesTest.readAll(file).get(0);
        assertThat(ScriptData.metadata(meta.body())).containsEntry("duration", 0.5);
    }

    private Path writeFile(String name, byte[] bytes) throws Exception {
        Path p = tmp.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private static ByteBuffer prefixFormatByte(ByteBuffer amf0) {
        ByteBuffer b = ByteBuffer.allocate(1 + amf0.remaining());
        return b.put((byte) 0).put(amf0.duplicate()).flip();
    }
}
