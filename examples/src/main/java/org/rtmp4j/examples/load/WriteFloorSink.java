package org.rtmp4j.examples.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The reading side of the write floor: N TCP connections to a {@link WriteFloorSender}, opened at a bounded
 * rate and read (and discarded) on one thread with one selector, like the {@code load} tool's players on one
 * event loop. Counts every byte received from the first connection on, so that CPU measured over the sink's
 * whole run divides by the bytes of that same run.
 *
 * <p>Not thread-safe: one {@link #run} per instance.
 */
final class WriteFloorSink {
    /** A connection is kept up if what it received lags what was sent since it connected by less than this. */
    static final Duration LAG_LIMIT = Duration.ofSeconds(2);

    /**
     * What the sink saw.
     *
     * @param players   connections asked for
     * @param connected connections opened
     * @param keptUp    connections whose received bytes lag the expected stream by less than {@link #LAG_LIMIT}
     * @param bytes     bytes received over all connections
     * @param seconds   the whole run, from the first connect to the end
     * @param window    the steady part: from every connection open to the end, with the bytes received in it
     */
    record Result(int players, int connected, int keptUp, long bytes, double seconds, LoadReport.SteadyWindow window) {
        /** @return one JSON line with the {@code load} tool's key names for the same quantities */
        String json() {
            return String.format(Locale.ROOT, "{\"players\":%d,\"connected\":%d,\"keptUp\":%d,\"bytes\":%d,\"seconds\":%.3f,"
                    + "\"steadyBytes\":%d,\"steadyStartEpochMs\":%d,\"steadyEndEpochMs\":%d}",
                    players, connected, keptUp, bytes, seconds, window.bytes(), window.startEpochMs(), window.endEpochMs());
        }
    }

    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(1 << 16);

    /**
     * Connects, reads for {@code duration} once every connection is open, then closes them all.
     *
     * @param target         the sender's address
     * @param players        connections to open, &gt;= 0
     * @param rampRate       connections opened per second; 0 = all at once
     * @param duration       how long to read once all are open
     * @param bytesPerSecond the rate the sender sends to each connection, for the kept-up test
     * @return what was received
     * @throws IOException if a connection cannot be opened or the selector fails
     * @throws InterruptedException if interrupted while pacing connects
     */
    Result run(InetSocketAddress target, int players, int rampRate, Duration duration, long bytesPerSecond)
            throws IOException, InterruptedException {
        long[] received = new long[players];
        long[] connectedAt = new long[players];
        long begin = System.nanoTime();
        int opened = 0;
        long steadyStartMs = 0;
        long steadyEndMs = 0;
        long steadyBytes = 0;
        try (Selector selector = Selector.open()) {
            long end = Long.MAX_VALUE;
            while (true) {
                long now = System.nanoTime();
                while (opened < players && (rampRate == 0 || now - (begin + opened * 1_000_000_000L / rampRate) >= 0)) {
                    SocketChannel ch = SocketChannel.open(target);
                    ch.configureBlocking(false);
                    ch.register(selector, SelectionKey.OP_READ, opened);
                    connectedAt[opened++] = System.nanoTime();
                }
                if (opened == players && end == Long.MAX_VALUE) {
                    end = System.nanoTime() + duration.toNanos();
                    steadyStartMs = System.currentTimeMillis();
                    steadyBytes = sum(received);
                }
                long until = opened < players ? begin + opened * 1_000_000_000L / rampRate : end;
                long wait = until - System.nanoTime();
                if (wait <= 0 && opened == players) {
                    break;
                }
                selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.max(wait, 0))));
                for (SelectionKey k : selector.selectedKeys()) {
                    int i = (Integer) k.attachment();
                    readBuffer.clear();
                    int n = ((SocketChannel) k.channel()).read(readBuffer);
                    if (n > 0) {
                        received[i] += n;
                    } else if (n < 0) {
                        k.cancel();
                        k.channel().close();
                    }
                }
                selector.selectedKeys().clear();
            }
            steadyBytes = sum(received) - steadyBytes;
            steadyEndMs = System.currentTimeMillis(); // with the bytes, before the closes
            for (SelectionKey k : selector.keys()) {
                k.channel().close();
            }
        }
        var window = new LoadReport.SteadyWindow(steadyStartMs, steadyEndMs, steadyBytes);
        long finish = System.nanoTime();
        long total = 0;
        int keptUp = 0;
        long slack = bytesPerSecond * LAG_LIMIT.toSeconds();
        for (int i = 0; i < opened; i++) {
            total += received[i];
            long expected = (long) (bytesPerSecond * ((finish - connectedAt[i]) / 1e9));
            if (received[i] > expected - slack) {
                keptUp++;
            }
        }
        return new Result(players, opened, keptUp, total, (finish - begin) / 1e9, window);
    }

    private static long sum(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }
}
