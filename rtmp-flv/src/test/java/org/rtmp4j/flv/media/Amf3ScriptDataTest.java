package org.rtmp4j.flv.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtmp4j.amf.Amf0;
import org.rtmp4j.amf.Amf0Writer;
import org.rtmp4j.amf.Amf3Array;
import org.rtmp4j.amf.Amf3Object;
import org.rtmp4j.amf.AmfEcmaArray;
import org.rtmp4j.amf.AmfException;
import org.rtmp4j.amf.AmfLimits;
import org.rtmp4j.flv.FlvHeader;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.FlvWriter;
import org.rtmp4j.flv.codec.MediaInfo;
import org.rtmp4j.flv.codec.MediaInfoCollector;

class Amf3ScriptDataTest {

    @TempDir
    Path tmp;

    static Map<String, Object> props() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("width", 1280); // AMF3 integer
        m.put("height", 720.0);
        m.put("framerate", 25);
        m.put("encoder", "rtmp4j");
        return m;
    }

    /** A type-15 body: 0x00, "@setDataFrame", "onMetaData", AVM+ switch to an AMF3 object. */
    static ByteBuffer amf3DataMessage(Object properties) {
        ByteBuffer values = new Amf0Writer().write("@setDataFrame").write("onMetaData")
                .writeAmf3(properties).toBuffer();
        ByteBuffer body = ByteBuffer.allocate(1 + values.remaining());
        body.put((byte) 0).put(values).flip();
        return body;
    }

    @Test
    void scriptTagBodyWithAnAvmPlusSwitchYieldsTheAmf3ObjectsMembers() {
        ByteBuffer body = new Amf0Writer().write("onMetaData")
                .writeAmf3(Amf3Object.anonymous(props())).toBuffer();
        assertThat(body.get(13)).isEqualTo((byte) Amf0.AVMPLUS);
        Map<String, Object> m = ScriptData.metadata(body);
        assertThat(m).containsEntry("width", 1280.0).containsEntry("height", 720.0)
                .containsEntry("framerate", 25.0).containsEntry("encoder", "rtmp4j");
    }

    @Test
    void amf3DataMessageBecomesAPlainAmf0ScriptTag() {
        ByteBuffer message = amf3DataMessage(Amf3Object.anonymous(props()));
        List<Object> values = Amf3ScriptData.decodeDataMessage(message, AmfLimits.DEFAULT);
        assertThat(values).hasSize(3).element(2).isInstanceOf(Amf3Object.class);
        ByteBuffer tagBody = Amf3ScriptData.toScriptTagBody(message);
        assertThat(message.position()).isZero();
        List<Object> amf0 = Amf0.decode(tagBody.duplicate());
        assertThat(amf0.get(0)).isEqualTo("onMetaData");
        assertThat(amf0.get(1)).isInstanceOf(AmfEcmaArray.class);
        for (int i = 0; i < tagBody.remaining(); i++) {
            assertThat(tagBody.get(i)).as("no AVM+ switch left").isNotEqualTo((byte) 0x11);
        }
        assertThat(ScriptData.metadata(tagBody)).containsEntry("width", 1280.0)
                .containsEntry("encoder", "rtmp4j");
    }

    @Test
    void amf3ArraysMapToStrictOrEcmaArrays() {
        Object dense = Amf3ScriptData.toAmf0(new Amf3Array(List.of(1, "a"), Map.of()));
        assertThat(dense).isEqualTo(List.of(1.0, "a"));
        Map<String, Object> assoc = new LinkedHashMap<>();
        assoc.put("k", 2);
        Object mixed = Amf3ScriptData.toAmf0(new Amf3Array(List.of(true), assoc));
        assertThat(mixed).isInstanceOf(AmfEcmaArray.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) mixed;
        assertThat(m).containsEntry("k", 2.0).containsEntry("0", true);
    }

    @Test
    void cyclicAmf3GraphsAndMissingFormatByteAreAmfExceptions() {
        List<Object> dense = new ArrayList<>();
        Amf3Array cyclic = new Amf3Array(dense, new LinkedHashMap<>());
        dense.add(cyclic);
        assertThatThrownBy(() -> Amf3ScriptData.toAmf0(cyclic))
                .isInstanceOf(AmfException.class).hasMessageContaining("cyclic");
        assertThatThrownBy(() -> Amf3ScriptData.decodeDataMessage(Amf0.encode("onMetaData"),
                AmfLimits.DEFAULT)).isInstanceOf(AmfException.class)
                .hasMessageContaining("format byte");
    }

    @Test
    void amf3MetadataIsWrittenToAFileReadBackAndUsedForMediaInfo() throws IOException {
        Path file = tmp.resolve("amf3.flv");
        ByteBuffer tagBody = Amf3ScriptData.toScriptTagBody(
                amf3DataMessage(Amf3Object.anonymous(props())));
        try (FlvWriter w = FlvWriter.create(file, new FlvHeader(false, true))) {
            w.write(new FlvTag(FlvTagType.SCRIPT, 0, tagBody));
        }
        MediaInfoCollector c = new MediaInfoCollector();
        try (FlvReader r = FlvReader.open(file)) {
            for (Optional<FlvTag> t = r.next(); t.isPresent(); t = r.next()) {
                c.accept(t.get());
            }
        }
        MediaInfo info = c.mediaInfo();
        assertThat(info.width()).isEqualTo(1280);
        assertThat(info.height()).isEqualTo(720);
        assertThat(info.frameRate()).isEqualTo(25.0);
        // the same metadata sent as AMF3 directly in a script tag is read the same way
        MediaInfoCollector direct = new MediaInfoCollector();
        direct.acceptScript(new Amf0Writer().write("onMetaData")
                .writeAmf3(Amf3Object.anonymous(props())).toBuffer());
        assertThat(direct.mediaInfo()).isEqualTo(info);
    }
}
