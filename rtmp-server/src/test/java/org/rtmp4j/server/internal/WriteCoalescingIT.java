package org.rtmp4j.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Write coalescing and socket options of accepted connections, over loopback. */
@Timeout(20)
class WriteCoalescingIT {
    private EventLoopGroup group;
    private ServerSocketChannel server;
    private final ServerStats stats = new ServerStats();
    private final BlockingQueue<NioTransport> accepted = new LinkedBlockingQueue<>();
    private final BlockingQueue<Boolean> noDelay = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() throws Exception {
        startWithFlushDelay(0);
    }

    private void startWithFlushDelay(long flushDelayNanos) throws Exception {
        group = new EventLoopGroup(2, r -> new Thread(r, "rtmp-loop-coalescing-it"), EventLoop.DEFAULT_TICK_NANOS,
                flushDelayNanos);
        group.start();
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress("127.0.0.1", 0));
        Acceptor acceptor = new Acceptor(server, group, stats, 100, (loop, ch) -> {
            NioTransport t = new NioTransport(loop, ch, stats, TimeUnit.SECONDS.toNanos(5));
            try {
                noDelay.add(ch.getOption(StandardSocketOptions.TCP_NODELAY));
                t.start(new Ignore());
                accepted.add(t);
            } catch (IOException e) {
                t.closeNow(e);
            }
        });
        CompletableFuture<Void> registered = new CompletableFuture<>();
        group.get(0).execute(() -> {
            try {
                acceptor.register();
                registered.complete(null);
            } catch (IOException e) {
                registered.completeExceptionally(e);
            }
        });
        registered.get(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        group.shutdownGracefully(TimeUnit.SECONDS.toNanos(1)).get(10, TimeUnit.SECONDS);
        server.close();
    }

    @Test
    void acceptedSocketsHaveTcpNoDelay() throws Exception {
        try (Socket a = connect(); Socket b = connect()) {
            assertThat(noDelay.poll(5, TimeUnit.SECONDS)).isTrue();
            assertThat(noDelay.poll(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void writesQueuedInOneLoopIterationGoOutInOneFlushOfGatheringWrites() throws Exception {
        try (Socket s = connect()) {
            NioTransport t = accepted.poll(5, TimeUnit.SECONDS);
            assertThat(t).isNotNull();
            EventLoop loop = loopOf(t);
            long[] before = onLoop(loop, () -> new long[] {t.flushes(), t.socketWrites()});

            loop.execute(() -> {
                for (int i = 0; i < 100; i++) {
                    byte[] message = new byte[100];
                    java.util.Arrays.fill(message, (byte) i);
                    t.write(List.of(ByteBuffer.wrap(message)));
                }
            });
            byte[] got = new byte[100 * 100];
            new DataInputStream(s.getInputStream()).readFully(got);
            long[] after = onLoop(loop, () -> new long[] {t.flushes(), t.socketWrites(), t.queuedBytes()});

            for (int i = 0; i < got.length; i++) {
                assertThat(got[i]).isEqualTo((byte) (i / 100));
            }
            assertThat(after[0] - before[0]).as("flushes").isEqualTo(1);
            assertThat(after[1] - before[1]).as("gathering writes of up to 64 buffers").isEqualTo(2);
            assertThat(after[2]).isZero();
        }
    }

    @Test
    void eachIterationWithOutputFlushesOnce() throws Exception {
        try (Socket s = connect()) {
            NioTransport t = accepted.poll(5, TimeUnit.SECONDS);
            EventLoop loop = loopOf(t);
            long before = onLoop(loop, t::flushes);
            DataInputStream in = new DataInputStream(s.getInputStream());
            for (int round = 0; round < 5; round++) {
                loop.execute(() -> {
                    t.write(List.of(ByteBuffer.wrap(new byte[] {1, 2})));
                    t.write(List.of(ByteBuffer.wrap(new byte[] {3})));
                });
                byte[] got = new byte[3];
                in.readFully(got);
                assertThat(got).containsExactly(1, 2, 3);
            }
            assertThat(onLoop(loop, t::flushes) - before).isEqualTo(5);
        }
    }

    @Test
    void mergedWritesCollectMessagesQueuedWithinTheFlushDelayIntoOneSocketWrite() throws Exception {
        stop();
        long delayNanos = TimeUnit.MILLISECONDS.toNanos(300);
        startWithFlushDelay(delayNanos);
        try (Socket s = connect()) {
            NioTransport t = accepted.poll(5, TimeUnit.SECONDS);
            EventLoop loop = loopOf(t);
            assertThat(loop.flushDelayNanos()).isEqualTo(delayNanos);
            long[] before = onLoop(loop, () -> new long[] {t.flushes(), t.socketWrites()});

            long queuedAt = System.nanoTime();
            loop.execute(() -> {
                t.write(List.of(ByteBuffer.wrap(new byte[] {1})));
                // queued 50 ms later, still inside the first byte's 300 ms window
                loop.schedule(() -> t.write(List.of(ByteBuffer.wrap(new byte[] {2}))), 50, TimeUnit.MILLISECONDS);
            });
            byte[] got = new byte[2];
            new DataInputStream(s.getInputStream()).readFully(got);
            long waitedNanos = System.nanoTime() - queuedAt;
            long[] after = onLoop(loop, () -> new long[] {t.flushes(), t.socketWrites()});

            assertThat(got).containsExactly(1, 2);
            assertThat(waitedNanos).as("held for the flush delay").isGreaterThanOrEqualTo(delayNanos);
            assertThat(after[0] - before[0]).as("flushes").isEqualTo(1);
            assertThat(after[1] - before[1]).as("socket writes").isEqualTo(1);
        }
    }

    @Test
    void aNegativeFlushDelayIsRejected() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> new EventLoop(Thread::new, EventLoop.DEFAULT_TICK_NANOS, -1));
    }

    @Test
    void transportsOfOneLoopShareTheirExecutorKey() throws Exception {
        try (Socket a = connect(); Socket b = connect(); Socket c = connect()) {
            java.util.Set<Object> keys = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            for (int i = 0; i < 3; i++) {
                NioTransport t = accepted.poll(5, TimeUnit.SECONDS);
                assertThat(t.executorKey()).isInstanceOf(EventLoop.class);
                keys.add(t.executorKey());
            }
            // round-robin over 2 loops: two of the three share a loop, hence a key
            assertThat(keys).hasSize(2);
        }
    }

    private EventLoop loopOf(NioTransport t) {
        return (EventLoop) t.executorKey();
    }

    private static <T> T onLoop(EventLoop loop, java.util.function.Supplier<T> read) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.execute(() -> f.complete(read.get()));
        return f.get(5, TimeUnit.SECONDS);
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(server.getLocalAddress(), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** Drops what it is sent. */
    private static final class Ignore implements ConnectionHandler {
        @Override
        public void onBytes(ByteBuffer in) {
            in.position(in.limit());
        }

        @Override
        public void onTick(long nowNanos) {}

        @Override
        public void onTransportClosed(Throwable causeOrNull) {}
    }
}
