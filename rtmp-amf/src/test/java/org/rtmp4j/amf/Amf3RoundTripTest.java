package org.rtmp4j.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.rtmp4j.amf.Hex.hex;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Decode → encode is byte-exact for encoder-style input, and the writer's mapping (AMF3 §3). */
class Amf3RoundTripTest {

    static final Map<String, Amf3ExternalizableReader> READERS =
            Map.of("flex.messaging.io.ArrayCollection", Amf3ExternalizableReader.SINGLE_VALUE);
    static final Map<String, Amf3ExternalizableWriter> WRITERS =
            Map.of("flex.messaging.io.ArrayCollection", Amf3ExternalizableWriter.SINGLE_VALUE);

    static Stream<Arguments> goldenBytes() {
        return Stream.of(
                Arguments.of("single-byte markers", "00 01 02 03"),
                Arguments.of("integers", "04 00 04 7F 04 81 00 04 FF 7F 04 81 80 00 04 FF FF 7F 04 80 C0 80 00 04 BF FF FF FF 04 FF FF FF FF 04 C0 80 80 00"),
                Arguments.of("doubles incl. NaN payload", "05 3F F0 00 00 00 00 00 00 05 7f f8 00 00 00 00 00 01 05 41 B0 00 00 00 00 00 00"),
                Arguments.of("strings and references", "06 0B 'hello' 06 07 'abc' 06 00 06 02 06 01 06 01"),
                Arguments.of("XML document and XML", "07 09 '<a/>' 0B 09 '<b/>'"),
                Arguments.of("date and date reference", "08 01 42 78 bc fe 56 80 00 00 08 00"),
                Arguments.of("array dense and associative", "09 05 03 'k' 06 03 'v' 01 04 01 04 02"),
                Arguments.of("typed dynamic object", "0A 2B 03 'T' 03 'x' 03 'y' 04 01 04 02 03 'z' 06 01 01"),
                Arguments.of("trait reference", "09 05 01 0A 13 03 'P' 03 'x' 04 01 0A 01 04 02"),
                Arguments.of("anonymous objects share traits", "0A 0B 01 03 'a' 04 01 01 0A 01 00 04 02 01"),
                Arguments.of("cyclic object", "0A 0B 01 09 'self' 0A 00 01"),
                Arguments.of("cyclic array", "09 03 01 09 00"),
                Arguments.of("ByteArray and reference", "0C 07 01 02 03 0C 00"),
                Arguments.of("Vectors", "0D 05 00 00 00 00 01 FF FF FF FF 0E 03 01 FF FF FF FF 0F 03 00 3F F0 00 00 00 00 00 00 10 05 00 03 '*' 06 03 'a' 01"),
                Arguments.of("Dictionary", "11 05 01 06 03 'k' 04 01 04 02 06 00"),
                Arguments.of("externalizable", "0A 07 43 'flex.messaging.io.ArrayCollection' 09 03 01 04 01 0A 01 09 01 01"),
                Arguments.of("object references across values", "09 01 01 09 00 0C 01 0C 02"),
                Arguments.of("large string length (3-byte U29)", "06 81 80 01 " + "'x'".repeat(8192)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenBytes")
    void decodeThenEncodeIsByteExact(String name, String spec) {
        byte[] bytes = hex(spec);
        List<Object> values = new Amf3Reader(ByteBuffer.wrap(bytes), AmfLimits.DEFAULT, READERS).readAll();
        Amf3Writer w = new Amf3Writer(AmfLimits.DEFAULT, WRITERS);
        values.forEach(w::write);
        assertThat(Hex.format(w.toByteArray())).isEqualTo(Hex.format(bytes));
    }

    @Test
    void documentedNonExactCasesReencodeCanonically() {
        // a literal repeated where a reference was possible, and a reference under another marker
        assertThat(Hex.format(Amf3.encode(Amf3.decode(ByteBuffer.wrap(hex("06 03 'a' 06 03 'a' 0C 01 09 00"))).toArray()).array()))
                .isEqualTo("06 03 61 06 00 0c 01 0c 00");
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "0, 04 00", "127, 04 7f", "128, 04 81 00", "16383, 04 ff 7f", "16384, 04 81 80 00",
        "2097151, 04 ff ff 7f", "2097152, 04 80 c0 80 00", "268435455, 04 bf ff ff ff", "-1, 04 ff ff ff ff",
        "-268435456, 04 c0 80 80 00", "268435456, 05 41 b0 00 00 00 00 00 00", "-268435457, 05 c1 b0 00 00 01 00 00 00",
    })
    void integersInThe29BitRangeUseTheIntegerMarkerOthersDouble(int value, String expected) {
        assertThat(Hex.format(Amf3.encode(value).array())).isEqualTo(expected);
    }

    @Test
    void doublesAndLongsOutOfRangeAreWrittenAsDouble() {
        assertThat(Hex.format(Amf3.encode(1.0).array())).isEqualTo("05 3f f0 00 00 00 00 00 00");
        assertThat(Hex.format(Amf3.encode(5L, 1L << 40).array())).isEqualTo("04 05 05 42 70 00 00 00 00 00 00");
    }

    @Test
    void javaCollectionsMapToArraysAndAnonymousObjects() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("a", 1);
        AmfEcmaArray ecma = new AmfEcmaArray(Map.of("k", true));
        assertThat(Hex.format(Amf3.encode(List.of(1, "s"), new Object[] {null}, m, ecma).array()))
                .isEqualTo(Hex.format(hex("09 05 01 04 01 06 03 's' 09 03 01 01 0A 0B 01 03 'a' 04 01 01 09 01 03 'k' 03 01")));
    }

    @Test
    void amf0TypedObjectIsWrittenAsSealedTypedObject() {
        assertThat(Hex.format(Amf3.encode(new AmfTypedObject("P", Map.of("x", 7))).array()))
                .isEqualTo(Hex.format(hex("0A 13 03 'P' 03 'x' 04 07")));
    }

    @Test
    void sameInstanceTwiceIsWrittenAsObjectReferenceButEqualCopiesAreNot() {
        List<Object> shared = new ArrayList<>(List.of(1));
        assertThat(Hex.format(Amf3.encode(shared, shared, new ArrayList<>(shared)).array()))
                .isEqualTo("09 03 01 04 01 09 00 09 03 01 04 01");
    }

    @Test
    void cyclicJavaMapIsWrittenWithAReferenceAndDecodesCyclic() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("self", m);
        byte[] bytes = Amf3.encode(m).array();
        assertThat(Hex.format(bytes)).isEqualTo(Hex.format(hex("0A 0B 01 09 'self' 0A 00 01")));
        Amf3Object o = (Amf3Object) Amf3.decode(ByteBuffer.wrap(bytes)).get(0);
        assertThat(o.get("self")).isSameAs(o);
    }

    @Test
    void encodeThenDecodeGivesEqualValues() {
        Amf3Object typed = new Amf3Object("com.example.P", true, new LinkedHashMap<>(Map.of("x", 1)), new LinkedHashMap<>(Map.of("extra", "e")));
        List<Object> values = List.of(
                typed,
                new Amf3Array(List.of("a", 2.5), Map.of("k", false)),
                new Amf3Dictionary(false, List.of(new Amf3Dictionary.Entry(1, "one"))),
                new Amf3Vector(Amf3Vector.Type.OBJECT, true, "com.example.P", List.of(typed)),
                new AmfDate(0.0, 0), new Amf3Xml("<x/>"), new AmfXmlDocument("<y/>"), "日本", AmfUndefined.INSTANCE);
        List<Object> decoded = Amf3.decode(Amf3.encode(values.toArray()));
        assertThat(decoded).isEqualTo(values);
    }

    @Test
    void writerRejectsWhatAmf3CannotRepresent() {
        assertThat(catchThrowableOfType(AmfException.class, () -> Amf3.encode(new Object()))).hasMessageContaining("no AMF3 representation for java.lang.Object");
        assertThat(catchThrowableOfType(AmfException.class, () -> Amf3.encode(Map.of("", 1)))).hasMessageContaining("empty dynamic member name");
        assertThat(catchThrowableOfType(AmfException.class, () -> Amf3.encode(new Amf3Object("C", false, Map.of(), Map.of("d", 1)))))
                .hasMessageContaining("non-dynamic traits");
        assertThat(catchThrowableOfType(AmfException.class, () -> Amf3.encode(new Amf3Externalizable("X", 1))))
                .hasMessageContaining("externalizable class X has no registered writer");
        assertThat(catchThrowableOfType(AmfException.class, () -> Amf3.encode(new Amf3Vector(Amf3Vector.Type.UINT, false, null, List.of(-1)))))
                .hasMessageContaining("out of the U32 range");
        assertThat(catchThrowableOfType(AmfException.class, () -> Amf3.encode(new Amf3Vector(Amf3Vector.Type.INT, false, null, List.of("x")))))
                .hasMessageContaining("not a Number");
        assertThat(catchThrowableOfType(AmfException.class, () -> Amf3.encode(new Amf3Vector(Amf3Vector.Type.INT, false, null, List.of(1L << 32)))))
                .hasMessageContaining("out of the 32-bit range");
    }

    @Test
    void writerBoundsNestingDepth() {
        Object nested = List.of();
        for (int i = 0; i < 10; i++) {
            nested = List.of(nested);
        }
        Object deep = nested;
        assertThat(catchThrowableOfType(AmfException.class, () -> new Amf3Writer(new AmfLimits(5, 100, 100)).write(deep)))
                .hasMessageContaining("nesting deeper than 5");
    }
}
