package org.rtmp4j.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.rtmp4j.amf.Hex.hex;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Golden vectors built from the AMF3 specification's ABNF (AMF3 §1.3, §3.2–§3.16). */
class Amf3ReaderTest {

    static Object decodeOne(String spec) {
        Amf3Reader r = new Amf3Reader(ByteBuffer.wrap(hex(spec)));
        Object value = r.readValue();
        assertThat(r.hasRemaining()).as("trailing bytes").isFalse();
        return value;
    }

    static List<Object> decodeAll(String spec) {
        return Amf3.decode(ByteBuffer.wrap(hex(spec)));
    }

    static AmfException catchAmf(String spec) {
        return catchThrowableOfType(AmfException.class, () -> Amf3.decode(ByteBuffer.wrap(hex(spec))));
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "0, 00",
        "127, 7F",
        "128, 81 00",
        "16383, FF 7F",
        "16384, 81 80 00",
        "2097151, FF FF 7F",
        "2097152, 80 C0 80 00",
        "268435455, BF FF FF FF",
        "-1, FF FF FF FF",
        "-268435456, C0 80 80 00",
    })
    void integersAtTheU29BoundariesDecodeSignExtended(int value, String u29) {
        assertThat(decodeOne("04 " + u29)).isEqualTo(value);
    }

    @Test
    void singleByteMarkersDecodeToTheirValues() {
        assertThat(decodeAll("00 01 02 03")).containsExactly(AmfUndefined.INSTANCE, null, false, true);
    }

    @Test
    void doubleIsBigEndianIeee754() {
        assertThat(decodeOne("05 3F F0 00 00 00 00 00 00")).isEqualTo(1.0);
        assertThat(decodeOne("05 41 B0 00 00 00 00 00 00")).isEqualTo(268435456.0);
    }

    @Test
    void stringLiteralsEnterTheStringTableAndReferencesResolve() {
        assertThat(decodeAll("06 0B 'hello' 06 07 'abc' 06 00 06 02")).containsExactly("hello", "abc", "hello", "abc");
    }

    @Test
    void emptyStringIsNeverEnteredIntoTheStringTable() {
        assertThat(decodeAll("06 01 06 03 'x' 06 00")).containsExactly("", "x", "x");
    }

    @Test
    void utf8StringDecodes() {
        assertThat(decodeOne("06 0D e6 97 a5 e6 9c ac")).isEqualTo("日本");
    }

    @Test
    void xmlDocumentAndXmlAreDistinctTypes() {
        assertThat(decodeAll("07 09 '<a/>' 0B 09 '<b/>'")).containsExactly(new AmfXmlDocument("<a/>"), new Amf3Xml("<b/>"));
    }

    @Test
    void dateDecodesWithTimeZoneZeroAndCanBeReferenced() {
        List<Object> values = decodeAll("08 01 42 78 bc fe 56 80 00 00 08 00");
        assertThat(values.get(0)).isEqualTo(new AmfDate(1.7e12, 0));
        assertThat(values.get(1)).isSameAs(values.get(0));
    }

    @Test
    void arrayHasDenseAndAssociativePortions() {
        Amf3Array array = (Amf3Array) decodeOne("09 05 03 'k' 06 03 'v' 01 04 01 04 02");
        assertThat(array.dense()).containsExactly(1, 2);
        assertThat(array.associative()).containsExactly(Map.entry("k", "v"));
    }

    @Test
    void emptyArrayIsOneHeaderAndTheEmptyName() {
        assertThat(decodeOne("09 01 01")).isEqualTo(new Amf3Array(List.of(), Map.of()));
    }

    @Test
    void typedObjectHasSealedThenDynamicMembers() {
        Amf3Object o = (Amf3Object) decodeOne("0A 2B 03 'T' 03 'x' 03 'y' 04 01 04 02 03 'z' 06 01 01");
        assertThat(o.className()).isEqualTo("T");
        assertThat(o.dynamic()).isTrue();
        assertThat(o.sealedMembers()).containsExactly(Map.entry("x", 1), Map.entry("y", 2));
        assertThat(o.dynamicMembers()).containsExactly(Map.entry("z", ""));
        assertThat(o.get("y")).isEqualTo(2);
        assertThat(o.get("z")).isEqualTo("");
    }

    @Test
    void sealedObjectWithoutDynamicMembersStopsAfterTheSealedValues() {
        List<Object> values = decodeAll("0A 13 03 'P' 03 'x' 04 07 01");
        assertThat(values).containsExactly(new Amf3Object("P", false, Map.of("x", 7), Map.of()), null);
    }

    @Test
    void traitReferenceReusesClassNameAndMemberNames() {
        Amf3Array array = (Amf3Array) decodeOne("09 05 01 0A 13 03 'P' 03 'x' 04 01 0A 01 04 02");
        assertThat(array.dense()).containsExactly(
                new Amf3Object("P", false, Map.of("x", 1), Map.of()),
                new Amf3Object("P", false, Map.of("x", 2), Map.of()));
        assertThat(array.dense().get(0)).isNotSameAs(array.dense().get(1));
    }

    @Test
    void objectReferenceReturnsTheSameInstanceAndCyclesArePreserved() {
        Amf3Object o = (Amf3Object) decodeOne("0A 0B 01 09 'self' 0A 00 01");
        assertThat(o.className()).isEmpty();
        assertThat(o.dynamicMembers().get("self")).isSameAs(o);
    }

    @Test
    void cyclicArrayContainsItself() {
        Amf3Array a = (Amf3Array) decodeOne("09 03 01 09 00");
        assertThat(a.dense().get(0)).isSameAs(a);
    }

    @Test
    void byteArrayDecodesToBytesAndCanBeReferenced() {
        List<Object> values = decodeAll("0C 07 01 02 03 0C 00");
        assertThat((byte[]) values.get(0)).containsExactly(1, 2, 3);
        assertThat(values.get(1)).isSameAs(values.get(0));
    }

    @Test
    void numericVectorsDecodeTheirElementTypes() {
        assertThat(decodeOne("0D 05 00 00 00 00 01 FF FF FF FF"))
                .isEqualTo(new Amf3Vector(Amf3Vector.Type.INT, false, null, List.of(1, -1)));
        assertThat(decodeOne("0E 03 01 FF FF FF FF"))
                .isEqualTo(new Amf3Vector(Amf3Vector.Type.UINT, true, null, List.of(4294967295L)));
        assertThat(decodeOne("0F 03 00 3F F0 00 00 00 00 00 00"))
                .isEqualTo(new Amf3Vector(Amf3Vector.Type.DOUBLE, false, null, List.of(1.0)));
    }

    @Test
    void objectVectorHasATypeNameAndAnyValues() {
        assertThat(decodeOne("10 05 00 03 '*' 06 03 'a' 01"))
                .isEqualTo(new Amf3Vector(Amf3Vector.Type.OBJECT, false, "*", java.util.Arrays.asList("a", null)));
    }

    @Test
    void dictionaryKeepsEntriesInOrderWithNonStringKeys() {
        Amf3Dictionary d = (Amf3Dictionary) decodeOne("11 05 01 06 03 'k' 04 01 04 02 06 00");
        assertThat(d.weakKeys()).isTrue();
        assertThat(d.entries()).containsExactly(new Amf3Dictionary.Entry("k", 1), new Amf3Dictionary.Entry(2, "k"));
    }

    @Test
    void externalizableWithoutRegisteredReaderIsAClearException() {
        AmfException e = catchAmf("0A 07 43 'flex.messaging.io.ArrayCollection' 09 03 01 04 01");
        assertThat(e).hasMessage("AMF at offset 0: externalizable class flex.messaging.io.ArrayCollection has no registered reader");
    }

    @Test
    void externalizableDecodesThroughTheRegisteredReader() {
        ByteBuffer in = ByteBuffer.wrap(hex("0A 07 43 'flex.messaging.io.ArrayCollection' 09 03 01 04 01"));
        Amf3Reader r = new Amf3Reader(in, AmfLimits.DEFAULT,
                Map.of("flex.messaging.io.ArrayCollection", Amf3ExternalizableReader.SINGLE_VALUE));
        assertThat(r.readValue()).isEqualTo(new Amf3Externalizable("flex.messaging.io.ArrayCollection",
                new Amf3Array(List.of(1), Map.of())));
    }

    @Test
    void externalizableReaderFailureBecomesAmfException() {
        Amf3ExternalizableReader broken = (name, in) -> {
            throw new IllegalStateException("boom");
        };
        Amf3Reader r = new Amf3Reader(ByteBuffer.wrap(hex("0A 07 03 'X' 00")), AmfLimits.DEFAULT, Map.of("X", broken));
        assertThat(catchThrowableOfType(AmfException.class, r::readValue)).hasMessageContaining("externalizable class X failed");
    }

    @Test
    void referenceToAnExternalizableFromInsideItsBodyFails() {
        Amf3Reader r = new Amf3Reader(ByteBuffer.wrap(hex("0A 07 03 'X' 0A 00")), AmfLimits.DEFAULT,
                Map.of("X", Amf3ExternalizableReader.SINGLE_VALUE));
        assertThat(catchThrowableOfType(AmfException.class, r::readValue)).hasMessageContaining("still being read");
    }

    @Test
    void outOfRangeStringReferenceNamesTheOffset() {
        AmfException e = catchAmf("06 03 'a' 06 02");
        assertThat(e).hasMessage("AMF at offset 4: string reference 1 out of range (1 strings so far)");
    }

    @Test
    void outOfRangeObjectReferenceFailsForEveryReferencingMarker() {
        for (String marker : List.of("07", "08", "09", "0A", "0B", "0C", "0D", "0E", "0F", "10", "11")) {
            AmfException e = catchAmf(marker + " 02");
            assertThat(e).as(marker).hasMessage("AMF at offset 1: object reference 1 out of range (0 objects so far)");
        }
    }

    @Test
    void outOfRangeTraitReferenceFails() {
        assertThat(catchAmf("0A 13 03 'P' 03 'x' 04 01 0A 05")).hasMessage("AMF at offset 9: trait reference 1 out of range (1 traits so far)");
    }

    @Test
    void unknownMarkerFails() {
        assertThat(catchAmf("01 12")).hasMessage("AMF at offset 1: unknown AMF3 type marker 0x12 (highest is 0x11)");
    }
}
