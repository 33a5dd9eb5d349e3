package org.rtmp4j.flv.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.amf.Amf0;
import org.rtmp4j.amf.Amf3Array;
import org.rtmp4j.amf.Amf3Object;
import org.rtmp4j.amf.Amf3Vector;
import org.rtmp4j.amf.AmfException;
import org.rtmp4j.amf.AmfLimits;

/** Hostile AMF3 reference graphs must not expand without bound when converted to AMF0. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class Amf3ToAmf0Test {

    /** Level 0 is a small object; level k is a dense array holding level k-1 twice: 2^levels leaves. */
    static Object doublingGraph(int levels) {
        Object level = Amf3Object.anonymous(Map.of("a", 1));
        for (int i = 0; i < levels; i++) {
            level = new Amf3Array(new ArrayList<>(List.of(level, level)), new LinkedHashMap<>());
        }
        return level;
    }

    @Test
    void nestedReferencesThatDoubleAtEachLevelHitTheElementBudgetOnTheWire() {
        // AMF3 §2.2: the writer sends each repeat as an object reference, so 40 levels
        // (2^40 leaves once copied) take a few hundred bytes
        ByteBuffer body = Amf3ScriptDataTest.amf3DataMessage(doublingGraph(40));
        assertThat(body.remaining()).isLessThan(400);

        assertThatThrownBy(() -> Amf3ScriptData.toScriptTagBody(body))
                .isInstanceOf(AmfException.class).hasMessageContaining("maxElements");
        List<Object> values = Amf3ScriptData.decodeDataMessage(body, AmfLimits.DEFAULT);
        assertThatThrownBy(() -> ScriptData.metadata(values))
                .isInstanceOf(AmfException.class).hasMessageContaining("maxElements");
    }

    @Test
    void aSharedValueWithinTheBudgetIsCopiedAndOneValueOverItIsRefused() {
        // 2^3 leaves of 2 values each (object + member) plus 7 arrays: 23 values in all
        Object graph = doublingGraph(3);
        Object converted = Amf3ScriptData.toAmf0(graph, new AmfLimits(64, 23, 1024));
        assertThat(converted).isInstanceOf(List.class);
        assertThat(Amf0.decode(Amf0.encode(converted))).hasSize(1);

        assertThatThrownBy(() -> Amf3ScriptData.toAmf0(graph, new AmfLimits(64, 22, 1024)))
                .isInstanceOf(AmfException.class).hasMessageContaining("more than 22 values");
    }

    @Test
    void aLongStringReferencedManyTimesHitsTheByteBudget() {
        String big = "x".repeat(1 << 20);
        List<Object> dense = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            dense.add(big); // AMF3 string references on the wire
        }
        ByteBuffer body = Amf3ScriptDataTest.amf3DataMessage(new Amf3Array(dense, new LinkedHashMap<>()));
        assertThat(body.remaining()).isLessThan((1 << 20) + 200);

        assertThatThrownBy(() -> Amf3ScriptData.toAmf0(
                        Amf3ScriptData.decodeDataMessage(body, AmfLimits.DEFAULT).get(2),
                        new AmfLimits(64, 65_536, 4 << 20)))
                .isInstanceOf(AmfException.class).hasMessageContaining("maxStringBytes");
    }

    @Test
    void vectorContentsCountAlthoughTheVectorIsKeptAsIs() {
        Amf3Vector vector = new Amf3Vector(Amf3Vector.Type.OBJECT, false, "*",
                new ArrayList<>(List.of(doublingGraph(30))));
        assertThatThrownBy(() -> Amf3ScriptData.toAmf0(Amf3Object.anonymous(Map.of("v", vector))))
                .isInstanceOf(AmfException.class).hasMessageContaining("maxElements");

        List<Object> self = new ArrayList<>();
        Amf3Vector cyclic = new Amf3Vector(Amf3Vector.Type.OBJECT, false, "*", self);
        self.add(cyclic);
        assertThat(Amf3ScriptData.toAmf0(cyclic)).isSameAs(cyclic);
    }
}
