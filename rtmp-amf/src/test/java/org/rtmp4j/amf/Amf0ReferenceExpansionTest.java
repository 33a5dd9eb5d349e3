package org.rtmp4j.amf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * AMF0 references (AMF0 §2.9) count as copies against {@link AmfLimits}, since {@link Amf0Writer}
 * writes shared values out in full (found by {@code Amf0ReaderFuzzTest}: 272 input bytes decoded
 * fine and re-encoded to 318 MB).
 */
class Amf0ReferenceExpansionTest {

    /** A strict array whose element k is [ref(k), ref(k)] to element k-1: 2^(levels-1) leaves. */
    private static byte[] referenceDag(int levels) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(32 + 11 * levels);
        b.put((byte) Amf0.STRICT_ARRAY).putInt(levels);
        b.put((byte) Amf0.STRICT_ARRAY).putInt(1).put((byte) Amf0.NUMBER).putDouble(1);
        for (int k = 1; k < levels; k++) {
            b.put((byte) Amf0.STRICT_ARRAY).putInt(2);
            b.put((byte) Amf0.REFERENCE).putShort((short) k);
            b.put((byte) Amf0.REFERENCE).putShort((short) k);
        }
        o.write(b.array(), 0, b.position());
        return o.toByteArray();
    }

    @Test
    void nestedReferencesThatExpandBeyondMaxElementsAreRejected() {
        byte[] input = referenceDag(24);
        assertThat(input).hasSizeLessThan(300);
        assertThatThrownBy(() -> new Amf0Reader(ByteBuffer.wrap(input)).readAll())
                .isInstanceOf(AmfException.class)
                .hasMessageContaining("maxElements");
    }

    @Test
    void referencesToALargeValueCountItsBytesAgainstMaxStringBytes() {
        ByteBuffer b = ByteBuffer.allocate(2_000);
        b.put((byte) Amf0.STRICT_ARRAY).putInt(4);
        b.put((byte) Amf0.STRICT_ARRAY).putInt(1).put((byte) Amf0.STRING).putShort((short) 400).put(new byte[400]);
        for (int i = 0; i < 3; i++) {
            b.put((byte) Amf0.REFERENCE).putShort((short) 1);
        }
        byte[] input = java.util.Arrays.copyOf(b.array(), b.position());
        assertThatThrownBy(() -> new Amf0Reader(ByteBuffer.wrap(input), new AmfLimits(64, 1_000, 1_000)).readAll())
                .isInstanceOf(AmfException.class)
                .hasMessageContaining("maxStringBytes");
        assertThat(new Amf0Reader(ByteBuffer.wrap(input), new AmfLimits(64, 1_000, 2_000)).readAll()).hasSize(1);
    }

    @Test
    void aSharedValueWithinTheLimitsStillDecodesToTheSameInstance() {
        byte[] input = referenceDag(8);
        List<Object> values = new Amf0Reader(ByteBuffer.wrap(input)).readAll();
        List<?> outer = (List<?>) values.get(0);
        List<?> last = (List<?>) outer.get(7);
        assertThat(last.get(0)).isSameAs(last.get(1)).isSameAs(outer.get(6));
        byte[] encoded = new Amf0Writer().write(values.get(0)).toByteArray();
        assertThat(new Amf0Reader(ByteBuffer.wrap(encoded)).readAll()).hasSize(1);
    }
}
