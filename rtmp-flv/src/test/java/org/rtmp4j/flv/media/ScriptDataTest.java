package org.rtmp4j.flv.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rtmp4j.amf.Amf0;
import org.rtmp4j.amf.AmfEcmaArray;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;

class ScriptDataTest {

    private static Map<String, Object> sample() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", 1280.0);
        m.put("height", 720.0);
        m.put("encoder", "rtmp4j");
        m.put("stereo", Boolean.TRUE);
        return m;
    }

    @Test
    void encodesOnMetaDataAsStringAndEcmaArrayInOrder() {
        ByteBuffer body = ScriptData.encodeOnMetaData(Map.of("a", 1.0));
        byte[] b = new byte[body.remaining()];
        body.duplicate().get(b);
        assertThat(b).containsExactly(
                0x02, 0x00, 0x0A, 'o', 'n', 'M', 'e', 't', 'a', 'D', 'a', 't', 'a',
                0x08, 0, 0, 0, 1,
                0x00, 0x01, 'a', 0x00, 0x3F, 0xF0, 0, 0, 0, 0, 0, 0,
                0x00, 0x00, 0x09);
        List<Object> decoded = Amf0.decode(body);
        assertThat(decoded).hasSize(2);
        assertThat(decoded.get(0)).isEqualTo("onMetaData");
        assertThat(decoded.get(1)).isInstanceOf(AmfEcmaArray.class);
    }

    @Test
    void metadataRoundTripsThroughTheScriptTagBody() {
        ByteBuffer body = ScriptData.encodeOnMetaData(sample());
        Map<String, Object> back = ScriptData.metadata(body);
        assertThat(body.position()).isZero();
        assertThat(back).containsExactlyEntriesOf(sample());
    }

    @Test
    void convertsBetweenRtmpSetDataFrameAndFlvForms() {
        List<Object> rtmp = ScriptData.setDataFrame(sample());
        assertThat(rtmp).hasSize(3).startsWith("@setDataFrame", "onMetaData");
        assertThat(ScriptData.metadata(rtmp)).containsExactlyEntriesOf(sample());
        assertThat(ScriptData.metadata(List.of("onMetaData", sample()))).containsExactlyEntriesOf(sample());
        ByteBuffer flvBody = ScriptData.toScriptTagBody(Amf0.decode(Amf0.encode(rtmp.toArray())));
        assertThat(ScriptData.metadata(flvBody)).containsExactlyEntriesOf(sample());
        assertThat(Amf0.decode(flvBody.duplicate()).get(0)).isEqualTo("onMetaData");
    }

    @Test
    void otherScriptDataGivesAnEmptyMap() {
        assertThat(ScriptData.metadata(Amf0.encode("onCuePoint", Map.of("name", "x")))).isEmpty();
        assertThat(ScriptData.metadata(List.of("onMetaData"))).isEmpty();
        assertThat(ScriptData.metadata(List.of())).isEmpty();
    }

    @Test
    void acceptsAnObjectInsteadOfAnEcmaArray() {
        Map<String, Object> plain = new LinkedHashMap<>(sample());
        assertThat(ScriptData.metadata(Amf0.encode("onMetaData", plain))).containsExactlyEntriesOf(sample());
    }

    @Test
    void findsTheOffsetOfTopLevelNumbers() {
        ByteBuffer body = ScriptData.encodeOnMetaData(sample());
        int at = ScriptData.numberOffset(body, "height");
        assertThat(body.getDouble(at)).isEqualTo(720.0);
        assertThat(ScriptData.numberOffset(body, "encoder")).isEqualTo(-1);
        assertThat(ScriptData.numberOffset(body, "missing")).isEqualTo(-1);
    }

    @Test
    void readsTheMetadataOfTheRealFiles() throws Exception {
        String dir = System.getProperty("rtmp4j.media.dir", "../media");
        Map<String, Object> h264 = firstMetadata(Path.of(dir, "h264-aac-avatar.flv"));
        assertThat(h264).containsEntry("width", 768.0).containsEntry("height", 320.0)
                .containsEntry("videocodecid", 7.0).containsEntry("audiocodecid", 10.0)
                .containsKeys("duration", "filesize");
        Map<String, Object> av1 = firstMetadata(Path.of(dir, "av1-opus-enhanced-testsrc.flv"));
        assertThat(av1).containsEntry("width", 980.0).containsEntry("height", 540.0)
                .containsKeys("duration", "filesize");
        // E-RTMP: the codec ids are the FourCC as a number, e.g. 'av01'
        assertThat(av1.get("videocodecid")).isEqualTo((double) 0x61763031);
        assertThat(av1.get("audiocodecid")).isEqualTo((double) 0x4F707573);
    }

    private static Map<String, Object> firstMetadata(Path file) throws Exception {
        try (FlvReader reader = FlvReader.open(file)) {
            FlvTag tag = reader.next().orElseThrow();
            assertThat(tag.type()).isEqualTo(FlvTagType.SCRIPT);
            return ScriptData.metadata(tag.body());
        }
    }
}
