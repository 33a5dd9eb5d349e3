package org.rtmp4j.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rtmp4j.amf.Hex.hex;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Golden encodings and rejected values of {@link Amf0Writer} (AMF0 §2). */
class Amf0WriterTest {

    private static byte[] encode(Object value) {
        return new Amf0Writer().write(value).toByteArray();
    }

    @Test
    void anyNumberIsADouble() {
        byte[] one = hex("00 3F F0 00 00 00 00 00 00");
        assertThat(encode(1.0)).isEqualTo(one);
        assertThat(encode(1)).isEqualTo(one);
        assertThat(encode(1L)).isEqualTo(one);
        assertThat(encode((short) 1)).isEqualTo(one);
        assertThat(encode(1.0f)).isEqualTo(one);
        assertThat(encode(BigDecimal.ONE)).isEqualTo(one);
    }

    @Test
    void scalarsAndStrings() {
        assertThat(encode(true)).isEqualTo(hex("01 01"));
        assertThat(encode(false)).isEqualTo(hex("01 00"));
        assertThat(encode("hello world")).isEqualTo(hex("02 00 0b 'hello world'"));
        assertThat(encode(null)).isEqualTo(hex("05"));
        assertThat(encode(AmfUndefined.INSTANCE)).isEqualTo(hex("06"));
        assertThat(encode(new AmfDate(1e12, -60))).isEqualTo(hex("0b 42 6d 1a 94 a2 00 00 00 ff c4"));
        assertThat(encode(new AmfXmlDocument("<a>b</a>"))).isEqualTo(hex("0f 00 00 00 08 '<a>b</a>'"));
    }

    @Test
    void stringSwitchesToLongStringAbove65535Utf8Bytes() {
        String max = "x".repeat(65_535);
        assertThat(encode(max)).startsWith(hex("02 ff ff")).hasSize(3 + 65_535);
        String over = "\u00e9".repeat(32_768); // 65,536 UTF-8 bytes
        assertThat(encode(over)).startsWith(hex("0c 00 01 00 00")).hasSize(5 + 65_536);
    }

    @Test
    void mapsAreObjectsAndEcmaArraysKeepTheirMarker() {
        Map<Object, Object> object = new LinkedHashMap<>();
        object.put("a", 1);
        object.put(7, null);
        assertThat(encode(object)).isEqualTo(hex("03 00 01 'a' 00 3F F0 00 00 00 00 00 00 00 01 '7' 05 00 00 09"));
        AmfEcmaArray ecma = new AmfEcmaArray(Map.of("b", true));
        assertThat(encode(ecma)).isEqualTo(hex("08 00 00 00 01 00 01 'b' 01 01 00 00 09"));
    }

    @Test
    void typedObjectWritesClassNameThenProperties() {
        AmfTypedObject point = new AmfTypedObject("P", new LinkedHashMap<>(Map.of("x", 3)));
        assertThat(encode(point)).isEqualTo(hex("10 00 01 'P' 00 01 'x' 00 40 08 00 00 00 00 00 00 00 00 09"));
    }

    @Test
    void listsAndObjectArraysAreStrictArrays() {
        byte[] expected = hex("0a 00 00 00 02 02 00 01 'a' 05");
        List<Object> list = new ArrayList<>();
        list.add("a");
        list.add(null);
        assertThat(encode(list)).isEqualTo(expected);
        assertThat(encode(new Object[] {"a", null})).isEqualTo(expected);
    }

    @Test
    void sameInstanceTwiceIsWrittenTwiceNotByReference() {
        Map<String, Object> shared = Map.of();
        assertThat(encode(List.of(shared, shared))).isEqualTo(hex("0a 00 00 00 02 03 00 00 09 03 00 00 09"));
    }

    @Test
    void valuesWithoutAmf0RepresentationFail() {
        assertThatThrownBy(() -> encode(new Object())).isInstanceOf(AmfException.class)
                .hasMessageContaining("java.lang.Object");
        assertThatThrownBy(() -> encode(new int[] {1})).isInstanceOf(AmfException.class);
        assertThatThrownBy(() -> encode('c')).isInstanceOf(AmfException.class);
        AmfException nested = (AmfException) org.assertj.core.api.Assertions.catchThrowable(
                () -> encode(List.of(1, new Object())));
        assertThat(nested.offset()).isEqualTo(14);
    }

    @Test
    void keysMustBeNonEmptyAndFitU16() {
        assertThatThrownBy(() -> encode(Map.of("", 1))).isInstanceOf(AmfException.class)
                .hasMessageContaining("empty property name");
        assertThatThrownBy(() -> encode(Map.of("k".repeat(65_536), 1))).isInstanceOf(AmfException.class)
                .hasMessageContaining("65536 bytes exceeds 65535");
        assertThatThrownBy(() -> encode(new AmfTypedObject("c".repeat(65_536), Map.of())))
                .isInstanceOf(AmfException.class);
        assertThatThrownBy(() -> encode(new AmfDate(0, 40_000))).isInstanceOf(AmfException.class);
    }

    @Test
    void cyclicGraphFailsAtMaxDepthInsteadOfOverflowingTheStack() {
        Map<String, Object> self = new LinkedHashMap<>();
        self.put("self", self);
        assertThatThrownBy(() -> encode(self)).isInstanceOf(AmfException.class)
                .hasMessageContaining("maxDepth");
    }

    @Test
    void writerAppendsAndFacadeEncodesInOrder() {
        Amf0Writer writer = new Amf0Writer().write("a").write(2);
        assertThat(writer.size()).isEqualTo(13);
        assertThat(writer.toBuffer().position()).isZero();
        assertThat(Amf0.encode("a", 2).array()).isEqualTo(writer.toByteArray());
    }
}
