package org.rtmp4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Fuzzes {@link WebSocketFrameDecoder} (RFC 6455 §5). The frame stream is decoded whole, in random
 * cuts into writable buffers (unmasked in place) and in random cuts into read-only buffers (copied);
 * all three must give the same events and the same failure. The only failure allowed is
 * {@link WebSocketException} with close code 1002, 1007 or 1009 and an offset inside the input.
 *
 * <p>Input layout: byte 0 = cut seed; byte 1 = the message size limit, from a table of 1, 10, 125,
 * 1000 and 1 MiB; the rest = the frames. Regression inputs:
 * {@code src/test/resources/org/rtmp4j/http/WebSocketFrameDecoderFuzzTestInputs/decode/}.
 */
class WebSocketFrameDecoderFuzzTest {
    private static final long[] MAX_MESSAGE = {1, 10, 125, 1000, 1 << 20};

    @FuzzTest
    void decode(byte[] data) {
        if (data.length < 2) {
            return;
        }
        long max = MAX_MESSAGE[(data[1] & 0xFF) % MAX_MESSAGE.length];
        byte[] stream = Arrays.copyOfRange(data, 2, data.length);
        List<String> whole = WebSocketFrameDecoderTest.decode(max, stream, null, false);
        assertThat(WebSocketFrameDecoderTest.decode(max, stream, new Random(data[0]), false)).isEqualTo(whole);
        assertThat(WebSocketFrameDecoderTest.decode(max, stream, new Random(data[0]), true)).isEqualTo(whole);
        for (String e : whole) {
            if (e.startsWith("FAIL ")) {
                assertThat(e.substring(5, 9)).isIn("1002", "1007", "1009");
                long offset = Long.parseLong(e.substring(10, e.indexOf(' ', 10)));
                assertThat(offset).isBetween(0L, (long) stream.length);
            }
            if (e.startsWith("TEXT ") || e.startsWith("BINARY ")) {
                assertThat((long) e.length() - e.indexOf(' ') - 1).isLessThanOrEqualTo(max);
            }
        }
    }
}
