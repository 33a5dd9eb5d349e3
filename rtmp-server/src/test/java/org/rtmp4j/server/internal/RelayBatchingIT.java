package org.rtmp4j.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.core.session.ServerConnection;
import org.rtmp4j.core.session.SessionConfig;
import org.rtmp4j.live.LiveBroadcastController;

/**
 * The relay on real event loops, counting posted tasks: a published message reaches all players
 * of another loop through one task, not one per player (docs/ARCHITECTURE.md §7 "Write coalescing").
 */
@Timeout(60)
class RelayBatchingIT {
    private static final int MESSAGES = 200;
    private static final int PLAYERS = 6;

    private final LiveBroadcastController relay = new LiveBroadcastController();
    private final ServerStats stats = new ServerStats();
    private final List<EventLoop> loopByConnection = new CopyOnWriteArrayList<>();
    private final List<NioTransport> transportByConnection = new CopyOnWriteArrayList<>();
    private final List<RtmpClient> clients = new ArrayList<>();
    private LoopbackAcceptor server;

    @BeforeEach
    void start() throws Exception {
        EventLoopGroup group = new EventLoopGroup(2, r -> new Thread(r, "rtmp-loop-batching-it"), EventLoop.DEFAULT_TICK_NANOS);
        server = LoopbackAcceptor.start(group, stats, 100, (loop, ch, t) -> {
            ServerConnection c = new ServerConnection(SessionConfig.defaults(), s -> relay, t, System.nanoTime());
            loopByConnection.add(loop);
            transportByConnection.add(t);
            t.start(new Engine(c));
        });
    }

    @AfterEach
    void stop() throws Exception {
        for (RtmpClient c : clients) {
            c.close();
        }
        server.close();
    }

    private RtmpClient connect() throws IOException {
        // connect() returns after the server answered connect, so connections are recorded in order
        RtmpClient c = RtmpClient.connect(URI.create("rtmp://127.0.0.1:" + server.port() + "/live"),
                ClientOptions.defaults().withTimeout(Duration.ofSeconds(5)));
        clients.add(c);
        return c;
    }

    private static AudioMessage aac(int ts, int packetType, int marker) {
        return new AudioMessage(ts, 0, ByteBuffer.wrap(new byte[] {(byte) 0xAF, (byte) packetType, (byte) marker, 9}));
    }

    /** Counts AAC frames (not sequence headers). */
    private static final class Counter implements ClientListener {
        final BlockingQueue<MediaMessage> frames = new LinkedBlockingQueue<>();

        @Override
        public void onMedia(int streamId, MediaMessage m) {
            if (m.payload().get(m.payload().position() + 1) == 1) {
                frames.add(m);
            }
        }
    }

    @Test
    void eachPublishedMessageCostsOneTaskOnTheOtherLoopWhateverItsPlayerCount() throws Exception {
        Publisher publisher = connect().publish("cam");
        publisher.send(aac(0, 0, 0));
        List<Counter> counters = new ArrayList<>();
        for (int i = 0; i < PLAYERS; i++) {
            Counter c = new Counter();
            connect().play("cam", c);
            counters.add(c);
        }
        EventLoop publisherLoop = loopByConnection.get(0);
        EventLoop other = server.group.get(0) == publisherLoop ? server.group.get(1) : server.group.get(0);
        long playersElsewhere = loopByConnection.subList(1, loopByConnection.size()).stream()
                .filter(l -> l == other).count();
        assertThat(playersElsewhere).as("round-robin puts half the players on the other loop").isEqualTo(PLAYERS / 2);
        long tasksBefore = tasksRun(other);
        List<NioTransport> elsewhere = new ArrayList<>();
        for (int i = 1; i < loopByConnection.size(); i++) {
            if (loopByConnection.get(i) == other) {
                elsewhere.add(transportByConnection.get(i));
            }
        }
        long[][] writesBefore = writes(other, elsewhere);

        for (int i = 1; i <= MESSAGES; i++) {
            publisher.send(aac(i * 23, 1, i & 0xFF));
        }
        for (Counter c : counters) {
            for (int i = 1; i <= MESSAGES; i++) {
                MediaMessage m = c.frames.poll(10, TimeUnit.SECONDS);
                assertThat(m).as("frame %d", i).isNotNull();
                assertThat(m.timestamp()).isEqualTo(i * 23);
            }
        }
        long tasks = tasksRun(other) - tasksBefore - 1; // minus the counting task itself

        // unbatched it would be playersElsewhere * MESSAGES = 600
        assertThat(tasks).isBetween((long) MESSAGES, (long) MESSAGES + 10);

        // whatever queued for a player in one wake-up left in one gathering write, or one per 64 buffers (the
        // loop's iovec array, EventLoop.gatherArray) when a loaded machine let more than 64 messages queue up: each
        // AAC message here is one buffer, so at most MESSAGES / 64 writes more than flushes (CI saw 10 for 8)
        long[][] writesAfter = writes(other, elsewhere);
        long wakeUps = writesAfter[0][0] - writesBefore[0][0];
        for (int i = 1; i < writesAfter.length; i++) {
            long flushes = writesAfter[i][0] - writesBefore[i][0];
            long socketWrites = writesAfter[i][1] - writesBefore[i][1];
            assertThat(flushes).as("flushes of player %d", i).isPositive().isLessThanOrEqualTo(wakeUps);
            assertThat(socketWrites).as("socket writes of player %d", i).isBetween(flushes, flushes + MESSAGES / 64);
        }
    }

    /** @return on the loop: its wake-ups, then per transport its flushes and socket writes */
    private static long[][] writes(EventLoop loop, List<NioTransport> transports) throws Exception {
        CompletableFuture<long[][]> f = new CompletableFuture<>();
        loop.execute(() -> {
            long[][] out = new long[transports.size() + 1][];
            out[0] = new long[] {loop.wakeUps()};
            for (int i = 0; i < transports.size(); i++) {
                out[i + 1] = new long[] {transports.get(i).flushes(), transports.get(i).socketWrites()};
            }
            f.complete(out);
        });
        return f.get(5, TimeUnit.SECONDS);
    }

    private static long tasksRun(EventLoop loop) throws Exception {
        CompletableFuture<Long> f = new CompletableFuture<>();
        loop.execute(() -> f.complete(loop.tasksRun()));
        return f.get(5, TimeUnit.SECONDS);
    }

    /** Feeds the engine, as RtmpServer does. */
    private static final class Engine implements ConnectionHandler {
        private final ServerConnection connection;

        Engine(ServerConnection connection) {
            this.connection = connection;
        }

        @Override
        public void onBytes(ByteBuffer in) {
            connection.onBytes(in);
        }

        @Override
        public void onTick(long nowNanos) {
            connection.onTick(nowNanos);
        }

        @Override
        public void onTransportClosed(Throwable causeOrNull) {
            connection.onTransportClosed(causeOrNull);
        }
    }
}
