package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.TimeoutException;
import org.rtmp4j.amf.AmfException;
import org.rtmp4j.amf.AmfLimits;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.chunk.ChunkLimits;
import org.rtmp4j.core.handshake.Handshake;
import org.rtmp4j.core.handshake.HandshakeOptions;

/**
 * Fuzzes the server engine: a {@link ServerConnection} over an {@link InMemoryTransport} with a
 * {@link RecordingController} that accepts connect, createStream, publish and play completes a
 * valid handshake (RTMP 1.0 §5.2) with a client {@link Handshake}, then is fed arbitrary chunk
 * stream bytes in arbitrary splits, with posted tasks run and fake time ticking between reads.
 * {@code onBytes} and {@code onTick} never throw; the session either stays open or closes, and
 * when it closes the cause handed to {@code onClose} is a protocol error ({@link
 * RtmpProtocolException}, {@link AmfException}), a timeout, an outbound overflow or none, never
 * another exception (which would mean the engine itself failed). Small limits keep memory
 * bounded.
 *
 * <p>Input layout: byte 0 = split seed, the rest = what the client sends after C2. Regression
 * inputs: {@code src/test/resources/org/rtmp4j/core/session/ServerEngineFuzzTestInputs/onBytes/}.
 */
class ServerEngineFuzzTest {
    private static final SessionConfig CONFIG = SessionConfig.defaults()
            .withChunkLimits(new ChunkLimits(64 * 1024, 64 * 1024, 8, 128 * 1024))
            .withAmfLimits(new AmfLimits(16, 2_048, 4_096))
            .withMaxMessageStreams(4);

    @FuzzTest
    void onBytes(byte[] data) {
        if (data.length == 0) {
            return;
        }
        Random splits = new Random(data[0] & 0xFF);
        InMemoryTransport transport = new InMemoryTransport();
        RecordingController controller = new RecordingController();
        long now = 0;
        ServerConnection server = new ServerConnection(CONFIG, session -> controller, transport, now);
        handshake(server, transport);
        assertThat(controller.opens).hasSize(1);

        int at = 1;
        while (at < data.length && !server.isClosed()) {
            int n = Math.min(data.length - at, splits.nextInt(200));
            ByteBuffer in = ByteBuffer.wrap(data, at, n);
            server.onBytes(in);
            assertThat(in.hasRemaining()).as("onBytes consumes all input").isFalse();
            at += n;
            transport.runTasks();
            transport.drain();
            now += 100_000_000L;
            server.onTick(now);
        }
        server.onTransportClosed(null);
        assertThat(server.isClosed()).isTrue();
        assertThat(controller.closes).hasSize(1);
        Throwable cause = controller.closes.get(0);
        if (cause != null && !(cause instanceof RtmpProtocolException || cause instanceof AmfException
                || cause instanceof TimeoutException || cause instanceof OutboundOverflowException)) {
            throw new AssertionError("engine closed with an unexpected exception", cause);
        }
    }

    /** Completes a simple handshake: C0+C1 in, S0+S1+S2 out, C2 in. */
    private static void handshake(ServerConnection server, InMemoryTransport transport) {
        Handshake client = Handshake.client(false, HandshakeOptions.deterministic(1));
        server.onBytes(client.start());
        Handshake.Step step = client.process(transport.drain());
        assertThat(step.complete()).isTrue();
        server.onBytes(step.toSend());
        assertThat(server.isClosed()).isFalse();
    }
}
