package org.rtmp4j.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.rtmp4j.amf.Hex.hex;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile AMF3 input: depth, element and length limits, truncation, fuzzing (AMF3 §3 with {@link AmfLimits}). */
@Timeout(60)
class Amf3LimitsTest {

    private static final AmfLimits SMALL = new AmfLimits(8, 40, 1024);
    /** Element and string budgets so large that only the bytes-remaining check can stop an allocation. */
    private static final AmfLimits HUGE = new AmfLimits(64, Integer.MAX_VALUE, Integer.MAX_VALUE);
    private static final Map<String, Amf3ExternalizableReader> READERS =
            Map.of("flex.messaging.io.ArrayCollection", Amf3ExternalizableReader.SINGLE_VALUE);

    /** Every marker inside one dense array, with string, object and trait references. */
    private static final String EVERY_MARKER = "09 2B 03 'k' 06 03 'v' 01"
            + " 00 01 02 03 04 FF FF 7F 05 3F F0 00 00 00 00 00 00 06 00"
            + " 07 09 '<a/>' 08 01 42 78 bc fe 56 80 00 00 08 04"
            + " 0A 2B 03 'T' 03 'x' 03 'y' 04 01 04 02 03 'z' 06 01 01 0A 01 04 03 04 04 01 0A 06"
            + " 0B 09 '<b/>' 0C 07 01 02 03"
            + " 0D 03 00 00 00 00 01 0E 03 01 FF FF FF FF 0F 03 00 3F F0 00 00 00 00 00 00"
            + " 10 05 00 03 '*' 06 00 01 11 03 00 04 01 09 00"
            + " 0A 07 43 'flex.messaging.io.ArrayCollection' 09 03 01 04 01";

    private static Object decodeOne(byte[] bytes, AmfLimits limits) {
        return new Amf3Reader(ByteBuffer.wrap(bytes), limits, READERS).readValue();
    }

    @Test
    void everyMarkerSampleDecodesCompletelyAndRoundTrips() {
        byte[] bytes = hex(EVERY_MARKER);
        Amf3Reader r = new Amf3Reader(ByteBuffer.wrap(bytes), AmfLimits.DEFAULT, READERS);
        Amf3Array all = (Amf3Array) r.readValue();
        assertThat(r.hasRemaining()).isFalse();
        assertThat(all.dense()).hasSize(21);
        byte[] again = new Amf3Writer(AmfLimits.DEFAULT, Map.of("flex.messaging.io.ArrayCollection", Amf3ExternalizableWriter.SINGLE_VALUE))
                .write(all).toByteArray();
        assertThat(Hex.format(again)).isEqualTo(Hex.format(bytes));
    }

    @Test
    void nestingBeyondMaxDepthFailsForEveryContainer() {
        for (String open : List.of("09 03 01 ", "0A 0B 01 03 'o' ", "10 03 00 03 '*' ", "11 03 00 01 ")) {
            byte[] ok = hex(open.repeat(8) + "01" + (open.startsWith("0A") ? " 01".repeat(8) : ""));
            assertThat(decodeOne(ok, SMALL)).as(open).isNotNull();
            byte[] deep = hex(open.repeat(9) + "01");
            assertThatThrownBy(() -> decodeOne(deep, SMALL)).as(open).isExactlyInstanceOf(AmfException.class)
                    .hasMessageContaining("nesting deeper than 8 (maxDepth)");
        }
    }

    @Test
    void elementBudgetCountsNestedValuesAndVectorElements() {
        assertThatThrownBy(() -> Amf3.decode(ByteBuffer.wrap(hex("01".repeat(41))), SMALL))
                .isExactlyInstanceOf(AmfException.class).hasMessage("AMF at offset 40: more than 40 values (maxElements)");
        byte[] vector = hex("0D 51 00" + " 00 00 00 01".repeat(40));
        assertThatThrownBy(() -> decodeOne(vector, SMALL)).isExactlyInstanceOf(AmfException.class)
                .hasMessageContaining("Vector count 40 exceeds the 39 values left under maxElements");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "09 FF FF FF FF 01", // dense count 2^28-1
        "0A FF FF FF F3 01 01", // sealed member count 2^25-1
        "0D FF FF FF FF 00 00 00 00 01", // int Vector
        "0E FF FF FF FF 00 00 00 00 01", // uint Vector
        "0F FF FF FF FF 00 00 00 00 01", // double Vector
        "10 FF FF FF FF 00 03 '*' 01", // object Vector
        "11 FF FF FF FF 00 01 01", // Dictionary
    })
    void hugeDeclaredCountsWithFewBytesFailBeforeAllocating(String spec) {
        Throwable t = catchThrowable(() -> decodeOne(hex(spec), HUGE));
        assertThat(t).isExactlyInstanceOf(AmfException.class).hasMessageContaining("truncated").hasMessageContaining("remaining");
        assertThat(((AmfException) t).offset()).isEqualTo(1);
        assertThat(catchThrowable(() -> decodeOne(hex(spec), AmfLimits.DEFAULT)))
                .isExactlyInstanceOf(AmfException.class).hasMessageContaining("maxElements");
    }

    @ParameterizedTest
    @ValueSource(strings = {"06", "07", "0B", "0C"})
    void hugeDeclaredLengthsFailBeforeAllocating(String marker) {
        byte[] spec = hex(marker + " FF FF FF FF 'abc'");
        assertThatThrownBy(() -> decodeOne(spec, HUGE)).isExactlyInstanceOf(AmfException.class)
                .hasMessageEndingWith("length 268435455 exceeds remaining 3 bytes");
        assertThatThrownBy(() -> decodeOne(spec, SMALL)).isExactlyInstanceOf(AmfException.class)
                .hasMessageEndingWith("length 268435455 exceeds maxStringBytes 1024");
    }

    @Test
    void externalizableRawReadsAreBounded() {
        Amf3ExternalizableReader raw = (name, in) -> in.readBytes(in.readU29());
        Amf3Reader r = new Amf3Reader(ByteBuffer.wrap(hex("0A 07 03 'R' FF FF FF FF 01 02")), HUGE, Map.of("R", raw));
        assertThatThrownBy(r::readValue).isExactlyInstanceOf(AmfException.class).hasMessageContaining("exceeds remaining 2 bytes");
    }

    @Test
    void truncationAtEveryOffsetOfAComplexValueFails() {
        byte[] full = hex(EVERY_MARKER);
        for (int cut = 0; cut < full.length; cut++) {
            byte[] truncated = Arrays.copyOf(full, cut);
            int at = cut;
            Throwable t = catchThrowable(() -> decodeOne(truncated, AmfLimits.DEFAULT));
            assertThat(t).as("cut at %d", at).isExactlyInstanceOf(AmfException.class);
            assertThat(((AmfException) t).offset()).as("cut at %d", at).isBetween(0L, (long) cut);
        }
    }

    @Test
    void randomAndMutatedInputOnlyEverThrowsAmfExceptionAndDecodedValuesReencodeStably() {
        Random random = new Random(0x414d4633);
        byte[] golden = hex(EVERY_MARKER);
        Map<String, Amf3ExternalizableWriter> writers = Map.of("flex.messaging.io.ArrayCollection", Amf3ExternalizableWriter.SINGLE_VALUE);
        int decoded = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] input = FuzzInputs.randomOrMutated(random, golden, i);
            AmfLimits limits = i % 3 == 0 ? SMALL : AmfLimits.DEFAULT;
            List<Object> values;
            try {
                values = new Amf3Reader(ByteBuffer.wrap(input), limits, READERS).readAll();
            } catch (AmfException expected) {
                continue; // the only exception allowed
            } catch (RuntimeException | Error e) {
                throw new AssertionError("unexpected " + e + " for " + Hex.format(input), e);
            }
            decoded++;
            byte[] once = encode(values, writers);
            List<Object> again = new Amf3Reader(ByteBuffer.wrap(once), AmfLimits.DEFAULT, READERS).readAll();
            assertThat(Hex.format(encode(again, writers))).as("re-encoding of %s", Hex.format(input)).isEqualTo(Hex.format(once));
        }
        assertThat(decoded).isGreaterThan(1000);
    }

    private static byte[] encode(List<Object> values, Map<String, Amf3ExternalizableWriter> writers) {
        Amf3Writer w = new Amf3Writer(AmfLimits.DEFAULT, writers);
        values.forEach(w::write);
        return w.toByteArray();
    }
}
