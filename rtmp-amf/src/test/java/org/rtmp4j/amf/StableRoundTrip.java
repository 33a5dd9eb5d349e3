package org.rtmp4j.amf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The property the AMF0 and AMF3 reader fuzz targets check: arbitrary bytes either fail with {@link
 * AmfException}, or decode to values whose encoding is stable (encode, decode with the default
 * limits, encode again: the same bytes).
 */
final class StableRoundTrip {
    private StableRoundTrip() {}

    /**
     * @param data the fuzzer's bytes
     * @param read decodes every value of a buffer under the given limits
     * @param encode encodes values (the fuzz limits apply)
     */
    static void check(byte[] data, AmfLimits limits, BiFunction<ByteBuffer, AmfLimits, List<Object>> read,
            Function<List<Object>, byte[]> encode) {
        List<Object> values;
        try {
            values = read.apply(ByteBuffer.wrap(data), limits);
        } catch (AmfException expected) {
            return;
        }
        byte[] once;
        try {
            once = encode.apply(values);
        } catch (AmfException notRepresentable) {
            // e.g. an empty property name or a cyclic graph deeper than maxDepth
            return;
        }
        List<Object> again = read.apply(ByteBuffer.wrap(once), AmfLimits.DEFAULT);
        assertThat(encode.apply(again)).isEqualTo(once);
    }
}
