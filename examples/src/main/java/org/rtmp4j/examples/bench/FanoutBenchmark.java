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
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.core.session.ClientConnection;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.core.session.ConnectOptions;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.RtmpController;
import org.rtmp4j.core.session.ServerConnection;
import org.rtmp4j.core.session.SessionConfig;
import org.rtmp4j.live.Ingest;
import org.rtmp4j.live.IngestSource;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.StreamKey;

/**
 * The live hub's publish path: one 10 KB video message (a 2 Mbit/s stream at 25 fps) published
 * through an {@link Ingest} of a {@link LiveBroadcastController} to N playing {@link
 * ServerConnection}s (classified once, cached, chunked once into shared bytes, then each player's
 * slow-output decision and queueing). Players were brought to PLAYING through a real handshake,
 * connect, createStream and play over in-memory transports, whose output is then discarded.
 * Per-player cost: time per op / N. Before the hub (issue 12) this measured the fan-out class
 * alone, without the classification, the stream lock and the GOP cache.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FanoutBenchmark {
    /** Players. */
    @Param({"100", "1000"})
    public int players;

    private ServerConnection[] sessions;
    private NetStream[] streams;
    private MemoryTransport[] transports;
    private Ingest ingest;
    private long[] writtenAfterSetup;
    private ByteBuffer payload;
    private int timestamp;

    /** Connects and plays N in-memory players, then sends them a keyframe (past the drop gate). */
    @Setup
    public void setup() throws Exception {
        sessions = new ServerConnection[players];
        streams = new NetStream[players];
        transports = new MemoryTransport[players];
        RtmpController relay = new LiveBroadcastController();
        for (int i = 0; i < players; i++) {
            MemoryTransport st = new MemoryTransport();
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
            sessions[i] = server;
            streams[i] = server.streams().iterator().next();
            transports[i] = st;
        }
        ingest = ((LiveBroadcastController) relay).publish(new StreamKey("live", "bench"), new IngestSource() {
            @Override
            public String id() {
                return "bench";
            }

            @Override
            public void close() {}
        });
        for (MemoryTransport t : transports) {
            t.discard();
        }
        byte[] body = new byte[10_000];
        body[0] = 0x27;
        body[1] = 1;
        payload = ByteBuffer.wrap(body).asReadOnlyBuffer();
        byte[] key = body.clone();
        key[0] = 0x17;
        send(new VideoMessage(0, 1, ByteBuffer.wrap(key).asReadOnlyBuffer()));
        writtenAfterSetup = new long[players];
        for (int i = 0; i < players; i++) {
            writtenAfterSetup[i] = transports[i].written();
            if (writtenAfterSetup[i] < body.length) {
                throw new IllegalStateException("player " + i + " did not get the keyframe");
            }
        }
    }

    /** Fails the run if a player did not get the measured frames (a benchmark of nothing). */
    @TearDown
    public void checkDelivered() {
        for (int i = 0; i < players; i++) {
            if (transports[i].written() < writtenAfterSetup[i] + payload.remaining()) {
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

    private int send(VideoMessage m) {
        ingest.media(m);
        return m.timestamp();
    }

    /** One inter frame to every player. */
    @Benchmark
    public int fanOut() {
        timestamp += 40;
        return send(new VideoMessage(timestamp, 1, payload));
    }
}
