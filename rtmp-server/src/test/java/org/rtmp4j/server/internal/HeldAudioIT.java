package org.rtmp4j.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Audio rides with video (DESIGN-NOTES.md, "Audio rides with video (issue 17)"): {@link
 * NioTransport#writeMedia(ByteBuffer, long)} over real loopback sockets. Holds of a minute stand for
 * "would never leave on its own": the client's 10 s read timeout fails a test that waits for them.
 */
@Timeout(30)
class HeldAudioIT {
    private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

    private LoopbackAcceptor server;
    private final BlockingQueue<NioTransport> accepted = new LinkedBlockingQueue<>();

    private void start(long flushDelayNanos) throws Exception {
        EventLoopGroup group = new EventLoopGroup(1, r -> new Thread(r, "rtmp-loop-held-audio-it"),
                EventLoop.DEFAULT_TICK_NANOS, flushDelayNanos);
        server = LoopbackAcceptor.start(group, new ServerStats(), 100, (loop, ch, t) -> {
            t.start(new Ignore());
            accepted.add(t);
        });
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void heldAudioAloneIsNotWrittenBeforeItsDeadlineThenIsInOneFlush() throws Exception {
        start(0);
        try (Socket s = server.connect()) {
            NioTransport t = next();
            EventLoop loop = loopOf(t);
            long[] before = counters(t);
            long hold = TimeUnit.MILLISECONDS.toNanos(150);
            CompletableFuture<long[]> queued = new CompletableFuture<>();
            loop.execute(() -> {
                long at = System.nanoTime();
                t.writeMedia(ByteBuffer.wrap(new byte[] {1, 2, 3}), hold);
                queued.complete(new long[] {at, t.queuedBytes(), t.isHeld() ? 1 : 0, loop.heldCount()});
            });
            byte[] got = readFully(s, 3);
            long arrived = System.nanoTime();
            long[] q = queued.get(5, TimeUnit.SECONDS);
            long[] after = counters(t);

            assertThat(got).containsExactly(1, 2, 3);
            assertThat(q[1]).as("held bytes count as queued").isEqualTo(3);
            assertThat(q[2]).as("held").isEqualTo(1);
            assertThat(q[3]).as("held connections of the loop").isEqualTo(1);
            assertThat(arrived - q[0]).as("waited for the deadline").isGreaterThanOrEqualTo(hold);
            assertThat(arrived - q[0]).as("but not much longer").isLessThan(hold + TimeUnit.SECONDS.toNanos(2));
            assertThat(after[0] - before[0]).as("flushes").isEqualTo(1);
            assertThat(after[1] - before[1]).as("socket writes").isEqualTo(1);
            assertThat(onLoop(loop, () -> new long[] {t.queuedBytes(), loop.heldCount()})).containsExactly(0, 0);
        }
    }

    @Test
    void heldAudioFollowedByVideoLeavesWithItInOneWriteAndTheVideoDoesNotWait() throws Exception {
        start(0);
        try (Socket s = server.connect()) {
            NioTransport t = next();
            EventLoop loop = loopOf(t);
            long[] before = counters(t);
            CompletableFuture<Long> videoQueued = new CompletableFuture<>();
            loop.execute(() -> {
                t.writeMedia(ByteBuffer.wrap(new byte[] {1}), MINUTE);
                t.writeMedia(ByteBuffer.wrap(new byte[] {2}), MINUTE); // a second audio joins the first hold
                loop.schedule(() -> {
                    videoQueued.complete(System.nanoTime());
                    t.writeMedia(ByteBuffer.wrap(new byte[] {3, 3}));
                }, 50, TimeUnit.MILLISECONDS);
            });
            byte[] got = readFully(s, 4);
            long arrived = System.nanoTime();
            long[] after = counters(t);

            assertThat(got).containsExactly(1, 2, 3, 3);
            assertThat(after[0] - before[0]).as("flushes").isEqualTo(1);
            assertThat(after[1] - before[1]).as("one gathering write").isEqualTo(1);
            assertThat(arrived - videoQueued.get(5, TimeUnit.SECONDS)).as("the video went out at once")
                    .isLessThan(TimeUnit.SECONDS.toNanos(1));
            assertThat(onLoop(loop, loop::heldCount)).isZero();
        }
    }

    @Test
    void videoAndHoldZeroAreFlushedInTheIterationThatQueuedThem() throws Exception {
        start(0);
        try (Socket s = server.connect()) {
            NioTransport t = next();
            EventLoop loop = loopOf(t);
            for (long hold : new long[] {0, -1}) {
                long[] before = counters(t);
                CompletableFuture<Boolean> held = new CompletableFuture<>();
                loop.execute(() -> {
                    t.writeMedia(ByteBuffer.wrap(new byte[] {7}), hold);
                    held.complete(t.isHeld());
                });
                assertThat(readFully(s, 1)).containsExactly(7);
                assertThat(held.get(5, TimeUnit.SECONDS)).isFalse();
                long[] after = counters(t);
                assertThat(after[0] - before[0]).as("flushes").isEqualTo(1);
            }
        }
    }

    @Test
    void aCommandTakesHeldAudioOutWithItInOrder() throws Exception {
        start(0);
        try (Socket s = server.connect()) {
            NioTransport t = next();
            EventLoop loop = loopOf(t);
            long[] before = counters(t);
            loop.execute(() -> {
                t.writeMedia(ByteBuffer.wrap(new byte[] {1}), MINUTE);
                loop.schedule(() -> t.write(List.of(ByteBuffer.wrap(new byte[] {2}))), 50, TimeUnit.MILLISECONDS);
            });
            assertThat(readFully(s, 2)).containsExactly(1, 2);
            long[] after = counters(t);
            assertThat(after[0] - before[0]).as("flushes").isEqualTo(1);
            assertThat(after[1] - before[1]).as("socket writes").isEqualTo(1);
        }
    }

    @Test
    void closeFlushesHeldAudioThenTheConnectionEnds() throws Exception {
        start(0);
        try (Socket s = server.connect()) {
            NioTransport t = next();
            EventLoop loop = loopOf(t);
            loop.execute(() -> {
                t.writeMedia(ByteBuffer.wrap(new byte[] {5, 6}), MINUTE);
                t.close();
            });
            InputStream in = s.getInputStream();
            assertThat(readFully(s, 2)).containsExactly(5, 6);
            assertThat(in.read()).as("FIN after the held bytes").isEqualTo(-1);
            assertThat(onLoop(loop, loop::heldCount)).isZero();
        }
    }

    @Test
    void audioQueuedBehindOutputAlreadyDueLeavesWithItAndIsNotHeld() throws Exception {
        start(0);
        try (Socket s = server.connect()) {
            NioTransport t = next();
            EventLoop loop = loopOf(t);
            long[] before = counters(t);
            CompletableFuture<Boolean> held = new CompletableFuture<>();
            loop.execute(() -> {
                t.writeMedia(ByteBuffer.wrap(new byte[] {1}));
                t.writeMedia(ByteBuffer.wrap(new byte[] {2}), MINUTE);
                held.complete(t.isHeld());
            });
            assertThat(readFully(s, 2)).containsExactly(1, 2);
            assertThat(held.get(5, TimeUnit.SECONDS)).isFalse();
            assertThat(counters(t)[1] - before[1]).as("socket writes").isEqualTo(1);
        }
    }

    @Test
    void connectionsOfOneLoopAreHeldAndReleasedIndependently() throws Exception {
        start(0);
        try (Socket a = server.connect(); Socket b = server.connect(); Socket c = server.connect()) {
            NioTransport ta = next();
            NioTransport tb = next();
            NioTransport tc = next();
            EventLoop loop = loopOf(ta);
            long hold = TimeUnit.MILLISECONDS.toNanos(100);
            CompletableFuture<Long> queuedAt = new CompletableFuture<>();
            loop.execute(() -> {
                queuedAt.complete(System.nanoTime());
                ta.writeMedia(ByteBuffer.wrap(new byte[] {1}), hold);   // left to its deadline
                tb.writeMedia(ByteBuffer.wrap(new byte[] {2}), MINUTE); // taken out by video, then held again
                tc.writeMedia(ByteBuffer.wrap(new byte[] {3}), MINUTE); // taken out by a close
                tb.writeMedia(ByteBuffer.wrap(new byte[] {4}));
            });
            assertThat(readFully(b, 2)).containsExactly(2, 4);
            loop.execute(() -> {
                tb.writeMedia(ByteBuffer.wrap(new byte[] {5}), MINUTE);
                tc.close();
            });
            assertThat(readFully(c, 1)).containsExactly(3);
            assertThat(readFully(a, 1)).containsExactly(1);
            assertThat(System.nanoTime() - queuedAt.get(5, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(hold);
            assertThat(onLoop(loop, () -> new long[] {loop.heldCount(), tb.isHeld() ? 1 : 0})).containsExactly(1, 1);
            loop.execute(() -> tb.writeMedia(ByteBuffer.wrap(new byte[] {6})));
            assertThat(readFully(b, 2)).containsExactly(5, 6);
            assertThat(onLoop(loop, loop::heldCount)).isZero();
        }
    }

    @Test
    void underMergedWritesADueHoldIsFlushedWithTheMergedFlush() throws Exception {
        long delay = TimeUnit.MILLISECONDS.toNanos(200);
        start(delay);
        try (Socket s = server.connect()) {
            NioTransport t = next();
            EventLoop loop = loopOf(t);
            long[] before = counters(t);
            long hold = TimeUnit.MILLISECONDS.toNanos(50);
            CompletableFuture<Long> queuedAt = new CompletableFuture<>();
            loop.execute(() -> {
                queuedAt.complete(System.nanoTime());
                t.writeMedia(ByteBuffer.wrap(new byte[] {1}), hold);
                // video 100 ms later: inside the merge window opened when the hold expired
                loop.schedule(() -> t.writeMedia(ByteBuffer.wrap(new byte[] {2})), 100, TimeUnit.MILLISECONDS);
            });
            assertThat(readFully(s, 2)).containsExactly(1, 2);
            long waited = System.nanoTime() - queuedAt.get(5, TimeUnit.SECONDS);
            assertThat(waited).as("hold, then the merge delay").isGreaterThanOrEqualTo(hold + delay);
            assertThat(counters(t)[1] - before[1]).as("socket writes").isEqualTo(1);
        }
    }

    private NioTransport next() throws InterruptedException {
        NioTransport t = accepted.poll(5, TimeUnit.SECONDS);
        assertThat(t).isNotNull();
        return t;
    }

    private long[] counters(NioTransport t) throws Exception {
        return onLoop(loopOf(t), () -> new long[] {t.flushes(), t.socketWrites()});
    }

    private static byte[] readFully(Socket s, int n) throws IOException {
        byte[] b = new byte[n];
        new DataInputStream(s.getInputStream()).readFully(b);
        return b;
    }

    private static EventLoop loopOf(NioTransport t) {
        return (EventLoop) t.executorKey();
    }

    private static <T> T onLoop(EventLoop loop, Supplier<T> read) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.execute(() -> f.complete(read.get()));
        return f.get(5, TimeUnit.SECONDS);
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
