package org.rtmp4j.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.rtmp4j.amf.AmfException;
import org.rtmp4j.amf.AmfLimits;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.chunk.RawMessage;

/**
 * Fuzzes {@link MessageCodec#decode(RawMessage, AmfLimits)} for every message type id (RTMP 1.0
 * §5.4, §6.2, §7.1), and {@link MessageCodec#splitAggregate} for aggregates (§7.1.6). Decoding may
 * fail only with {@link RtmpProtocolException}; it never moves the payload's position. A decoded
 * message encodes again (or, for AMF values with no AMF0 representation, fails with {@link
 * AmfException}), and its encoding decodes again.
 *
 * <p>Input layout: byte 0 = message type id, the rest = the body. Regression inputs:
 * {@code src/test/resources/org/rtmp4j/core/message/MessageCodecFuzzTestInputs/decode/}.
 */
class MessageCodecFuzzTest {
    static final AmfLimits LIMITS = new AmfLimits(16, 2_048, 4_096);

    @FuzzTest
    void decode(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int typeId = data[0] & 0xFF;
        ByteBuffer body = ByteBuffer.wrap(Arrays.copyOfRange(data, 1, data.length)).asReadOnlyBuffer();
        RawMessage raw = new RawMessage(typeId, 1000, 1, body);
        RtmpMessage message;
        try {
            message = MessageCodec.decode(raw, LIMITS);
        } catch (RtmpProtocolException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        } finally {
            assertThat(body.position()).isZero();
        }
        if (message instanceof AggregateMessage a) {
            try {
                assertThat(MessageCodec.splitAggregate(a, LIMITS)).doesNotContainNull();
            } catch (RtmpProtocolException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
        RawMessage encoded;
        try {
            encoded = MessageCodec.encode(message);
        } catch (AmfException notRepresentable) {
            return;
        }
        // an UnknownMessage keeps its raw form, whose type id the MessageType enum does not know
        assertThat(encoded.typeId()).isEqualTo(typeId);
        if (encoded.length() <= 64 * 1024) {
            // references are written out in full, so the encoding may need a larger budget
            MessageCodec.decode(encoded, new AmfLimits(64, 1 << 20, 1 << 20));
        }
    }
}
