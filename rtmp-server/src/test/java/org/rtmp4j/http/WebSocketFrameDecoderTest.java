package org.rtmp4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.rtmp4j.http.WsFrames.concat;
import static org.rtmp4j.http.WsFrames.frame;
import static org.rtmp4j.http.WsFrames.masked;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Client frames (RFC 6455 §5), each stream decoded whole, byte by byte and in random cuts. */
class WebSocketFrameDecoderTest {
    private static final int FIN = 0x80;
    private static final byte[] HELLO = "Hello".getBytes(StandardCharsets.US_ASCII);

    /** Events with data pieces of one message merged; "FAIL code@offset reason" at the end on error. */
    static List<String> decode(long maxMessageSize, byte[] stream, Random cuts, boolean readOnly) {
        byte[] data = stream.clone(); // unmasking is in place
        WebSocketFrameDecoder d = new WebSocketFrameDecoder(maxMessageSize);
        List<String> out = new ArrayList<>();
        StringBuilder message = new StringBuilder();
        int at = 0;
        int maxCut = data.length > 4096 ? 2048 : 9;
        try {
            while (at < data.length) {
                int n = cuts == null ? data.length - at : Math.min(data.length - at, cuts.nextInt(maxCut));
                ByteBuffer in = ByteBuffer.wrap(data, at, n);
                if (readOnly) {
                    in = in.asReadOnlyBuffer();
                }
                WebSocketEvent e;
                while ((e = d.next(in)) != WebSocketEvent.NEED_DATA) {
                    if (e instanceof WebSocketEvent.Data p) {
                        message.append(StandardCharsets.ISO_8859_1.decode(p.payload()));
                        if (p.messageEnd()) {
                            out.add(p.type() + " " + message);
                            message.setLength(0);
                        }
                    } else if (e instanceof WebSocketEvent.Ping p) {
                        out.add("PING " + StandardCharsets.ISO_8859_1.decode(p.payload()));
                    } else if (e instanceof WebSocketEvent.Pong p) {
                        out.add("PONG " + StandardCharsets.ISO_8859_1.decode(p.payload()));
                    } else if (e instanceof WebSocketEvent.Close c) {
                        out.add("CLOSE " + c.code() + " " + c.reason());
                    }
                }
                at += n;
                if (in.hasRemaining() || d.bytesConsumed() != at) { // plain check: AssertJ per cut is slow
                    throw new AssertionError("input not consumed at " + at);
                }
            }
        } catch (WebSocketException e) {
            out.add("FAIL " + e.closeCode() + "@" + e.offset() + " " + e.reason());
        }
        return out;
    }

    /** Decodes whole, then in random cuts of 0 to 8 bytes (to 2047 for long streams), writable and read-only, and checks they agree. */
    private static List<String> decode(long max, byte[]... frames) {
        byte[] stream = concat(frames);
        List<String> whole = decode(max, stream, null, false);
        for (int seed = 0; seed < 10; seed++) {
            assertThat(decode(max, stream, new Random(seed), false)).as("seed " + seed).isEqualTo(whole);
            assertThat(decode(max, stream, new Random(seed), true)).as("read-only, seed " + seed).isEqualTo(whole);
        }
        return whole;
    }

    private static List<String> decode(byte[]... frames) {
        return decode(WebSocketFrameDecoder.DEFAULT_MAX_MESSAGE_SIZE, frames);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'x');
        return b;
    }

    @Test
    void rfcExampleMaskedHello() {
        // RFC 6455 §5.7: a single-frame masked text message
        byte[] rfc = {(byte) 0x81, (byte) 0x85, 0x37, (byte) 0xfa, 0x21, 0x3d, 0x7f, (byte) 0x9f, 0x4d, 0x51, 0x58};
        assertThat(decode(rfc)).containsExactly("TEXT Hello");
    }

    @Test
    void fragmentedMessageWithAPingBetweenFragments() {
        assertThat(decode(masked(0x02, "Hel".getBytes(StandardCharsets.US_ASCII)), masked(FIN | 0x9, "p".getBytes()),
                masked(0x00, new byte[0]), masked(FIN, "lo".getBytes()), masked(FIN | 0xA, new byte[0])))
                .containsExactly("PING p", "BINARY Hello", "PONG ");
    }

    @Test
    void lengthForms7And16And64Bits() {
        assertThat(decode(masked(FIN | 0x2, bytes(125)), masked(FIN | 0x2, bytes(126)), masked(FIN | 0x2, bytes(65535)),
                masked(FIN | 0x2, bytes(65536)))).containsExactly("BINARY " + "x".repeat(125), "BINARY " + "x".repeat(126),
                "BINARY " + "x".repeat(65535), "BINARY " + "x".repeat(65536));
    }

    @Test
    void emptyBinaryMessage() {
        assertThat(decode(masked(FIN | 0x2, new byte[0]))).containsExactly("BINARY ");
    }

    @Test
    void payloadIsUnmaskedInPlaceAndHandedOutAsASlice() {
        byte[] frame = masked(FIN | 0x2, HELLO);
        ByteBuffer in = ByteBuffer.wrap(frame);
        WebSocketEvent.Data d = (WebSocketEvent.Data) new WebSocketFrameDecoder().next(in);
        assertThat(d.payload().hasArray()).isTrue();
        assertThat(d.payload().array()).as("no copy").isSameAs(frame);
        assertThat(Arrays.copyOfRange(frame, 6, 11)).isEqualTo(HELLO);
    }

    @Test
    void closeFrames() {
        byte[] body = concat(new byte[] {0x03, (byte) 0xE8}, "bye \u00e9".getBytes(StandardCharsets.UTF_8));
        assertThat(decode(masked(FIN | 0x8, body), masked(FIN | 0x2, HELLO))).as("bytes after Close are discarded")
                .containsExactly("CLOSE 1000 bye \u00e9");
        assertThat(decode(masked(FIN | 0x8, new byte[0]))).containsExactly("CLOSE 1005 ");
        assertThat(decode(masked(FIN | 0x8, new byte[] {0x0F, (byte) 0xA0}))).containsExactly("CLOSE 4000 ");
    }

    @Test
    void protocolErrorsClose1002AtTheFrameStart() {
        byte[] ok = masked(FIN | 0x2, HELLO); // 11 bytes: errors in the next frame are at offset 11
        assertThat(decode(ok, frame(FIN | 0x2, false, 0, 5, HELLO))).containsExactly("BINARY Hello", "FAIL 1002@11 client frame not masked");
        assertThat(decode(ok, masked(FIN | 0x40 | 0x2, HELLO))).endsWith("FAIL 1002@11 reserved bits set without a negotiated extension");
        assertThat(decode(ok, masked(FIN | 0x10 | 0x2, HELLO))).endsWith("FAIL 1002@11 reserved bits set without a negotiated extension");
        assertThat(decode(ok, masked(FIN | 0x3, HELLO))).endsWith("FAIL 1002@11 reserved opcode 0x3");
        assertThat(decode(ok, masked(FIN | 0xB, HELLO))).endsWith("FAIL 1002@11 reserved opcode 0xb");
        assertThat(decode(ok, masked(FIN | 0x9, bytes(126)))).endsWith("FAIL 1002@11 control frame longer than 125 bytes");
        assertThat(decode(ok, masked(0x9, HELLO))).endsWith("FAIL 1002@11 fragmented control frame");
        assertThat(decode(ok, masked(FIN, HELLO))).endsWith("FAIL 1002@11 continuation frame without a message in progress");
        assertThat(decode(ok, masked(0x1, HELLO), masked(FIN | 0x2, HELLO))).endsWith("FAIL 1002@22 new data frame inside a fragmented message");
        assertThat(decode(ok, frame(FIN | 0x2, true, 2, 125, bytes(125)))).endsWith("FAIL 1002@11 16-bit length 125 not minimal");
        assertThat(decode(ok, frame(FIN | 0x2, true, 8, 65535, bytes(65535)))).endsWith("FAIL 1002@11 64-bit length 65535 not minimal");
        assertThat(decode(ok, frame(FIN | 0x2, true, 8, Long.MIN_VALUE + 5, HELLO)))
                .endsWith("FAIL 1002@11 64-bit length with the most significant bit set");
        assertThat(decode(ok, masked(FIN | 0x8, new byte[] {3}))).endsWith("FAIL 1002@11 close frame with a 1-byte body");
        for (int code : new int[] {999, 1004, 1005, 1006, 1015, 2999, 5000}) {
            assertThat(decode(ok, masked(FIN | 0x8, new byte[] {(byte) (code >> 8), (byte) code})))
                    .endsWith("FAIL 1002@11 close code " + code + " may not be sent");
        }
    }

    @Test
    void invalidUtf8InACloseReasonIs1007() {
        assertThat(decode(masked(FIN | 0x8, new byte[] {0x03, (byte) 0xE8, (byte) 0xC3, 0x28})))
                .containsExactly("FAIL 1007@0 close reason is not UTF-8");
    }

    @Test
    void messageSizeLimitCountsEveryFragment() {
        assertThat(decode(10, masked(FIN | 0x2, bytes(10)))).containsExactly("BINARY xxxxxxxxxx");
        assertThat(decode(10, masked(FIN | 0x2, bytes(11)))).containsExactly("FAIL 1009@0 message larger than 10 bytes");
        assertThat(decode(10, masked(0x2, bytes(6)), masked(FIN | 0x9, bytes(100)), masked(FIN, bytes(5))))
                .containsExactly("PING " + "x".repeat(100), "FAIL 1009@118 message larger than 10 bytes");
        assertThat(decode(10, masked(FIN | 0x2, bytes(6)), masked(FIN | 0x2, bytes(6))))
                .as("the count restarts per message").containsExactly("BINARY xxxxxx", "BINARY xxxxxx");
        assertThat(decode(10, frame(FIN | 0x2, true, 8, Long.MAX_VALUE, new byte[0])))
                .containsExactly("FAIL 1009@0 message larger than 10 bytes");
    }

    @Test
    void aFailedDecoderFailsEveryLaterCall() {
        WebSocketFrameDecoder d = new WebSocketFrameDecoder();
        WebSocketException first = org.junit.jupiter.api.Assertions.assertThrows(WebSocketException.class,
                () -> d.next(ByteBuffer.wrap(frame(FIN | 0x2, false, 0, 0, new byte[0]))));
        org.junit.jupiter.api.Assertions.assertSame(first, org.junit.jupiter.api.Assertions.assertThrows(
                WebSocketException.class, () -> d.next(ByteBuffer.wrap(masked(FIN | 0x2, HELLO)))));
    }
}
