package org.rtmp4j.flv.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Random;
import org.rtmp4j.flv.FlvFormatException;

/** Shared helpers for the codec record tests. */
final class CodecTestSupport {
    private CodecTestSupport() {}

    /** A parser under test. */
    interface Parser {
        Object parse(ByteBuffer b) throws FlvFormatException;
    }

    static ByteBuffer hex(String hex) {
        String h = hex.replace(" ", "");
        byte[] b = new byte[h.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(h.substring(2 * i, 2 * i + 2), 16);
        }
        return ByteBuffer.wrap(b);
    }

    /** Packs (bit count, value) pairs MSB first, zero-padded to a byte boundary. */
    static ByteBuffer bits(long... countValuePairs) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < countValuePairs.length; i += 2) {
            int n = (int) countValuePairs[i];
            long v = countValuePairs[i + 1];
            for (int k = n - 1; k >= 0; k--) {
                s.append((v >>> k) & 1);
            }
        }
        while (s.length() % 8 != 0) {
            s.append('0');
        }
        byte[] b = new byte[s.length() / 8];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(8 * i, 8 * i + 8), 2);
        }
        return ByteBuffer.wrap(b);
    }

    /**
     * Every proper prefix, and many randomly corrupted copies, either parse or raise
     * FlvFormatException with a non-negative offset: never another exception.
     */
    static void assertOnlyFormatExceptions(ByteBuffer valid, Parser parser, boolean prefixesFail) {
        byte[] bytes = new byte[valid.remaining()];
        valid.duplicate().get(bytes);
        for (int len = 0; len < bytes.length; len++) {
            ByteBuffer prefix = ByteBuffer.wrap(bytes, 0, len).slice();
            try {
                parser.parse(prefix);
                assertThat(prefixesFail).as("prefix of %d bytes parsed", len).isFalse();
            } catch (FlvFormatException e) {
                assertThat(e.offset()).isBetween(-1L, (long) len);
            }
            assertThat(prefix.position()).isZero();
        }
        Random random = new Random(bytes.length);
        for (int round = 0; round < 2000; round++) {
            byte[] copy = bytes.clone();
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
            }
            try {
                parser.parse(ByteBuffer.wrap(copy));
            } catch (FlvFormatException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }
}
