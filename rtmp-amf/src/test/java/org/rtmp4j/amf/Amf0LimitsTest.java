package org.rtmp4j.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.rtmp4j.amf.Hex.hex;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile input: depth, element and length limits, truncation (AMF0 §2 with {@link AmfLimits}). */
@Timeout(30)
class Amf0LimitsTest {

    private static final AmfLimits SMALL = new AmfLimits(8, 10, 1024);

    /** Every marker, nested inside a strict array so that no object end may be omitted. */
    private static final String EVERY_MARKER = "0a 00 00 00 0e"
            + " 00 3F F0 00 00 00 00 00 00"
            + " 01 01"
            + " 02 00 02 'hi'"
            + " 03 00 01 'a' 05 00 01 'b' 06 00 00 09"
            + " 05"
            + " 06"
            + " 07 00 01"
            + " 08 00 00 00 01 00 01 'k' 0d 00 00 09"
            + " 0a 00 00 00 01 01 00"
            + " 0b 42 6d 1a 94 a2 00 00 00 00 00"
            + " 0c 00 00 00 03 'abc'"
            + " 0f 00 00 00 04 '<x/>'"
            + " 10 00 01 'T' 00 01 'p' 02 00 00 00 00 09"
            + " 0d";

    private static String nestedObjects(int depth) {
        return "03 00 01 'o' ".repeat(depth - 1) + "03 00 00 09" + " 00 00 09".repeat(depth - 1);
    }

    private static Object decodeOne(byte[] bytes, AmfLimits limits) {
        return new Amf0Reader(ByteBuffer.wrap(bytes), limits).readValue();
    }

    @Test
    void sixtyFourNestedObjectsDecodeWithDefaultLimits() {
        Object value = decodeOne(hex(nestedObjects(64)), AmfLimits.DEFAULT);
        int depth = 0;
        for (Object v = value; v instanceof Map; v = ((Map<?, ?>) v).get("o")) {
            depth++;
        }
        assertThat(depth).isEqualTo(64);
    }

    @Test
    void sixtyFiveNestedObjectsExceedDefaultDepth() {
        Throwable t = catchThrowable(() -> decodeOne(hex(nestedObjects(65)), AmfLimits.DEFAULT));
        assertThat(t).isExactlyInstanceOf(AmfException.class).hasMessageContaining("maxDepth");
        assertThat(((AmfException) t).offset()).isEqualTo(64 * 4);
    }

    @Test
    void deepStrictArraysAndEcmaArraysCountTowardsDepth() {
        byte[] arrays = hex("0a 00 00 00 01 ".repeat(9) + "05");
        assertThatThrownBy(() -> decodeOne(arrays, SMALL)).isExactlyInstanceOf(AmfException.class)
                .hasMessageContaining("nesting deeper than 8");
        byte[] ecma = hex("08 00 00 00 00 00 01 'e' ".repeat(9) + "05" + " 00 00 09".repeat(9));
        assertThatThrownBy(() -> decodeOne(ecma, SMALL)).isExactlyInstanceOf(AmfException.class);
        assertThat(decodeOne(hex("0a 00 00 00 01 ".repeat(8) + "05"), SMALL)).isInstanceOf(List.class);
    }

    @Test
    void elementCountSpansNestedAndTopLevelValues() {
        assertThat(Amf0.decode(ByteBuffer.wrap(hex("0a 00 00 00 09" + " 05".repeat(9))), SMALL)).hasSize(1);
        assertThatThrownBy(() -> Amf0.decode(ByteBuffer.wrap(hex("0a 00 00 00 08" + " 05".repeat(8) + " 06 06")), SMALL))
                .isExactlyInstanceOf(AmfException.class).hasMessageContaining("maxElements")
                .extracting(e -> ((AmfException) e).offset()).isEqualTo(14L);
        byte[] object = hex("03" + " 00 01 'k' 05".repeat(10) + " 00 00 09");
        assertThatThrownBy(() -> decodeOne(object, SMALL)).isExactlyInstanceOf(AmfException.class);
    }

    @Test
    void strictArrayCountIsCheckedBeforeAllocation() {
        byte[] huge = hex("0a ff ff ff ff 05 05 05");
        assertThatThrownBy(() -> decodeOne(huge, AmfLimits.DEFAULT)).isExactlyInstanceOf(AmfException.class)
                .hasMessage("AMF at offset 1: strict array count 4294967295 exceeds the 65535 values left under maxElements");
        AmfLimits manyElements = new AmfLimits(64, Integer.MAX_VALUE, 1024);
        byte[] big = hex("0a 7f ff ff f0 05 05 05");
        assertThatThrownBy(() -> decodeOne(big, manyElements)).isExactlyInstanceOf(AmfException.class)
                .hasMessage("AMF at offset 1: strict array count 2147483632 exceeds remaining 3 bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0c ff ff ff ff 'abc'", "0f 7f ff ff ff 'abc'", "0c 00 00 04 01 'abc'"})
    void longLengthsBeyondTheStringLimitFailBeforeAllocation(String spec) {
        assertThatThrownBy(() -> decodeOne(hex(spec), SMALL)).isExactlyInstanceOf(AmfException.class)
                .hasMessageContaining("exceeds maxStringBytes 1024");
        AmfLimits unbounded = new AmfLimits(64, 65_536, Integer.MAX_VALUE);
        assertThatThrownBy(() -> decodeOne(hex(spec), unbounded)).isExactlyInstanceOf(AmfException.class)
                .hasMessageMatching(".*length \\d+ exceeds (remaining 3 bytes|maxStringBytes 2147483647)");
    }

    @Test
    void shortStringsPropertyNamesAndClassNamesAreCheckedToo() {
        assertThatThrownBy(() -> decodeOne(hex("02 ff ff 'ab'"), AmfLimits.DEFAULT))
                .isExactlyInstanceOf(AmfException.class).hasMessage("AMF at offset 1: truncated: string length 65535 exceeds remaining 2 bytes");
        assertThatThrownBy(() -> decodeOne(hex("03 ff ff 'ab'"), AmfLimits.DEFAULT))
                .isExactlyInstanceOf(AmfException.class).hasMessageContaining("property name length 65535");
        assertThatThrownBy(() -> decodeOne(hex("10 08 00 'ab'"), SMALL))
                .isExactlyInstanceOf(AmfException.class).hasMessageContaining("class-name length 2048 exceeds maxStringBytes");
    }

    @Test
    void truncationAtEveryOffsetOfANestedComplexValueFails() {
        byte[] full = hex(EVERY_MARKER);
        assertThat(decodeOne(full, AmfLimits.DEFAULT)).asList().hasSize(14);
        for (int cut = 0; cut < full.length; cut++) {
            byte[] truncated = Arrays.copyOf(full, cut);
            int at = cut;
            Throwable t = catchThrowable(() -> decodeOne(truncated, AmfLimits.DEFAULT));
            assertThat(t).as("cut at %d", at).isExactlyInstanceOf(AmfException.class);
            assertThat(((AmfException) t).offset()).as("cut at %d", at).isBetween(0L, (long) cut);
        }
    }

    @Test
    void truncatedOutermostObjectEitherFailsOrYieldsAPrefixOfItsProperties() {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("app", "live");
        command.put("tcUrl", "rtmp://127.0.0.1/live");
        command.put("fpad", false);
        command.put("capabilities", 15.0);
        command.put("nested", Map.of("k", List.of(1.0)));
        byte[] full = Amf0.encode(command).array();
        List<String> keys = List.copyOf(command.keySet());
        int accepted = 0;
        for (int cut = 0; cut < full.length; cut++) {
            byte[] truncated = Arrays.copyOf(full, cut);
            try {
                Map<?, ?> partial = (Map<?, ?>) decodeOne(truncated, AmfLimits.DEFAULT);
                assertThat(List.copyOf(partial.keySet())).isEqualTo(keys.subList(0, partial.size()));
                accepted++;
            } catch (AmfException expected) {
                // truncated inside a property: the specific exception, never another type
            }
        }
        // the cuts after the marker and after each of the five properties but the last (the full
        // object without its 00 00 09 is accepted too)
        assertThat(accepted).isEqualTo(6);
    }

    @Test
    void randomAndMutatedInputOnlyEverThrowsAmfException() {
        Random random = new Random(0x414d46);
        byte[] golden = hex(EVERY_MARKER);
        for (int i = 0; i < 20_000; i++) {
            byte[] input = FuzzInputs.randomOrMutated(random, golden, i);
            byte[] in = input;
            try {
                Amf0.decode(ByteBuffer.wrap(in), SMALL);
            } catch (AmfException expected) {
                // the only exception allowed
            } catch (RuntimeException | Error e) {
                throw new AssertionError("unexpected " + e + " for " + Hex.format(in), e);
            }
        }
    }
}
