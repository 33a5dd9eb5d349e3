package org.rtmp4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Requests the parser accepts (RFC 9112 §2-§7), each fed whole and cut into 1, 2 and 7 byte pieces. */
class HttpRequestParserTest {

    /** Parses with every cut size, asserts they agree and none failed, and returns the events. */
    private static List<String> accept(String raw) {
        Parse.Result whole = Parse.run(raw, Integer.MAX_VALUE);
        assertThat(whole.failure()).as("failure").isNull();
        for (int split : Parse.SPLITS) {
            Parse.Result r = Parse.run(raw, split);
            assertThat(r.events()).as("split " + split).isEqualTo(whole.events());
            assertThat(r.failure()).isNull();
        }
        return whole.events();
    }

    private static HttpRequestHead head(String raw) {
        return Parse.run(raw, Integer.MAX_VALUE).heads().get(0);
    }

    @Test
    void getOverHttp11IsKeepAliveWithoutBody() {
        assertThat(accept("GET /live/key.flv HTTP/1.1\r\nHost: example.com\r\n\r\n"))
                .containsExactly("GET /live/key.flv HTTP/1.1 keep-alive length=0", "END");
    }

    @Test
    void headerFieldsKeepOrderAndAreLookedUpIgnoringCase() {
        HttpRequestHead h = head("GET /a?x=1 HTTP/1.1\r\nHost: h\r\nX-One:  first \t\r\nx-one: second\r\n"
                + "Accept: */*\r\nX-Latin: caf\u00e9\r\n\r\n");
        assertThat(h.headers().first("X-ONE")).contains("first");
        assertThat(h.headers().all("x-one")).containsExactly("first", "second");
        assertThat(h.headers().first("x-latin")).contains("caf\u00e9");
        assertThat(h.headers().size()).isEqualTo(5);
        assertThat(h.path()).isEqualTo("/a");
        assertThat(h.hasBody()).isFalse();
    }

    @Test
    void everySupportedMethodIsAccepted() {
        assertThat(accept("HEAD / HTTP/1.1\r\nHost: h\r\n\r\n")).first().asString().startsWith("HEAD /");
        assertThat(accept("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n")).first().asString().startsWith("OPTIONS *");
        assertThat(accept("OPTIONS /live/a.flv HTTP/1.1\r\nHost: h\r\nOrigin: http://x\r\n\r\n")).hasSize(2);
        assertThat(accept("PUT /live/a.flv HTTP/1.1\r\nHost: h\r\nContent-Length: 0\r\n\r\n"))
                .containsExactly("PUT /live/a.flv HTTP/1.1 keep-alive length=0", "END");
    }

    @Test
    void absoluteFormTargetIsAccepted() {
        assertThat(head("GET http://example.com/live/a.flv HTTP/1.1\r\nHost: example.com\r\n\r\n").target())
                .isEqualTo("http://example.com/live/a.flv");
    }

    @Test
    void emptyLinesBeforeTheRequestLineAreIgnored() {
        assertThat(accept("\r\n\r\nGET / HTTP/1.1\r\nHost: h\r\n\r\n")).containsExactly("GET / HTTP/1.1 keep-alive length=0", "END");
    }

    @Test
    void http10ClosesUnlessItAsksForKeepAlive() {
        assertThat(accept("GET / HTTP/1.0\r\n\r\nGET /ignored HTTP/1.0\r\n\r\n"))
                .containsExactly("GET / HTTP/1.0 close length=0", "END", "CLOSED");
        assertThat(accept("GET /1 HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\nGET /2 HTTP/1.0\r\n\r\n")).containsExactly(
                "GET /1 HTTP/1.0 keep-alive length=0", "END", "GET /2 HTTP/1.0 close length=0", "END", "CLOSED");
    }

    @Test
    void connectionCloseEndsAnHttp11Connection() {
        assertThat(accept("GET / HTTP/1.1\r\nHost: h\r\nConnection: foo, close\r\n\r\nGET / HTTP/1.1\r\n"))
                .containsExactly("GET / HTTP/1.1 close length=0", "END", "CLOSED");
    }

    @Test
    void contentLengthBodyIsDelivered() {
        assertThat(accept("POST /in HTTP/1.1\r\nHost: h\r\nContent-Length: 11\r\n\r\nhello worldGET / HTTP/1.1\r\nHost: h\r\n\r\n"))
                .containsExactly("POST /in HTTP/1.1 keep-alive length=11", "BODY hello world", "END",
                        "GET / HTTP/1.1 keep-alive length=0", "END");
    }

    @Test
    void chunkedBodyWithExtensionsAndTrailersIsDecoded() {
        String raw = "POST /live/a.flv HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: Chunked\r\n\r\n"
                + "5\r\nhello\r\n"
                + "0006;name=value;flag\r\n world\r\n"
                + "A ; ext=\"quoted\"\r\n0123456789\r\n"
                + "0\r\nX-Checksum: 42\r\n\r\n";
        assertThat(accept(raw)).containsExactly("POST /live/a.flv HTTP/1.1 keep-alive chunked",
                "BODY hello world0123456789", "END [HttpHeader[name=X-Checksum, value=42]]");
    }

    @Test
    void chunkedBodyWithoutTrailersEnds() {
        assertThat(accept("PUT /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n"))
                .containsExactly("PUT /a HTTP/1.1 keep-alive chunked", "BODY abc", "END");
    }

    @Test
    void bodySlicesShareTheCallersBuffer() {
        byte[] raw = "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII);
        HttpRequestParser p = new HttpRequestParser(HttpLimits.defaults());
        ByteBuffer in = ByteBuffer.wrap(raw);
        assertThat(p.next(in)).isInstanceOf(HttpEvent.Request.class);
        ByteBuffer body = ((HttpEvent.Body) p.next(in)).data();
        raw[raw.length - 3] = 'X';
        assertThat(body.isReadOnly()).isTrue();
        assertThat(body.get(0)).as("a view, not a copy").isEqualTo((byte) 'X');
    }

    @Test
    void pipelinedRequestsWaitUntilTheRuntimeStartsTheNext() {
        String raw = "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\nHEAD /3 HTTP/1.1\r\nHost: h\r\n\r\n";
        HttpRequestParser p = new HttpRequestParser(HttpLimits.defaults());
        ByteBuffer in = ByteBuffer.wrap(raw.getBytes(StandardCharsets.US_ASCII));
        for (String target : List.of("/1", "/2", "/3")) {
            HttpEvent e = p.next(in);
            assertThat(((HttpEvent.Request) e).head().target()).isEqualTo(target);
            assertThat(p.next(in)).isInstanceOf(HttpEvent.EndOfRequest.class);
            int position = in.position();
            assertThat(p.next(in)).isSameAs(HttpEvent.PAUSED);
            assertThat(p.next(in)).isSameAs(HttpEvent.PAUSED);
            assertThat(in.position()).as("pipelined bytes stay unread").isEqualTo(position);
            assertThat(p.inRequest()).isFalse();
            p.startNextRequest();
        }
        assertThat(p.next(in)).isSameAs(HttpEvent.NEED_DATA);
        assertThat(p.bytesConsumed()).isEqualTo(raw.length());
    }

    @Test
    void startNextRequestOnlyWhenPaused() {
        HttpRequestParser p = new HttpRequestParser(HttpLimits.defaults());
        assertThatThrownBy(p::startNextRequest).isInstanceOf(IllegalStateException.class);
        p.next(ByteBuffer.wrap("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertThat(p.next(ByteBuffer.allocate(0))).isInstanceOf(HttpEvent.EndOfRequest.class);
        assertThat(p.next(ByteBuffer.allocate(0))).isSameAs(HttpEvent.CLOSED);
        assertThatThrownBy(p::startNextRequest).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void inRequestIsTrueFromTheFirstByteToTheEndOfTheBody() {
        HttpRequestParser p = new HttpRequestParser(HttpLimits.defaults());
        assertThat(p.inRequest()).isFalse();
        ByteBuffer in = ByteBuffer.wrap("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\na".getBytes(StandardCharsets.US_ASCII));
        in.limit(1);
        assertThat(p.next(in)).isSameAs(HttpEvent.NEED_DATA);
        assertThat(p.inRequest()).isTrue();
        in.limit(in.capacity());
        p.next(in);
        p.next(in);
        assertThat(p.next(in)).isSameAs(HttpEvent.NEED_DATA);
        assertThat(p.inRequest()).as("body incomplete").isTrue();
        assertThat(p.next(ByteBuffer.wrap(new byte[] {'b'}))).isInstanceOf(HttpEvent.Body.class);
        assertThat(p.next(ByteBuffer.allocate(0))).isInstanceOf(HttpEvent.EndOfRequest.class);
        assertThat(p.inRequest()).isFalse();
    }

    @Test
    void randomCutsGiveTheSameEventsAsWholeInput() {
        String raw = "GET /a.flv HTTP/1.1\r\nHost: h\r\n\r\n"
                + "POST /b.flv HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nFLV\u0001\r\n10\r\n0123456789abcdef\r\n0\r\n\r\n"
                + "PUT /c HTTP/1.1\r\nHost: h\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbody";
        byte[] data = raw.getBytes(StandardCharsets.ISO_8859_1);
        Parse.Result whole = Parse.run(raw, Integer.MAX_VALUE);
        assertThat(whole.events()).containsExactly("GET /a.flv HTTP/1.1 keep-alive length=0", "END",
                "POST /b.flv HTTP/1.1 keep-alive chunked", "BODY FLV\u00010123456789abcdef", "END",
                "PUT /c HTTP/1.1 close length=4", "BODY body", "END", "CLOSED");
        for (int seed = 0; seed < 50; seed++) {
            Parse.Result r = Parse.run(new HttpRequestParser(HttpLimits.defaults()), data, 0, new Random(seed));
            assertThat(r.events()).as("seed " + seed).isEqualTo(whole.events());
        }
    }

    @Test
    void limitsExactlyAtTheirMaximumAreAccepted() {
        HttpLimits limits = new HttpLimits(32, 3, 64, 8, HttpLimits.DEFAULT_HEAD_DEADLINE);
        String line = "GET /" + "a".repeat(32 - 14) + " HTTP/1.1"; // 32 bytes
        assertThat(line).hasSize(32);
        // 3 field lines, 64 bytes with CRLFs, and an 8-byte chunk line with extension
        String fields = "Host: h\r\nTransfer-Encoding: chunked\r\nX: " + "y".repeat(22) + "\r\n";
        assertThat(fields).hasSize(64);
        Parse.Result r = Parse.run(limits, line + "\r\n" + fields + "\r\n1;abcdef\r\nz\r\n0\r\n\r\n", 1);
        assertThat(r.failure()).isNull();
        assertThat(r.events()).contains("BODY z", "END");
    }
}
