package org.rtmp4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every way the parser refuses a request, with status, reason and byte offset; each input is fed
 * whole and in 1, 2 and 7 byte pieces, which must fail identically. In the inputs {@code §} marks the
 * byte the error must point at and is removed before parsing.
 */
class HttpRequestRejectTest {
    private static final String POST = "POST /live/a.flv HTTP/1.1\r\nHost: h\r\n";
    private static final String CHUNKED = POST + "Transfer-Encoding: chunked\r\n\r\n";

    static Stream<Arguments> rejects() {
        return Stream.of(
                // framing (RFC 9112 §6.1, §6.3; RFC 9110 §8.6)
                reject(POST + "Content-Length: 3\r\n§Transfer-Encoding: chunked\r\n\r\nabc", 400, "both Content-Length and Transfer-Encoding"),
                reject(POST + "Transfer-Encoding: chunked\r\n§Content-Length: 3\r\n\r\nabc", 400, "both Content-Length and Transfer-Encoding"),
                reject(POST + "§Transfer-Encoding: gzip\r\n\r\n", 400, "Transfer-Encoding other than chunked"),
                reject(POST + "§Transfer-Encoding: gzip, chunked\r\n\r\n", 400, "Transfer-Encoding other than chunked"),
                reject(POST + "§Transfer-Encoding: chunked, chunked\r\n\r\n", 400, "Transfer-Encoding other than chunked"),
                reject(POST + "Transfer-Encoding: chunked\r\n§Transfer-Encoding: chunked\r\n\r\n", 400, "more than one Transfer-Encoding"),
                reject("POST / HTTP/1.0\r\n§Transfer-Encoding: chunked\r\n\r\n", 400, "Transfer-Encoding in an HTTP/1.0 request"),
                reject(POST + "Content-Length: 3\r\n§Content-Length: 3\r\n\r\nabc", 400, "more than one Content-Length"),
                reject(POST + "Content-Length: 3\r\n§content-length: 4\r\n\r\nabcd", 400, "more than one Content-Length"),
                reject(POST + "§Content-Length: 3, 3\r\n\r\nabc", 400, "Content-Length is not a decimal number"),
                reject(POST + "§Content-Length: +3\r\n\r\nabc", 400, "Content-Length is not a decimal number"),
                reject(POST + "§Content-Length: -1\r\n\r\n", 400, "Content-Length is not a decimal number"),
                reject(POST + "§Content-Length: 0x10\r\n\r\n", 400, "Content-Length is not a decimal number"),
                reject(POST + "§Content-Length:\r\n\r\n", 400, "empty Content-Length"),
                reject(POST + "§Content-Length: 1234567890123456789\r\n\r\n", 400, "Content-Length overflow"),
                // field lines (RFC 9112 §5, §2.2; RFC 9110 §5.5)
                reject(POST + "X-A: a\r\n§ folded\r\n\r\n", 400, "obsolete line folding"),
                reject(POST + "X-A: a\r\n§\tfolded\r\n\r\n", 400, "obsolete line folding"),
                reject("GET / HTTP/1.1\r\n§ Host: h\r\n\r\n", 400, "whitespace before the first field line"),
                reject(POST + "X-A§ : a\r\n\r\n", 400, "whitespace between field name and colon"),
                reject(POST + "X-A§\t: a\r\n\r\n", 400, "whitespace between field name and colon"),
                reject(POST + "X§(A: a\r\n\r\n", 400, "invalid character in field name"),
                reject(POST + "X§ A: a\r\n\r\n", 400, "invalid character in field name"),
                reject(POST + "§: a\r\n\r\n", 400, "empty field name"),
                reject(POST + "§NoColon\r\n\r\n", 400, "field line without a colon"),
                reject(POST + "X-A: a§\u0001b\r\n\r\n", 400, "control character in field value"),
                reject(POST + "X-A: a§\u007fb\r\n\r\n", 400, "control character in field value"),
                reject(POST + "X-A: a§\u0000\r\n\r\n", 400, "control character in field value"),
                reject(POST + "X-A: a§\rb\r\n\r\n", 400, "bare CR in field value"),
                // line ends (RFC 9112 §2.2): bare LF refused
                reject("GET / HTTP/1.1§\nHost: h\r\n\r\n", 400, "bare LF"),
                reject("GET / HTTP/1.1\r\nHost: h§\n\r\n", 400, "bare LF"),
                reject("GET / HTTP/1.1\r\nHost: h\r\n§\n", 400, "bare LF"),
                reject("§\nGET / HTTP/1.1\r\nHost: h\r\n\r\n", 400, "bare LF"),
                // Host (RFC 9112 §3.2)
                reject("GET / HTTP/1.1\r\nAccept: */*\r\n\r\n§", 400, "HTTP/1.1 request without Host"),
                reject("GET / HTTP/1.1\r\nHost: a\r\n§Host: b\r\n\r\n", 400, "more than one Host"),
                reject("GET / HTTP/1.0\r\nHost: a\r\n§host: a\r\n\r\n", 400, "more than one Host"),
                reject("GET / HTTP/1.1\r\n§Host: a b\r\n\r\n", 400, "invalid Host value"),
                reject("GET / HTTP/1.1\r\n§Host: a/b\r\n\r\n", 400, "invalid Host value"),
                // request line (RFC 9112 §3)
                reject("§PATCH / HTTP/1.1\r\nHost: h\r\n\r\n", 405, "method PATCH not allowed"),
                reject("§CONNECT h:443 HTTP/1.1\r\nHost: h\r\n\r\n", 405, "method CONNECT not allowed"),
                reject("§get / HTTP/1.1\r\nHost: h\r\n\r\n", 405, "method get not allowed"),
                reject("GE§(T / HTTP/1.1\r\nHost: h\r\n\r\n", 400, "invalid character in method"),
                reject("GET / §HTTP/2.0\r\nHost: h\r\n\r\n", 505, "HTTP/2.0 not supported"),
                reject("GET / §HTTP/0.9\r\n\r\n", 505, "HTTP/0.9 not supported"),
                reject("GET / §HTTP/1.1x\r\nHost: h\r\n\r\n", 400, "malformed HTTP-version"),
                reject("GET / §http/1.1\r\nHost: h\r\n\r\n", 400, "malformed HTTP-version"),
                reject("§GET  / HTTP/1.1\r\nHost: h\r\n\r\n", 400, "request line is not method SP target SP version"),
                reject("§GET / HTTP/1.1 \r\nHost: h\r\n\r\n", 400, "request line is not method SP target SP version"),
                reject("§GET /\r\n\r\n", 400, "request line is not method SP target SP version"),
                reject("GET /a§\u0001 HTTP/1.1\r\nHost: h\r\n\r\n", 400, "invalid character in request-target"),
                reject("GET /a§\rb HTTP/1.1\r\nHost: h\r\n\r\n", 400, "invalid character in request-target"),
                reject("GET /caf§\u00e9 HTTP/1.1\r\nHost: h\r\n\r\n", 400, "invalid character in request-target"),
                reject("GET §* HTTP/1.1\r\nHost: h\r\n\r\n", 400, "asterisk-form target is only for OPTIONS"),
                reject("GET §live/a.flv HTTP/1.1\r\nHost: h\r\n\r\n", 400, "not origin-form, absolute-form or *"),
                reject("GET §ftp://h/a HTTP/1.1\r\nHost: h\r\n\r\n", 400, "not origin-form, absolute-form or *"),
                // chunked body (RFC 9112 §7.1)
                reject(CHUNKED + "§zz\r\n", 400, "chunk size is not a hex number"),
                reject(CHUNKED + "§\r\n", 400, "chunk size is not a hex number"),
                reject(CHUNKED + "§-5\r\n", 400, "chunk size is not a hex number"),
                reject(CHUNKED + "5§x\r\nhello\r\n", 400, "chunk size is not a hex number"),
                reject(CHUNKED + "5§ \r\nhello\r\n", 400, "whitespace after chunk size without extension"),
                reject(CHUNKED + "5;a§\u0001\r\nhello\r\n", 400, "control character in chunk extension"),
                reject(CHUNKED + "100000000000000§0\r\n", 400, "chunk size overflow"),
                reject(CHUNKED + "5§\nhello\r\n", 400, "bare LF"),
                reject(CHUNKED + "5\r\nhello§X\r\n", 400, "missing CRLF after chunk data"),
                reject(CHUNKED + "5\r\nhello\r§X", 400, "missing CRLF after chunk data"),
                reject(CHUNKED + "5\r\nhello§\n", 400, "missing CRLF after chunk data"),
                reject(CHUNKED + "1;" + "a".repeat(1022) + "§a\r\n", 400, "chunk-size line longer than 1024 bytes"),
                reject(CHUNKED + "0\r\nX§ : a\r\n\r\n", 400, "whitespace between field name and colon"),
                reject(CHUNKED + "0\r\nT: v\r\n§ fold\r\n\r\n", 400, "obsolete line folding"),
                // limits (414, 431)
                reject("GET /" + "a".repeat(8192 - 5) + "§a", 414, "request line longer than 8192 bytes"),
                reject("GET /" + "a".repeat(8192 - 5 - 9) + " HTTP/1.1§X\r\n", 414, "request line longer than 8192 bytes"),
                reject("GET / HTTP/1.1\r\nHost: h\r\n" + "X: y\r\n".repeat(99) + "§X: y\r\n\r\n", 431, "more than 100 field lines"),
                reject("GET / HTTP/1.1\r\nHost: h\r\nX: " + "y".repeat(16373 - 3) + "§y", 431, "field section larger than 16384 bytes"),
                reject("GET / HTTP/1.1\r\nHost: h\r\n" + "X: " + "y".repeat(16384 - 9 - 7) + "\r\n§Y\r\n\r\n", 431,
                        "field section larger than 16384 bytes"),
                reject(CHUNKED + "0\r\n" + "T: v\r\n".repeat(100) + "§T: v\r\n\r\n", 431, "more than 100 field lines"));
    }

    private static Arguments reject(String marked, int status, String reason) {
        int at = marked.indexOf('\u00a7');
        assertThat(at).as("marker in " + marked).isNotNegative();
        String raw = marked.substring(0, at) + marked.substring(at + 1);
        String name = status + " " + reason + ": " + (raw.length() > 70 ? raw.substring(0, 70) + "..." : raw);
        return Arguments.of(name.replace("\r", "\\r").replace("\n", "\\n"), raw, status, reason, at);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejects")
    void refusedWithStatusReasonAndOffset(String name, String raw, int status, String reason, int offset) {
        for (int split : Parse.SPLITS) {
            HttpRequestException e = Parse.run(raw, split).failure();
            assertThat(e).as("split " + split).isNotNull();
            assertThat(e.status()).as("status, split " + split + ": " + e.getMessage()).isEqualTo(status);
            assertThat(e.reason()).as("reason, split " + split).contains(reason);
            assertThat(e.offset()).as("offset, split " + split + ": " + e.getMessage()).isEqualTo(offset);
        }
    }

    @Test
    void aFailedParserFailsEveryLaterCallTheSameWay() {
        HttpRequestParser p = new HttpRequestParser(HttpLimits.defaults());
        ByteBuffer in = ByteBuffer.wrap("BREW /pot HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
        HttpRequestException first = org.junit.jupiter.api.Assertions.assertThrows(HttpRequestException.class, () -> p.next(in));
        assertThat(first.getMessage()).isEqualTo("status 405 at offset 0: method BREW not allowed");
        assertThatThrownBy(() -> p.next(ByteBuffer.wrap("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII))))
                .isSameAs(first);
    }

    @Test
    void smallerLimitsAreEnforcedOneByteAboveTheirMaximum() {
        HttpLimits limits = new HttpLimits(32, 3, 64, 8, HttpLimits.DEFAULT_HEAD_DEADLINE);
        String line = "GET /" + "a".repeat(18) + " HTTP/1.1"; // 32 bytes
        assertThat(Parse.run(limits, line.replace("GET /", "GET /a") + "\r\n", 1).failure().status()).isEqualTo(414);
        String fields = "Host: h\r\nTransfer-Encoding: chunked\r\nX: " + "y".repeat(22) + "\r\n"; // 64 bytes
        assertThat(Parse.run(limits, line + "\r\n" + fields.replace("X: ", "X: y") + "\r\n", 1).failure().status())
                .isEqualTo(431);
        assertThat(Parse.run(limits, line + "\r\nHost: h\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", 1).failure().status())
                .isEqualTo(431);
        HttpRequestException e = Parse.run(limits, line + "\r\n" + fields + "\r\n1;abcdefg\r\nz\r\n0\r\n\r\n", 1).failure();
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.reason()).isEqualTo("chunk-size line longer than 8 bytes");
    }
}
