package org.rtmp4j.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;

/**
 * Fuzzes {@link HttpRequestParser} (RFC 9112 §2-§7). The byte stream is parsed once whole and once in
 * random cuts (0 to 64 bytes); both must give the same events (body pieces merged) and the same
 * failure (status, offset, reason), since where reads are cut must not matter. The only failure
 * allowed is {@link HttpRequestException} with a status the parser documents and an offset inside
 * the input; a body never exceeds its {@code Content-Length}; heads respect the limits.
 *
 * <p>Input layout: byte 0 = cut seed; byte 1 = limits (even: defaults, odd: tiny limits so every
 * limit is reachable); the rest = the connection's bytes. Regression inputs:
 * {@code src/test/resources/org/rtmp4j/http/HttpRequestParserFuzzTestInputs/parse/}.
 */
class HttpRequestParserFuzzTest {
    private static final HttpLimits TINY = new HttpLimits(24, 3, 48, 6, Duration.ofSeconds(10));
    private static final Set<Integer> STATUSES = Set.of(400, 405, 414, 431, 505);

    @FuzzTest
    void parse(byte[] data) {
        if (data.length < 2) {
            return;
        }
        HttpLimits limits = (data[1] & 1) == 0 ? HttpLimits.defaults() : TINY;
        byte[] stream = Arrays.copyOfRange(data, 2, data.length);
        Parse.Result whole = Parse.run(new HttpRequestParser(limits), stream, Integer.MAX_VALUE, null);
        Parse.Result cut = Parse.run(new HttpRequestParser(limits), stream, 0, new Random(data[0]));
        assertThat(cut.events()).isEqualTo(whole.events());
        assertThat(message(cut.failure())).isEqualTo(message(whole.failure()));
        if (whole.failure() != null) {
            assertThat(whole.failure().status()).isIn(STATUSES);
            assertThat(whole.failure().offset()).isBetween(0L, (long) stream.length);
            assertThat(whole.failure().reason()).isNotBlank();
        }
        for (HttpRequestHead h : whole.heads()) {
            assertThat(h.headers().size()).isLessThanOrEqualTo(limits.maxHeaderCount());
            assertThat(h.target()).isNotEmpty();
        }
        long length = 0;
        for (String e : whole.events()) {
            if (e.startsWith("BODY ")) {
                assertThat((long) e.length() - 5).isLessThanOrEqualTo(length);
            } else if (!e.startsWith("END") && !e.equals("CLOSED")) {
                length = e.endsWith(" chunked") ? Long.MAX_VALUE : Long.parseLong(e.substring(e.lastIndexOf('=') + 1));
            }
        }
    }

    private static String message(HttpRequestException e) {
        return e == null ? null : e.getMessage();
    }
}
