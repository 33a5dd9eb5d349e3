package org.rtmp4j.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.amf.Hex.hex;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Decode → encode is byte-exact, and encode → decode gives equal values (AMF0 §2). */
class Amf0RoundTripTest {

    static Stream<Arguments> goldenBytes() {
        return Stream.of(
                Arguments.of("number", "00 3F F0 00 00 00 00 00 00"),
                Arguments.of("NaN with payload", "00 7f f8 00 00 00 00 00 01"),
                Arguments.of("negative zero", "00 80 00 00 00 00 00 00 00"),
                Arguments.of("boolean", "01 01"),
                Arguments.of("string", "02 00 0b 'hello world'"),
                Arguments.of("utf-8 string", "02 00 06 e6 97 a5 e6 9c ac"),
                Arguments.of("object", "03 00 01 'b' 01 00 00 01 'a' 02 00 00 00 00 09"),
                Arguments.of("null", "05"),
                Arguments.of("undefined", "06"),
                Arguments.of("ECMA array", "08 00 00 00 02 00 08 'duration' 00 40 24 00 00 00 00 00 00 00 05 'width' 00 40 6d e0 00 00 00 00 00 00 00 09"),
                Arguments.of("strict array", "0a 00 00 00 03 00 3F F0 00 00 00 00 00 00 05 0a 00 00 00 00"),
                Arguments.of("date", "0b 42 78 bc fe 56 80 00 00 00 00"),
                Arguments.of("XML document", "0f 00 00 00 08 '<a>b</a>'"),
                Arguments.of("typed object", "10 00 05 'Point' 00 01 'x' 00 40 3f 00 00 00 00 00 00 00 00 09"),
                Arguments.of("deeply nested", "03 00 01 'o' 08 00 00 00 01 00 01 'l' 0a 00 00 00 01 10 00 01 'T' 00 00 09 00 00 09 00 00 09"),
                Arguments.of("several values", "02 00 01 'x' 00 40 08 00 00 00 00 00 00 05 06"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldenBytes")
    void decodedValuesReEncodeByteExactly(String name, String spec) {
        byte[] bytes = hex(spec);
        List<Object> values = Amf0.decode(ByteBuffer.wrap(bytes));
        assertThat(Amf0.encode(values.toArray()).array()).as(name).isEqualTo(bytes);
    }

    static Stream<Object> javaValues() {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("z", "last key first");
        object.put("a", List.of(1.0, "x"));
        AmfEcmaArray ecma = new AmfEcmaArray();
        ecma.put("k", null);
        ecma.put("u", AmfUndefined.INSTANCE);
        return Stream.of(0.0, -1.5, Double.MAX_VALUE, Double.POSITIVE_INFINITY, true, false, "", "a\u0000b",
                "\ud83d\ude00 emoji", "y".repeat(70_000), new AmfDate(-1e3, 0), new AmfXmlDocument(""),
                object, ecma, new ArrayList<>(), new AmfTypedObject("com.example.T", object),
                AmfUndefined.INSTANCE, List.of(ecma, object, new AmfDate(1, 0)));
    }

    @ParameterizedTest
    @MethodSource("javaValues")
    void encodedValuesDecodeToEqualValues(Object value) {
        ByteBuffer encoded = Amf0.encode(value);
        List<Object> decoded = Amf0.decode(encoded);
        assertThat(decoded).containsExactly(value);
        assertThat(decoded.get(0) == null ? null : decoded.get(0).getClass())
                .isAssignableTo(value instanceof List ? List.class : value.getClass() == LinkedHashMap.class ? Map.class : value.getClass());
        assertThat(Amf0.encode(decoded.toArray())).isEqualTo(Amf0.encode(value));
    }

    @Test
    void connectCommandBodyRoundTrips() {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("app", "live");
        command.put("type", "nonprivate");
        command.put("flashVer", "FMLE/3.0 (compatible; FMSc/1.0)");
        command.put("swfUrl", "rtmp://127.0.0.1:1935/live");
        command.put("tcUrl", "rtmp://127.0.0.1:1935/live");
        command.put("fpad", false);
        command.put("capabilities", 239.0);
        command.put("audioCodecs", 3575.0);
        command.put("videoCodecs", 252.0);
        command.put("videoFunction", 1.0);
        command.put("objectEncoding", 0.0);
        byte[] bytes = Amf0.encode("connect", 1.0, command).array();

        assertThat(Arrays.copyOfRange(bytes, 0, 20))
                .isEqualTo(hex("02 00 07 'connect' 00 3F F0 00 00 00 00 00 00 03"));
        assertThat(Arrays.copyOfRange(bytes, 20, 32)).isEqualTo(hex("00 03 'app' 02 00 04 'live'"));
        assertThat(Arrays.copyOfRange(bytes, bytes.length - 3, bytes.length)).isEqualTo(hex("00 00 09"));

        List<Object> decoded = Amf0.decode(ByteBuffer.wrap(bytes));
        assertThat(decoded).containsExactly("connect", 1.0, command);
        assertThat(Hex.map(decoded.get(2)).keySet()).containsExactlyElementsOf(command.keySet());
        assertThat(Amf0.encode(decoded.toArray()).array()).isEqualTo(bytes);
    }
}
