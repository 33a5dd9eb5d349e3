package org.rtmp4j.core.session;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.rtmp4j.core.message.CommandMessage;

/**
 * A {@link ClientConnection} and a {@link ServerConnection} wired through two {@link
 * InMemoryTransport}s (h11's ConnectionPair). {@link #pump()} moves bytes both ways until quiet,
 * delivering them whole, one byte at a time or in random slices. Time is fake: {@link #advance}.
 */
final class RtmpPair {
    /** How bytes are cut when delivered. */
    enum Split {
        WHOLE,
        ONE_BYTE,
        RANDOM
    }

    final InMemoryTransport clientTransport = new InMemoryTransport();
    final InMemoryTransport serverTransport = new InMemoryTransport();
    final RecordingController controller;
    final RecordingListener listener = new RecordingListener();
    final ServerConnection server;
    final ClientConnection client;
    private final Split split;
    private final Random random = new Random(42);
    private boolean clientClosePropagated;
    private boolean serverClosePropagated;
    private long nowNanos;

    RtmpPair(Split split, RecordingController controller) {
        this(split, controller, SessionConfig.defaults(), SessionConfig.defaults());
    }

    RtmpPair(Split split, RecordingController controller, SessionConfig serverConfig, SessionConfig clientConfig) {
        this.split = split;
        this.controller = controller;
        this.server = new ServerConnection(serverConfig, session -> controller, serverTransport, 0L);
        this.client = new ClientConnection(clientConfig, clientTransport, listener);
    }

    /** Starts the client, connects to app {@code live} and pumps. @return the connect future */
    CompletableFuture<CommandMessage> connect() {
        client.start();
        CompletableFuture<CommandMessage> f = client.connect(ConnectOptions.of("live", "rtmp://127.0.0.1/live"));
        pump();
        return f;
    }

    /** Moves bytes and runs posted tasks until nothing is left to do. */
    void pump() {
        for (int round = 0; round < 10_000; round++) {
            boolean busy = serverTransport.runTasks() + clientTransport.runTasks() > 0;
            ByteBuffer c2s = clientTransport.drain();
            if (c2s.hasRemaining()) {
                deliver(c2s, server::onBytes);
                busy = true;
            }
            ByteBuffer s2c = serverTransport.drain();
            if (s2c.hasRemaining()) {
                deliver(s2c, client::onBytes);
                busy = true;
            }
            busy |= propagateCloses();
            if (!busy) {
                return;
            }
        }
        throw new AssertionError("pump did not settle");
    }

    private boolean propagateCloses() {
        boolean any = false;
        if (clientTransport.isClosed() && !clientClosePropagated) {
            clientClosePropagated = true;
            server.onTransportClosed(null);
            client.onTransportClosed(null);
            any = true;
        }
        if (serverTransport.isClosed() && !serverClosePropagated) {
            serverClosePropagated = true;
            client.onTransportClosed(null);
            server.onTransportClosed(null);
            any = true;
        }
        return any;
    }

    /** Feeds {@code bytes} to the server as if received, cut by this pair's split. */
    void feedServer(ByteBuffer bytes) {
        deliver(bytes, server::onBytes);
    }

    private void deliver(ByteBuffer bytes, Consumer<ByteBuffer> to) {
        while (bytes.hasRemaining()) {
            int n;
            switch (split) {
                case ONE_BYTE:
                    n = 1;
                    break;
                case RANDOM:
                    n = 1 + random.nextInt(Math.min(bytes.remaining(), 700));
                    break;
                default:
                    n = bytes.remaining();
            }
            ByteBuffer slice = bytes.slice();
            slice.limit(n);
            bytes.position(bytes.position() + n);
            to.accept(slice);
        }
    }

    /** Advances fake time and ticks both engines. */
    void advance(Duration d) {
        nowNanos += d.toNanos();
        server.onTick(nowNanos);
        client.onTick(nowNanos);
    }

    long nowNanos() {
        return nowNanos;
    }
}
