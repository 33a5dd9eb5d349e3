package org.rtmp4j.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.rtmp4j.amf.Hex.hex;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The AVM+ switch (AMF0 §3.1, marker 0x11): one AMF3 value, then AMF0 again (AMF3 §4.1). */
class Amf0Amf3SwitchTest {

    /** An AMF0 command: name, transaction id, AMF3 command object, AMF0 null, AMF0 string. */
    private static final String COMMAND = "02 00 07 'connect' 00 3F F0 00 00 00 00 00 00"
            + " 11 0A 0B 01 07 'app' 06 09 'live' 0D 'objEnc' 04 03 01"
            + " 05 02 00 02 'hi'";

    @Test
    void switchedValueIsAmf3AndFollowingValuesAreAmf0Again() {
        List<Object> values = Amf0.decode(ByteBuffer.wrap(hex(COMMAND)));
        assertThat(values).hasSize(5);
        assertThat(values.get(0)).isEqualTo("connect");
        assertThat(values.get(1)).isEqualTo(1.0);
        Amf3Object command = (Amf3Object) values.get(2);
        assertThat(command.className()).isEmpty();
        assertThat(command.dynamicMembers()).containsExactly(Map.entry("app", "live"), Map.entry("objEnc", 3));
        assertThat(values.get(3)).isNull();
        assertThat(values.get(4)).isEqualTo("hi");
    }

    @Test
    void amf0WriterSwitchesForAmf3OnlyValuesSoTheCommandRoundTrips() {
        List<Object> values = Amf0.decode(ByteBuffer.wrap(hex(COMMAND)));
        assertThat(Hex.format(Amf0.encode(values.toArray()).array())).isEqualTo(Hex.format(hex(COMMAND)));
    }

    @Test
    void writeAmf3WrapsAnyValue() {
        byte[] bytes = new Amf0Writer().writeAmf3(5).writeAmf3("s").write(5).toByteArray();
        assertThat(Hex.format(bytes)).isEqualTo("11 04 05 11 06 03 73 00 40 14 00 00 00 00 00 00");
        assertThat(Amf0.decode(ByteBuffer.wrap(bytes))).containsExactly(5, "s", 5.0);
    }

    @Test
    void eachSwitchHasFreshReferenceTables() {
        // the second switch repeats the literal: its own string table is empty
        assertThat(Amf0.decode(ByteBuffer.wrap(hex("11 06 03 'a' 11 06 03 'a'")))).containsExactly("a", "a");
        AmfException e = catchThrowableOfType(AmfException.class, () -> Amf0.decode(ByteBuffer.wrap(hex("11 06 03 'a' 11 06 00"))));
        assertThat(e).hasMessage("AMF at offset 6: string reference 0 out of range (0 strings so far)");
        // and the writer starts fresh tables too
        assertThat(Hex.format(new Amf0Writer().writeAmf3("a").writeAmf3("a").toByteArray())).isEqualTo("11 06 03 61 11 06 03 61");
    }

    @Test
    void switchInsideAnAmf0ObjectPropertyWorksAndSharesTheDepthBudget() {
        Map<String, Object> outer = Amf0.decode(ByteBuffer.wrap(hex("03 00 01 'p' 11 09 03 01 04 07 00 00 09"))).stream()
                .findFirst().map(Hex::map).orElseThrow();
        assertThat(outer.get("p")).isEqualTo(new Amf3Array(List.of(7), Map.of()));
        AmfLimits depth2 = new AmfLimits(2, 100, 100);
        AmfException e = catchThrowableOfType(AmfException.class,
                () -> Amf0.decode(ByteBuffer.wrap(hex("03 00 01 'p' 11 09 03 01 09 01 01 00 00 09")), depth2));
        assertThat(e).hasMessage("AMF at offset 8: nesting deeper than 2 (maxDepth)");
    }

    @Test
    void externalizableInsideASwitchNeedsARegisteredReader() {
        byte[] bytes = hex("11 0A 07 03 'X' 04 01 05");
        AmfException e = catchThrowableOfType(AmfException.class, () -> Amf0.decode(ByteBuffer.wrap(bytes)));
        assertThat(e).hasMessage("AMF at offset 1: externalizable class X has no registered reader");
        List<Object> values = new Amf0Reader(ByteBuffer.wrap(bytes), AmfLimits.DEFAULT, Map.of("X", Amf3ExternalizableReader.SINGLE_VALUE)).readAll();
        assertThat(values).containsExactly(new Amf3Externalizable("X", 1), null);
        byte[] again = new Amf0Writer(AmfLimits.DEFAULT, Map.of("X", Amf3ExternalizableWriter.SINGLE_VALUE)).write(values.get(0)).write(null).toByteArray();
        assertThat(Hex.format(again)).isEqualTo(Hex.format(bytes));
    }

    @Test
    void amf3ErrorInsideWriteAmf3NamesTheAmf0Offset() {
        AmfException e = catchThrowableOfType(AmfException.class, () -> new Amf0Writer().write("x").writeAmf3(List.of(new Object())));
        // "x" (4 bytes), 0x11, then 09 03 01 before the element
        assertThat(e).hasMessage("AMF at offset 8: in AMF3 value after AVM+ marker: no AMF3 representation for java.lang.Object");
    }

    @Test
    void mutatedSwitchStreamsOnlyEverThrowAmfException() {
        Random random = new Random(0x11);
        byte[] golden = hex(COMMAND);
        for (int i = 0; i < 20_000; i++) {
            byte[] input = golden.clone();
            for (int flips = 1 + random.nextInt(3); flips > 0; flips--) {
                input[random.nextInt(input.length)] = (byte) random.nextInt(256);
            }
            try {
                Amf0.decode(ByteBuffer.wrap(input), new AmfLimits(8, 64, 1024));
            } catch (AmfException expected) {
                // the only exception allowed
            } catch (RuntimeException | Error t) {
                throw new AssertionError("unexpected " + t + " for " + Hex.format(input), t);
            }
        }
    }
}
