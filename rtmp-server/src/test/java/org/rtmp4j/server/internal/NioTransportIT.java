package org.rtmp4j.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The NIO runtime over loopback with a toy line protocol instead of the RTMP engine. */
@Timeout(20)
class NioTransportIT {
    private static final int BIG = 4 * 1024 * 1024;

    private LoopbackAcceptor server;
    private final ServerStats stats = new ServerStats();
    private final CompletableFuture<Throwable> closed = new CompletableFuture<>();

    @BeforeEach
    void start() throws Exception {
        startWithLimit(100);
    }

    private void startWithLimit(int max) throws Exception {
        EventLoopGroup group = new EventLoopGroup(2, r -> new Thread(r, "rtmp-loop-it"), EventLoop.DEFAULT_TICK_NANOS);
        server = LoopbackAcceptor.start(group, stats, max, (loop, ch, t) -> t.start(new Echo(t)));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void echoesBytesBackAndCountsThem() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write("hello\n".getBytes(StandardCharsets.US_ASCII));
            byte[] back = new DataInputStreamReader(s.getInputStream()).readN(6);
            assertThat(new String(back, StandardCharsets.US_ASCII)).isEqualTo("hello\n");
        }
        assertThat(stats.total()).isEqualTo(1);
        assertThat(stats.bytesIn()).isGreaterThanOrEqualTo(6);
    }

    @Test
    void closeFlushesALargeQueueBeforeClosing() throws Exception {
        try (Socket s = connect()) {
            s.getOutputStream().write("big\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            long firstMismatch = -1;
            int n;
            while ((n = in.read(buf)) >= 0) {
                for (int i = 0; i < n && firstMismatch < 0; i++) {
                    if (buf[i] != (byte) ((total + i) % 251)) {
                        firstMismatch = total + i;
                    }
                }
                total += n;
            }
            assertThat(total).isEqualTo(BIG);
            assertThat(firstMismatch).isEqualTo(-1);
        }
        assertThat(closed.get(5, TimeUnit.SECONDS)).isNull();
        assertThat(stats.bytesOut()).isEqualTo(BIG);
        assertThat(stats.active()).isZero();
    }

    @Test
    void closingWhileThePeerStillSendsDeliversTheLastBytesWithoutAReset() throws Exception {
        try (Socket s = connect()) {
            byte[] burst = new byte[8 * 1024 * 1024];
            System.arraycopy("reject\n".getBytes(StandardCharsets.US_ASCII), 0, burst, 0, 7);
            // the server closes after its first read; the peer keeps sending meanwhile
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
                try {
                    s.getOutputStream().write(burst);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertThat(new String(new DataInputStreamReader(s.getInputStream()).readN(4), StandardCharsets.US_ASCII))
                    .isEqualTo("bye\n");
            sending.get(10, TimeUnit.SECONDS); // drained, not reset
            s.shutdownOutput();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(closed.get(5, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void connectionsOverTheLimitAreClosedAtOnceAndCounted() throws Exception {
        stop();
        startWithLimit(1);
        try (Socket first = connect(); Socket second = connect()) {
            assertThat(second.getInputStream().read()).isEqualTo(-1);
            first.getOutputStream().write("still\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(new DataInputStreamReader(first.getInputStream()).readN(6), StandardCharsets.US_ASCII))
                    .isEqualTo("still\n");
        }
        assertThat(stats.rejected()).isEqualTo(1);
    }

    @Test
    void aHandlerExceptionClosesOnlyThatConnection() throws Exception {
        try (Socket bad = connect(); Socket good = connect()) {
            bad.getOutputStream().write("boom\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(bad.getInputStream().read()).isEqualTo(-1);
            assertThat(closed.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
            good.getOutputStream().write("fine\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(new String(new DataInputStreamReader(good.getInputStream()).readN(5), StandardCharsets.US_ASCII))
                    .isEqualTo("fine\n");
        }
    }

    private Socket connect() throws IOException {
        return server.connect();
    }

    /** Echoes; "big\n" answers 4 MiB then closes; "boom\n" throws. */
    private final class Echo implements ConnectionHandler {
        private final NioTransport transport;

        Echo(NioTransport transport) {
            this.transport = transport;
        }

        @Override
        public void onBytes(ByteBuffer in) {
            byte[] copy = new byte[in.remaining()];
            in.get(copy);
            String text = new String(copy, StandardCharsets.US_ASCII);
            if (text.equals("boom\n")) {
                throw new IllegalStateException("handler failure (expected by the test)");
            }
            if (text.startsWith("reject\n")) {
                transport.write(List.of(ByteBuffer.wrap("bye\n".getBytes(StandardCharsets.US_ASCII))));
                transport.close();
                return;
            }
            if (text.equals("big\n")) {
                byte[] big = new byte[BIG];
                for (int i = 0; i < BIG; i++) {
                    big[i] = (byte) (i % 251);
                }
                // many small buffers exercise the gathering write
                for (int off = 0; off < BIG; off += 1000) {
                    transport.write(List.of(ByteBuffer.wrap(big, off, Math.min(1000, BIG - off)).slice()));
                }
                transport.close();
                return;
            }
            transport.write(List.of(ByteBuffer.wrap(copy)));
        }

        @Override
        public void onTick(long nowNanos) {}

        @Override
        public void onTransportClosed(Throwable causeOrNull) {
            closed.complete(causeOrNull);
        }
    }

    private static final class DataInputStreamReader {
        private final DataInputStream in;

        DataInputStreamReader(InputStream in) {
            this.in = new DataInputStream(in);
        }

        byte[] readN(int n) throws IOException {
            byte[] b = new byte[n];
            in.readFully(b);
            return b;
        }
    }
}
