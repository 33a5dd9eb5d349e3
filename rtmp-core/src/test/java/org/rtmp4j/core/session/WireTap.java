package org.rtmp4j.core.session;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.rtmp4j.core.chunk.ChunkDecoder;
import org.rtmp4j.core.chunk.ChunkLimits;
import org.rtmp4j.core.message.MessageCodec;
import org.rtmp4j.core.message.RtmpMessage;

/** Decodes everything one side of an {@link RtmpPair} wrote, independently of the peer engine. */
final class WireTap {
    /** C0+C1+C2 or S0+S1+S2: 1 + 1536 + 1536 bytes (RTMP 1.0 §5.2). */
    static final int HANDSHAKE_BYTES = 1 + 1536 + 1536;

    private WireTap() {}

    /** @return the messages in {@code transport}'s history after the handshake */
    static List<RtmpMessage> messages(InMemoryTransport transport) {
        byte[] all = transport.history();
        List<RtmpMessage> out = new ArrayList<>();
        if (all.length <= HANDSHAKE_BYTES) {
            return out;
        }
        ByteBuffer in = ByteBuffer.wrap(all, HANDSHAKE_BYTES, all.length - HANDSHAKE_BYTES);
        new ChunkDecoder(ChunkLimits.DEFAULT).decode(in, raw -> out.add(MessageCodec.decode(raw)));
        return out;
    }

    /** @return the messages of type {@code type} */
    static <T> List<T> messages(InMemoryTransport transport, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (RtmpMessage m : messages(transport)) {
            if (type.isInstance(m)) {
                out.add(type.cast(m));
            }
        }
        return out;
    }
}
