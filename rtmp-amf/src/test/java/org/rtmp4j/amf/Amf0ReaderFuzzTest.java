package org.rtmp4j.amf;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link Amf0Reader} (AMF0 §2, with AVM+ switches to AMF3, §3.1). Any input either decodes
 * or fails with {@link AmfException}; anything else escaping is a finding. A decoded value that
 * re-encodes is stable: encoding, decoding and encoding again gives the same bytes (one
 * normalisation step, since the writer drops references and fixes ECMA array counts). As the
 * writer expands references, the reader's limits must bound the expanded size: an input of nested
 * references that re-encodes to far more than the limits allow shows up as a timeout or an
 * out-of-memory finding (regression input {@code reference_dag_expansion}).
 *
 * <p>Regression inputs: {@code src/test/resources/org/rtmp4j/amf/Amf0ReaderFuzzTestInputs/readAll/}.
 * Fuzz with {@code JAZZER_FUZZ=1} (see README, "Fuzzing").
 */
class Amf0ReaderFuzzTest {
    /** Small limits keep each execution cheap; the limits themselves are part of what is fuzzed. */
    static final AmfLimits LIMITS = new AmfLimits(32, 4_096, 4_096);

    @FuzzTest
    void readAll(byte[] data) {
        StableRoundTrip.check(data, LIMITS, (in, limits) -> new Amf0Reader(in, limits).readAll(), values -> {
            Amf0Writer w = new Amf0Writer(LIMITS);
            for (Object v : values) {
                w.write(v);
            }
            return w.toByteArray();
        });
    }
}
