package org.rtmp4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The request head deadline on a fake clock: it starts at the head's first byte and trickling never extends it. */
class HttpHeadDeadlineTest {
    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong now = new AtomicLong(5 * SECOND);
    private final HttpRequestParser parser = new HttpRequestParser(HttpLimits.defaults(), now::get);

    private HttpEvent feed(String s) {
        return parser.next(ByteBuffer.wrap(s.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void noDeadlineBeforeTheFirstByte() {
        now.addAndGet(60 * SECOND);
        assertThat(parser.headStartedNanos()).isEmpty();
        assertThatCode(parser::checkHeadDeadline).doesNotThrowAnyException();
    }

    @Test
    void tricklingBytesDoNotExtendTheDeadline() {
        String head = "GET /live/a.flv HTTP/1.1\r\nHost: h\r\n";
        long started = now.get();
        for (int i = 0; i < head.length(); i++) {
            assertThat(feed(head.substring(i, i + 1))).isSameAs(HttpEvent.NEED_DATA);
            assertThat(parser.headStartedNanos()).hasValue(started);
            parser.checkHeadDeadline();
            now.addAndGet(SECOND / 4); // one byte every 250 ms: 9.75 s for 39 bytes... still within 10 s
            if (now.get() - started >= 10 * SECOND) {
                break;
            }
        }
        now.set(started + 10 * SECOND - 1);
        parser.checkHeadDeadline();
        now.set(started + 10 * SECOND);
        assertThatThrownBy(parser::checkHeadDeadline)
                .isInstanceOfSatisfying(HttpRequestException.class, e -> {
                    assertThat(e.status()).isEqualTo(408);
                    assertThat(e.reason()).isEqualTo("request head not complete within 10000 ms");
                    assertThat(e.offset()).isEqualTo(parser.bytesConsumed());
                });
        assertThatThrownBy(() -> feed("\r\n")).isInstanceOf(HttpRequestException.class)
                .hasMessageContaining("status 408");
    }

    @Test
    void aCompleteHeadStopsTheClockAndTheNextHeadStartsItsOwn() {
        long first = now.get();
        feed("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n");
        now.addAndGet(9 * SECOND);
        assertThat(feed("\r\n")).isInstanceOf(HttpEvent.Request.class);
        assertThat(parser.headStartedNanos()).isEmpty();
        now.addAndGet(60 * SECOND); // a slow body is not the head deadline's business
        parser.checkHeadDeadline();
        assertThat(feed("x")).isInstanceOf(HttpEvent.Body.class);
        assertThat(feed("")).isInstanceOf(HttpEvent.EndOfRequest.class);
        assertThat(feed("GET / HTTP/1.1\r\n")).isSameAs(HttpEvent.PAUSED);
        now.addAndGet(30 * SECOND); // paused: the runtime is answering
        parser.checkHeadDeadline();
        parser.startNextRequest();
        long second = now.get();
        assertThat(second).isNotEqualTo(first);
        assertThat(feed("GET / HTTP/1.1\r\n")).isSameAs(HttpEvent.NEED_DATA);
        assertThat(parser.headStartedNanos()).hasValue(second);
        now.addAndGet(10 * SECOND);
        assertThatThrownBy(parser::checkHeadDeadline).isInstanceOf(HttpRequestException.class);
    }

    @Test
    void theDeadlineIsConfigurable() {
        HttpRequestParser p = new HttpRequestParser(
                new HttpLimits(8192, 100, 16384, 1024, Duration.ofMillis(1500)), now::get);
        p.next(ByteBuffer.wrap(new byte[] {'G'}));
        now.addAndGet(1499 * 1_000_000L);
        p.checkHeadDeadline();
        now.addAndGet(1_000_000L);
        assertThatThrownBy(p::checkHeadDeadline).hasMessage("status 408 at offset 1: request head not complete within 1500 ms");
    }
}
