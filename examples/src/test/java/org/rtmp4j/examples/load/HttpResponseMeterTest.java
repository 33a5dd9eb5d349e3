package org.rtmp4j.examples.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpResponseMeterTest {
    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void twoResponsesInOneReadAreReadOneAfterTheOther() throws IOException {
        HttpResponseMeter meter = new HttpResponseMeter();
        ByteBuffer data = bytes("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc"
                + "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertThat(meter.feed(data)).isTrue();
        assertThat(meter.status()).isEqualTo(200);
        assertThat(meter.closeAfter()).isFalse();
        assertThat(data.position()).isEqualTo(41);
        assertThat(meter.feed(data)).isTrue();
        assertThat(meter.status()).isEqualTo(404);
        assertThat(meter.closeAfter()).isTrue();
        assertThat(data.hasRemaining()).isFalse();
    }

    @Test
    void aResponseSplitAcrossReadsCompletesOnItsLastByte() throws IOException {
        HttpResponseMeter meter = new HttpResponseMeter();
        String whole = "HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhello";
        for (int i = 0; i < whole.length() - 1; i++) {
            assertThat(meter.feed(bytes(whole.substring(i, i + 1)))).isFalse();
        }
        assertThat(meter.feed(bytes("o"))).isTrue();
    }

    @Test
    void chunkedOrLengthlessResponsesAreRefusedWithTheOffset() {
        assertThatThrownBy(() -> new HttpResponseMeter().feed(bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("chunked").hasMessageContaining("offset 0");
        assertThatThrownBy(() -> new HttpResponseMeter().feed(bytes("HTTP/1.1 200 OK\r\n\r\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("without Content-Length");
        assertThatThrownBy(() -> new HttpResponseMeter().feed(bytes("SIP/2.0 200 OK\r\n\r\n")))
                .isInstanceOf(IOException.class).hasMessageContaining("status line");
    }

    @Test
    void anEndlessHeadIsRefusedAtTheLimit() {
        ByteBuffer endless = ByteBuffer.allocate(HttpResponseMeter.MAX_HEAD_BYTES + 1);
        while (endless.hasRemaining()) {
            endless.put((byte) 'a');
        }
        endless.flip();
        assertThatThrownBy(() -> new HttpResponseMeter().feed(endless))
                .isInstanceOf(IOException.class).hasMessageContaining("over " + HttpResponseMeter.MAX_HEAD_BYTES);
    }
}
