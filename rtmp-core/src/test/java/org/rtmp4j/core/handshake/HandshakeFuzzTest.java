package org.rtmp4j.core.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Random;

/**
 * Fuzzes the server side of {@link Handshake} (RTMP 1.0 §5.2, with FP9 digest detection) fed
 * arbitrary bytes in arbitrary splits. The only failure allowed is {@link HandshakeException},
 * and only for a C0 version other than 3; after C0+C1 (1537 bytes) it answers S0+S1+S2 (3073
 * bytes), after C2 (1536 more) it is complete, and bytes after C2 stay unconsumed. A client fed
 * arbitrary S0+S1+S2 fails only with {@link HandshakeException} too.
 *
 * <p>Input layout: byte 0 = split seed, the rest = what the peer sends. Regression inputs:
 * {@code src/test/resources/org/rtmp4j/core/handshake/HandshakeFuzzTestInputs/server/}.
 */
class HandshakeFuzzTest {
    private static final int C0_C1 = 1537;
    private static final int C2 = 1536;

    @FuzzTest
    void server(byte[] data) {
        if (data.length == 0) {
            return;
        }
        Random splits = new Random(data[0] & 0xFF);
        Handshake server = Handshake.server(HandshakeOptions.deterministic(7));
        int sent = 0;
        int at = 1;
        try {
            while (at < data.length) {
                int n = Math.min(data.length - at, 1 + splits.nextInt(1600));
                ByteBuffer in = ByteBuffer.wrap(data, at, n);
                Handshake.Step step = server.process(in);
                sent += step.toSend().remaining();
                at = in.position();
                long fed = at - 1;
                assertThat(sent).isEqualTo(fed >= C0_C1 ? 3073 : 0);
                assertThat(step.complete()).isEqualTo(fed >= C0_C1 + C2);
                if (step.complete()) {
                    assertThat(fed).isEqualTo(C0_C1 + C2);
                    break;
                }
                assertThat(in.hasRemaining()).isFalse();
            }
        } catch (HandshakeException e) {
            assertThat(data[1]).isNotEqualTo((byte) Handshake.RTMP_VERSION);
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        if (data.length > 1 + C0_C1) {
            // a client that reads the same bytes as S0+S1+S2 also fails only with HandshakeException
            for (boolean digest : new boolean[] {false, true}) {
                Handshake client = Handshake.client(digest, HandshakeOptions.deterministic(3));
                client.start();
                try {
                    client.process(ByteBuffer.wrap(data, 1, data.length - 1));
                } catch (HandshakeException expected) {
                    assertThat(expected.getMessage()).isNotBlank();
                }
            }
        }
    }
}
