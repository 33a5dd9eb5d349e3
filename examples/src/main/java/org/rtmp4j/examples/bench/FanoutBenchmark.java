package org.rtmp4j.examples.bench;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.core.session.ClientConnection;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.core.session.ConnectOptions;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.RtmpController;
import org.rtmp4j.core.session.ServerConnection;
import org.rtmp4j.core.session.SessionConfig;
import org.rtmp4j.live.HttpFlvPlayer;
import org.rtmp4j.live.Ingest;
import org.rtmp4j.live.IngestSource;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.StreamKey;

/**
 * The live hub's publish path: one 10 KB video message (a 2 Mbit/s stream at 25 fps), and with
 * {@code mix=av} also one 370-byte AAC frame (the load tool's audio), published through an {@link
 * Ingest} of a {@link LiveBroadcastController} to N players: classified once, cached, encoded once
 * per wire format into shared bytes, handed to each loop's players in one posted task, then each
 * player's slow-output decision and queueing.
 *
 * <p>The players are spread over two {@link MemoryLoop}s, as on a two-core server: the publisher
 * acts as loop 0 (its players are served inline), loop 1 gets one posted task per message, which the
 * op then runs. {@code kind=rtmp}: {@link ServerConnection}s brought to PLAYING through a real
 * handshake, connect, createStream and play over in-memory transports, whose output is then only
 * counted. {@code kind=http-flv}: {@link HttpFlvPlayer} serving in-memory HTTP/1.1 exchanges (the
 * chunk framing included, the socket not). Per-player cost: time per op / N; with {@code -prof gc},
 * {@code gc.alloc.rate.norm} / N is the allocation per player per op. Before the hub (issue 12)
 * this measured the fan-out class alone, without the classification, the stream lock and the GOP
 * cache; before issue 17 every player was on the publisher's thread (no posted task) and the op was
 * video only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FanoutBenchmark {
    private static final int LOOPS = 2;
    private static final StreamKey KEY = new StreamKey("live", "bench");

    /** Players. */
    @Param({"100", "1000"})
    public int players;

    /** {@code video}: one inter frame per op; {@code av}: one inter frame and one AAC frame per op. */
    @Param({"video", "av"})
    public String mix;

    /** {@code rtmp} or {@code http-flv} players. */
    @Param({"rtmp", "http-flv"})
    public String kind;

    private final MemoryLoop[] loops = new MemoryLoop[LOOPS];
    private MemoryTransport[] transports;
    private MemoryHttpPlayer[] httpPlayers;
    private Ingest ingest;
    private long[] writtenAfterSetup;
    private ByteBuffer payload;
    private ByteBuffer audio;
    private boolean withAudio;
    private int timestamp;

    /** Connects and plays N in-memory players, then sends them a keyframe (past the join wait). */
    @Setup
    public void setup() throws Exception {
        for (int i = 0; i < LOOPS; i++) {
            loops[i] = new MemoryLoop();
        }
        withAudio = switch (mix) {
            case "video" -> false;
            case "av" -> true;
            default -> throw new IllegalArgumentException("mix: video or av, not " + mix);
        };
        LiveBroadcastController relay = new LiveBroadcastController();
        switch (kind) {
            case "rtmp" -> {
                setupRtmp(relay);
                publish(relay);
            }
            case "http-flv" -> {
                publish(relay);
                setupHttp(relay);
            }
            default -> throw new IllegalArgumentException("kind: rtmp or http-flv, not " + kind);
        }
        byte[] body = new byte[10_000];
        body[0] = 0x27;
        body[1] = 1;
        payload = ByteBuffer.wrap(body).asReadOnlyBuffer();
        byte[] aac = new byte[370];
        aac[0] = (byte) 0xAF;
        aac[1] = 1;
        audio = ByteBuffer.wrap(aac).asReadOnlyBuffer();
        send(new AudioMessage(0, 1, ByteBuffer.wrap(new byte[] {(byte) 0xAF, 0, 0x12, 0x10}).asReadOnlyBuffer()));
        byte[] key = body.clone();
        key[0] = 0x17;
        send(new VideoMessage(0, 1, ByteBuffer.wrap(key).asReadOnlyBuffer()));
        writtenAfterSetup = new long[players];
        for (int i = 0; i < players; i++) {
            writtenAfterSetup[i] = written(i);
            if (writtenAfterSetup[i] < body.length) {
                throw new IllegalStateException("player " + i + " did not get the keyframe");
            }
        }
    }

    private void setupRtmp(LiveBroadcastController relay) throws Exception {
        transports = new MemoryTransport[players];
        for (int i = 0; i < players; i++) {
            MemoryLoop loop = loops[i % LOOPS];
            loop.enter(); // the handshake and play run on the player's loop
            try {
                MemoryTransport st = new MemoryTransport(loop);
                MemoryTransport ct = new MemoryTransport();
                ServerConnection server = new ServerConnection(SessionConfig.defaults(), s -> relay, st, System.nanoTime());
                ClientConnection client = new ClientConnection(SessionConfig.defaults(), ct, new ClientListener() { });
                client.start();
                CompletableFuture<?> connected = client.connect(ConnectOptions.of("live", "rtmp://127.0.0.1/live"));
                pump(st, ct, server, client);
                connected.get(1, TimeUnit.SECONDS);
                CompletableFuture<Integer> created = client.createStream();
                pump(st, ct, server, client);
                CompletableFuture<Void> playing = client.play(created.get(1, TimeUnit.SECONDS), "bench");
                pump(st, ct, server, client);
                playing.get(1, TimeUnit.SECONDS);
                st.discard();
                transports[i] = st;
            } finally {
                loop.exit();
            }
        }
    }

    private void setupHttp(LiveBroadcastController relay) {
        httpPlayers = new MemoryHttpPlayer[players];
        HttpFlvPlayer handler = new HttpFlvPlayer(relay);
        for (int i = 0; i < players; i++) {
            MemoryLoop loop = loops[i % LOOPS];
            MemoryHttpPlayer p = new MemoryHttpPlayer(loop, "/live/bench.flv");
            loop.enter();
            try {
                handler.handle(p);
            } finally {
                loop.exit();
            }
            if (p.status() != 200) {
                throw new IllegalStateException("HTTP-FLV player " + i + " got " + p.status());
            }
            httpPlayers[i] = p;
        }
        runLoops();
    }

    private void publish(LiveBroadcastController relay) {
        loops[0].enter();
        try {
            ingest = relay.publish(KEY, new IngestSource() {
                @Override
                public String id() {
                    return "bench";
                }

                @Override
                public void close() {}
            });
        } finally {
            loops[0].exit();
        }
        runLoops();
        if (transports != null) {
            for (MemoryTransport t : transports) {
                t.discard();
            }
        }
    }

    private long written(int player) {
        return transports != null ? transports[player].written() : httpPlayers[player].written();
    }

    /** Fails the run if a player did not get the measured frames (a benchmark of nothing). */
    @TearDown
    public void checkDelivered() {
        for (int i = 0; i < players; i++) {
            if (written(i) < writtenAfterSetup[i] + payload.remaining()) {
                throw new IllegalStateException("player " + i + " got no inter frame");
            }
        }
    }

    private static void pump(MemoryTransport st, MemoryTransport ct, ServerConnection server, ClientConnection client) {
        for (int round = 0; round < 1000; round++) {
            boolean busy = false;
            ByteBuffer b;
            while ((b = ct.poll()) != null) {
                server.onBytes(b);
                busy = true;
            }
            while ((b = st.poll()) != null) {
                client.onBytes(b);
                busy = true;
            }
            if (!busy) {
                return;
            }
        }
        throw new IllegalStateException("in-memory connection did not settle");
    }

    /** Publishes {@code m} as loop 0 (the publisher's), then runs what the other loops were posted. */
    private int send(MediaMessage m) {
        loops[0].enter();
        try {
            ingest.media(m);
        } finally {
            loops[0].exit();
        }
        runLoops();
        return m.timestamp();
    }

    private void runLoops() {
        for (MemoryLoop l : loops) {
            l.runAll();
        }
    }

    /** One inter frame (and with {@code mix=av} one AAC frame) to every player. */
    @Benchmark
    public int fanOut() {
        timestamp += 40;
        if (withAudio) {
            send(new AudioMessage(timestamp - 20, 1, audio));
        }
        return send(new VideoMessage(timestamp, 1, payload));
    }
}
