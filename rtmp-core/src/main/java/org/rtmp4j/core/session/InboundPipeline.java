package org.rtmp4j.core.session;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.rtmp4j.amf.AmfLimits;
import org.rtmp4j.core.chunk.ChunkDecoder;
import org.rtmp4j.core.chunk.ChunkLimits;
import org.rtmp4j.core.handshake.Handshake;
import org.rtmp4j.core.message.Acknowledgement;
import org.rtmp4j.core.message.MessageCodec;
import org.rtmp4j.core.message.RtmpMessage;

/**
 * The inbound half of an engine: handshake, then chunk decoding, then message decoding; counts
 * received bytes and sends Acknowledgements against the peer's window (RTMP 1.0 §5.4.3). Not
 * thread-safe: connection thread only.
 *
 * <p>Bytes are counted from the first handshake byte (as librtmp does); an Acknowledgement carries
 * that total modulo 2^32 and is sent whenever the bytes since the last one reach the peer's
 * announced Window Acknowledgement Size.
 */
final class InboundPipeline {
    private final Handshake handshake;
    private final ChunkDecoder decoder;
    private final AmfLimits amfLimits;
    private final OutboundWriter writer;
    private final Runnable onHandshakeComplete;
    private final Consumer<RtmpMessage> onMessage;
    private final Consumer<org.rtmp4j.core.chunk.RawMessage> rawSink;
    private ByteBuffer handshakePending;
    private boolean handshakeDone;
    private long received;
    private long receivedAtLastAck;
    private long peerWindowAckSize;

    InboundPipeline(
            Handshake handshake,
            ChunkLimits chunkLimits,
            AmfLimits amfLimits,
            OutboundWriter writer,
            Runnable onHandshakeComplete,
            Consumer<RtmpMessage> onMessage) {
        this.handshake = handshake;
        this.decoder = new ChunkDecoder(chunkLimits);
        this.amfLimits = amfLimits;
        this.writer = writer;
        this.onHandshakeComplete = onHandshakeComplete;
        this.onMessage = onMessage;
        this.rawSink = raw -> this.onMessage.accept(MessageCodec.decode(raw, this.amfLimits));
    }

    /** Consumes all of {@code in}. @throws org.rtmp4j.core.RtmpProtocolException on bad input */
    void onBytes(ByteBuffer in) {
        received += in.remaining();
        if (!handshakeDone) {
            in = feedHandshake(in);
            if (in == null) {
                return;
            }
        }
        if (in.hasRemaining()) {
            decoder.decode(in, rawSink);
        }
        maybeAcknowledge();
    }

    private ByteBuffer feedHandshake(ByteBuffer in) {
        ByteBuffer src = in;
        if (handshakePending != null) {
            src = ByteBuffer.allocate(handshakePending.remaining() + in.remaining());
            src.put(handshakePending).put(in).flip();
            handshakePending = null;
        }
        Handshake.Step step = handshake.process(src);
        writer.writeRaw(step.toSend());
        if (!step.complete()) {
            if (src.hasRemaining()) {
                // The handshake left a partial packet in the buffer: keep it for the next call.
                handshakePending = ByteBuffer.allocate(src.remaining()).put(src).flip();
            }
            maybeAcknowledge();
            return null;
        }
        handshakeDone = true;
        onHandshakeComplete.run();
        return src;
    }

    private void maybeAcknowledge() {
        if (peerWindowAckSize > 0 && received - receivedAtLastAck >= peerWindowAckSize) {
            receivedAtLastAck = received;
            writer.write(new Acknowledgement(received & 0xFFFFFFFFL));
        }
    }

    boolean handshakeDone() {
        return handshakeDone;
    }

    /** Records the peer's Window Acknowledgement Size (RTMP 1.0 §5.4.4). */
    void peerWindowAckSize(long windowSize) {
        this.peerWindowAckSize = windowSize;
    }

    long peerWindowAckSize() {
        return peerWindowAckSize;
    }

    /** @return bytes received since the first handshake byte */
    long bytesReceived() {
        return received;
    }
}
