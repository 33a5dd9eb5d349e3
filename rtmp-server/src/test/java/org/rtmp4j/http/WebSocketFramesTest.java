package org.rtmp4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Unmasked server frames (RFC 6455 §5.2, §5.5). */
class WebSocketFramesTest {
    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    @Test
    void headersUseTheMinimalLengthForm() {
        assertThat(bytes(WebSocketFrames.header(WebSocketOpcode.BINARY, true, 125))).containsExactly(0x82, 125);
        assertThat(bytes(WebSocketFrames.header(WebSocketOpcode.BINARY, true, 126))).containsExactly(0x82, 126, 0, 126);
        assertThat(bytes(WebSocketFrames.header(WebSocketOpcode.BINARY, false, 65535))).containsExactly(0x02, 126, 0xFF, 0xFF);
        assertThat(bytes(WebSocketFrames.header(WebSocketOpcode.CONTINUATION, true, 65536)))
                .containsExactly(0x80, 127, 0, 0, 0, 0, 0, 1, 0, 0);
        assertThatThrownBy(() -> WebSocketFrames.header(WebSocketOpcode.PING, true, 126)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebSocketFrames.header(WebSocketOpcode.CLOSE, false, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebSocketFrames.header(WebSocketOpcode.BINARY, true, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void binaryFrameSharesThePayload() {
        byte[] tag = new byte[300];
        ByteBuffer shared = ByteBuffer.wrap(tag).asReadOnlyBuffer();
        ByteBuffer[] frame = WebSocketFrames.binary(shared);
        assertThat(bytes(frame[0])).containsExactly(0x82, 126, 1, 44);
        frame[1].position(300);
        assertThat(shared.remaining()).isEqualTo(300);
        tag[5] = 9;
        assertThat(WebSocketFrames.binary(shared)[1].get(5)).isEqualTo((byte) 9);
    }

    @Test
    void controlFramesAreWholeAndUnmasked() {
        assertThat(bytes(WebSocketFrames.close(1000, ""))).containsExactly(0x88, 2, 0x03, 0xE8);
        assertThat(bytes(WebSocketFrames.close(1009, "big"))).containsExactly(0x88, 5, 0x03, 0xF1, 'b', 'i', 'g');
        ByteBuffer payload = ByteBuffer.wrap("abc".getBytes(StandardCharsets.US_ASCII));
        assertThat(bytes(WebSocketFrames.ping(payload))).containsExactly(0x89, 3, 'a', 'b', 'c');
        assertThat(bytes(WebSocketFrames.pong(payload))).containsExactly(0x8A, 3, 'a', 'b', 'c');
        assertThat(payload.remaining()).isEqualTo(3);
        assertThatThrownBy(() -> WebSocketFrames.close(1000, "x".repeat(124))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebSocketFrames.close(999, "")).isInstanceOf(IllegalArgumentException.class);
    }
}
