package org.rtmp4j.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.rtmp4j.amf.Hex.hex;
import static org.rtmp4j.amf.Hex.list;
import static org.rtmp4j.amf.Hex.map;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Golden byte vectors for every AMF0 marker (AMF0 §2.2–§2.18, §3.1). */
class Amf0ReaderTest {

    private static Object decodeOne(String spec) {
        ByteBuffer in = ByteBuffer.wrap(hex(spec));
        Object value = new Amf0Reader(in).readValue();
        assertThat(in.remaining()).as("bytes left after the value").isZero();
        return value;
    }

    @Test
    void numberOneIsTheBigEndianDouble() {
        assertThat(decodeOne("00 3F F0 00 00 00 00 00 00")).isEqualTo(1.0);
    }

    @Test
    void numbersKeepSignAndFraction() {
        assertThat(decodeOne("00 c0 04 00 00 00 00 00 00")).isEqualTo(-2.5);
        assertThat(decodeOne("00 00 00 00 00 00 00 00 00")).isEqualTo(0.0);
    }

    @Test
    void booleanZeroIsFalseAndAnyOtherByteIsTrue() {
        assertThat(decodeOne("01 00")).isEqualTo(false);
        assertThat(decodeOne("01 01")).isEqualTo(true);
        assertThat(decodeOne("01 7f")).isEqualTo(true);
    }

    @Test
    void stringHasU16LengthAndUtf8Bytes() {
        assertThat(decodeOne("02 00 0b 'hello world'")).isEqualTo("hello world");
        assertThat(decodeOne("02 00 00")).isEqualTo("");
        assertThat(decodeOne("02 00 02 c3 a9")).isEqualTo("\u00e9");
    }

    @Test
    void malformedUtf8BecomesReplacementCharacter() {
        assertThat(decodeOne("02 00 01 ff")).isEqualTo("\ufffd");
    }

    @Test
    void objectEndsWithEmptyKeyAndObjectEndMarker() {
        Object value = decodeOne("03 00 03 'app' 02 00 04 'live' 00 01 'n' 00 3F F0 00 00 00 00 00 00 00 00 09");
        assertThat(value).isInstanceOf(Map.class).isNotInstanceOf(AmfEcmaArray.class);
        assertThat(map(value)).containsExactly(Map.entry("app", "live"), Map.entry("n", 1.0));
    }

    @Test
    void emptyObjectIsJustTheObjectEnd() {
        assertThat(map(decodeOne("03 00 00 09"))).isEmpty();
    }

    @Test
    void nullUndefinedAndUnsupportedMarkers() {
        assertThat(decodeOne("05")).isNull();
        assertThat(decodeOne("06")).isSameAs(AmfUndefined.INSTANCE);
        assertThat(decodeOne("0d")).isSameAs(AmfUndefined.INSTANCE);
    }

    @Test
    void ecmaArrayKeepsKeyOrder() {
        Object value = decodeOne("08 00 00 00 02 00 08 'duration' 00 40 24 00 00 00 00 00 00"
                + " 00 05 'width' 00 40 9e 3c 00 00 00 00 00 00 00 09");
        assertThat(value).isInstanceOf(AmfEcmaArray.class);
        assertThat(map(value)).containsExactly(Map.entry("duration", 10.0), Map.entry("width", 1935.0));
    }

    @Test
    void ecmaArrayCountIsOnlyAHint() {
        Object zero = decodeOne("08 00 00 00 00 00 01 'a' 01 01 00 01 'b' 05 00 00 09");
        assertThat(map(zero)).containsOnlyKeys("a", "b");
        Object tooMany = decodeOne("08 ff ff ff ff 00 01 'a' 01 01 00 00 09");
        assertThat(map(tooMany)).containsExactly(Map.entry("a", true));
    }

    @Test
    void strictArrayHasCountThenValues() {
        Object value = decodeOne("0a 00 00 00 03 00 3F F0 00 00 00 00 00 00 02 00 01 'a' 06");
        assertThat(value).isInstanceOf(List.class);
        assertThat(list(value)).containsExactly(1.0, "a", AmfUndefined.INSTANCE);
    }

    @Test
    void dateIsMillisecondsAndTimeZone() {
        assertThat(decodeOne("0b 42 6d 1a 94 a2 00 00 00 00 00")).isEqualTo(new AmfDate(1e12, 0));
        assertThat(decodeOne("0b 42 6d 1a 94 a2 00 00 00 ff c4")).isEqualTo(new AmfDate(1e12, -60));
    }

    @Test
    void longStringHasU32Length() {
        assertThat(decodeOne("0c 00 00 00 03 'abc'")).isEqualTo("abc");
    }

    @Test
    void xmlDocumentIsLongUtf8Text() {
        assertThat(decodeOne("0f 00 00 00 08 '<a>b</a>'")).isEqualTo(new AmfXmlDocument("<a>b</a>"));
    }

    @Test
    void typedObjectHasClassNameThenProperties() {
        Object value = decodeOne("10 00 05 'Point' 00 01 'x' 00 3F F0 00 00 00 00 00 00 00 01 'y' 00 40 08 00 00 00 00 00 00 00 00 09");
        assertThat(value).isInstanceOf(AmfTypedObject.class);
        AmfTypedObject typed = (AmfTypedObject) value;
        assertThat(typed.className()).isEqualTo("Point");
        assertThat(typed.properties()).containsExactly(Map.entry("x", 1.0), Map.entry("y", 3.0));
    }

    @Test
    void referenceReturnsTheSameInstanceByOrderOfAppearance() {
        // table: 0 = strict array, 1 = object {a:true}, 2 = ECMA array; then a reference to index 1
        List<Object> values = Amf0.decode(ByteBuffer.wrap(hex(
                "0a 00 00 00 02 03 00 01 'a' 01 01 00 00 09 08 00 00 00 00 00 00 09 07 00 01")));
        assertThat(values).hasSize(2);
        List<?> array = (List<?>) values.get(0);
        assertThat(values.get(1)).isSameAs(array.get(0));
    }

    @Test
    void referenceAcrossTopLevelValuesAndToTypedObject() {
        List<Object> values = Amf0.decode(ByteBuffer.wrap(hex("10 00 01 'T' 00 00 09 07 00 00")));
        assertThat(values.get(1)).isSameAs(values.get(0));
    }

    @Test
    void cyclicReferenceYieldsTheEnclosingInstance() {
        Map<?, ?> self = (Map<?, ?>) decodeOne("03 00 04 'self' 07 00 00 00 00 09");
        assertThat(self.get("self")).isSameAs(self);
    }

    @Test
    void referenceOutOfRangeFails() {
        assertThat(catchAmf("03 00 00 09 07 00 01")).hasMessage("AMF at offset 5: reference index 1 out of range (1 complex values so far)");
        AmfException e = (AmfException) catchAmf("07 00 00");
        assertThat(e.offset()).isEqualTo(1);
        assertThat(e).hasMessageContaining("reference index 0 out of range");
    }

    @ParameterizedTest
    @ValueSource(strings = {"04", "0e", "09", "12", "ff"})
    void reservedOrUnknownMarkersFailWithOffset(String marker) {
        AmfException e = catchAmf("05 " + marker);
        assertThat(e.offset()).isEqualTo(1);
        assertThat(e.getMessage()).startsWith("AMF at offset 1: ").contains("0x");
    }

    @Test
    void avmPlusSwitchReadsOneAmf3ValueThenContinuesInAmf0() {
        List<Object> values = Amf0.decode(ByteBuffer.wrap(hex("11 0a 0b 01 03 'a' 04 05 01 05")));
        assertThat(values).containsExactly(Amf3Object.anonymous(Map.of("a", 5)), null);
    }

    @Test
    void emptyKeyMustBeFollowedByObjectEnd() {
        AmfException e = catchAmf("03 00 00 05");
        assertThat(e.offset()).isEqualTo(3);
        assertThat(e).hasMessageContaining("expected object-end marker 0x09");
    }

    @Test
    void outermostObjectWithoutObjectEndIsAcceptedAtEndOfBuffer() {
        assertThat(map(decodeOne("03 00 01 'a' 00 3F F0 00 00 00 00 00 00")))
                .containsExactly(Map.entry("a", 1.0));
        assertThat(map(decodeOne("08 00 00 00 01 00 01 'a' 01 01")))
                .isInstanceOf(AmfEcmaArray.class).containsExactly(Map.entry("a", true));
    }

    @Test
    void nestedObjectWithoutObjectEndFails() {
        AmfException e = catchAmf("03 00 01 'o' 03 00 01 'a' 01 01");
        assertThat(e.offset()).isEqualTo(10);
        assertThat(e).hasMessageContaining("truncated");
        assertThatThrownBy(() -> decodeOne("0a 00 00 00 01 08 00 00 00 00")).isInstanceOf(AmfException.class);
    }

    @Test
    void partialObjectEndFails() {
        assertThatThrownBy(() -> decodeOne("03 00 00")).isInstanceOf(AmfException.class)
                .hasMessageContaining("object-end marker");
    }

    @Test
    void keyWithoutValueFails() {
        assertThatThrownBy(() -> decodeOne("03 00 01 'a'")).isInstanceOf(AmfException.class)
                .hasMessageContaining("value of property 'a'");
    }

    @Test
    void offsetsAreRelativeToTheStartPositionAndByteOrderIsIgnored() {
        ByteBuffer in = ByteBuffer.wrap(hex("ff ff ff 00 3F F0 00 00 00 00 00 00 02 00 05 'ab'"))
                .order(ByteOrder.LITTLE_ENDIAN);
        in.position(3);
        Amf0Reader reader = new Amf0Reader(in);
        assertThat(reader.readValue()).isEqualTo(1.0);
        assertThat(reader.offset()).isEqualTo(9);
        assertThatThrownBy(reader::readValue).isInstanceOf(AmfException.class)
                .hasMessage("AMF at offset 10: truncated: string length 5 exceeds remaining 2 bytes");
        assertThat(in.order()).isEqualTo(ByteOrder.LITTLE_ENDIAN);
    }

    @Test
    void readsFromDirectAndSlicedBuffers() {
        byte[] bytes = hex("00 02 00 0b 'hello world' 05");
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length);
        direct.put(bytes).flip().position(1);
        assertThat(Amf0.decode(direct)).containsExactly("hello world", null);
        ByteBuffer slice = ByteBuffer.wrap(bytes, 1, bytes.length - 1).slice();
        assertThat(Amf0.decode(slice)).containsExactly("hello world", null);
    }

    @Test
    void readAllStopsAtTheBufferLimitAndAdvancesIt() {
        ByteBuffer in = ByteBuffer.wrap(hex("05 06 01 01 ff"));
        in.limit(4);
        assertThat(new Amf0Reader(in).readAll()).containsExactly(null, AmfUndefined.INSTANCE, true);
        assertThat(in.position()).isEqualTo(4);
    }

    static AmfException catchAmf(String spec) {
        Amf0Reader reader = new Amf0Reader(ByteBuffer.wrap(hex(spec)));
        try {
            reader.readAll();
        } catch (AmfException e) {
            return e;
        }
        throw new AssertionError("no AmfException for " + spec);
    }
}
