package org.rtmp4j.amf;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link Amf3Reader} (AMF3 §3, reference tables §2.2). Any input either decodes or fails
 * with {@link AmfException}; anything else escaping is a finding. A decoded value that re-encodes
 * is stable: encoding, decoding and encoding again gives the same bytes (the writer emits
 * references for repeated strings, traits and instances, so even cyclic graphs re-encode).
 *
 * <p>Regression inputs: {@code src/test/resources/org/rtmp4j/amf/Amf3ReaderFuzzTestInputs/readAll/}.
 * Fuzz with {@code JAZZER_FUZZ=1} (see README, "Fuzzing").
 */
class Amf3ReaderFuzzTest {
    static final AmfLimits LIMITS = new AmfLimits(32, 4_096, 4_096);

    @FuzzTest
    void readAll(byte[] data) {
        StableRoundTrip.check(data, LIMITS, (in, limits) -> new Amf3Reader(in, limits).readAll(), values -> {
            Amf3Writer w = new Amf3Writer(LIMITS);
            for (Object v : values) {
                w.write(v);
            }
            return w.toByteArray();
        });
    }
}
