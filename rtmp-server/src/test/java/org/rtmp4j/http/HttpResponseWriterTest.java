package org.rtmp4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Response heads (RFC 9112 §4, §5) and chunked framing (RFC 9112 §7.1) byte for byte. */
class HttpResponseWriterTest {
    private static String text(ByteBuffer b) {
        return StandardCharsets.ISO_8859_1.decode(b.duplicate()).toString();
    }

    @Test
    void headIsStatusLineFieldsAndEmptyLine() {
        ByteBuffer b = HttpResponseWriter.head(HttpVersion.HTTP_1_1, 200, HttpHeaders.of(
                "Content-Type", "video/x-flv", "Transfer-Encoding", "chunked", "Access-Control-Allow-Origin", "*"));
        assertThat(b.position()).isZero();
        assertThat(text(b)).isEqualTo("HTTP/1.1 200 OK\r\nContent-Type: video/x-flv\r\nTransfer-Encoding: chunked\r\n"
                + "Access-Control-Allow-Origin: *\r\n\r\n");
        assertThat(text(HttpResponseWriter.head(HttpVersion.HTTP_1_0, 404, HttpHeaders.EMPTY)))
                .isEqualTo("HTTP/1.0 404 Not Found\r\n\r\n");
        assertThat(text(HttpResponseWriter.head(HttpVersion.HTTP_1_1, 431, HttpHeaders.EMPTY)))
                .isEqualTo("HTTP/1.1 431 Request Header Fields Too Large\r\n\r\n");
        assertThat(text(HttpResponseWriter.head(HttpVersion.HTTP_1_1, 599, HttpHeaders.EMPTY)))
                .as("unknown code: empty reason phrase").isEqualTo("HTTP/1.1 599 \r\n\r\n");
    }

    @Test
    void aValueCannotSplitTheResponse() {
        assertThatThrownBy(() -> HttpResponseWriter.head(HttpVersion.HTTP_1_1, 200, HttpHeaders.of("X", "a\r\nSet-Cookie: x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpResponseWriter.head(HttpVersion.HTTP_1_1, 200, HttpHeaders.of("X Y", "a")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpResponseWriter.head(HttpVersion.HTTP_1_1, 200, "O\nK", HttpHeaders.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpResponseWriter.head(HttpVersion.HTTP_1_1, 99, HttpHeaders.EMPTY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpResponseWriter.head(HttpVersion.HTTP_1_1, 200, HttpHeaders.of("X", "\u20ac")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aChunkIsSizeLineSharedDataAndCrlf() {
        byte[] tag = new byte[300];
        ByteBuffer shared = ByteBuffer.wrap(tag).asReadOnlyBuffer();
        ByteBuffer[] one = HttpChunkedFraming.chunk(shared);
        ByteBuffer[] two = HttpChunkedFraming.chunk(shared);
        assertThat(text(one[0])).isEqualTo("12c\r\n");
        assertThat(text(one[2])).isEqualTo("\r\n");
        one[1].position(300);
        assertThat(two[1].remaining()).as("each player gets its own view").isEqualTo(300);
        assertThat(shared.remaining()).isEqualTo(300);
        tag[0] = 7;
        assertThat(two[1].get(0)).as("the data is not copied").isEqualTo((byte) 7);
        one[2].get();
        assertThat(HttpChunkedFraming.crlf().remaining()).isEqualTo(2);
        assertThat(text(HttpChunkedFraming.lastChunk())).isEqualTo("0\r\n\r\n");
        assertThat(text(HttpChunkedFraming.chunkHeader(0x7fffffffL))).isEqualTo("7fffffff\r\n");
        assertThatThrownBy(() -> HttpChunkedFraming.chunkHeader(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HttpChunkedFraming.chunk(ByteBuffer.allocate(0))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void framedChunksParseBackToTheSameBody() {
        ByteBuffer head = ByteBuffer.wrap("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        ByteBuffer wire = ByteBuffer.allocate(200).put(head);
        for (String piece : new String[] {"FLV", "x".repeat(17), "end"}) {
            for (ByteBuffer b : HttpChunkedFraming.chunk(ByteBuffer.wrap(piece.getBytes(StandardCharsets.US_ASCII)))) {
                wire.put(b);
            }
        }
        wire.put(HttpChunkedFraming.lastChunk()).flip();
        Parse.Result r = Parse.run(new HttpRequestParser(HttpLimits.defaults()),
                java.util.Arrays.copyOf(wire.array(), wire.limit()), 1, null);
        assertThat(r.events()).containsExactly("POST / HTTP/1.1 keep-alive chunked", "BODY FLV" + "x".repeat(17) + "end", "END");
    }
}
