package org.rtmp4j.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.core.internal.EncodedMedia;
import org.rtmp4j.core.internal.MediaFanout;
import org.rtmp4j.core.message.MediaMessage;

/**
 * {@link MediaFanout} with players on "other threads": fake event loops whose tasks queue until the
 * test runs them, so what crosses threads (tasks posted, encodings made) can be counted exactly.
 */
@Timeout(20)
class MediaFanoutTest {

    /** A fake event loop: a task queue, and "on the loop" only while it runs them. */
    private static final class FakeLoop {
        final List<Runnable> tasks = new ArrayList<>();
        int posted;
        boolean running;

        void post(Runnable r) {
            tasks.add(r);
            posted++;
        }

        /** @return tasks run */
        int run() {
            running = true;
            int n = 0;
            try {
                while (!tasks.isEmpty()) {
                    tasks.remove(0).run();
                    n++;
                }
            } finally {
                running = false;
            }
            return n;
        }
    }

    /** A server transport on a {@link FakeLoop}; bytes go through an {@link InMemoryTransport}. */
    private static final class LoopTransport implements Transport {
        final FakeLoop loop;
        final InMemoryTransport bytes = new InMemoryTransport();

        LoopTransport(FakeLoop loop) {
            this.loop = loop;
        }

        @Override
        public void write(List<ByteBuffer> buffers) {
            assertThat(loop.running).as("writes happen on the loop").isTrue();
            bytes.write(buffers);
        }

        @Override
        public long queuedBytes() {
            return 0;
        }

        @Override
        public void close() {
            bytes.close();
        }

        @Override
        public SocketAddress remoteAddress() {
            return bytes.remoteAddress();
        }

        @Override
        public void execute(Runnable task) {
            loop.post(task);
        }

        @Override
        public boolean inConnectionThread() {
            return loop.running;
        }

        @Override
        public Object executorKey() {
            return loop;
        }
    }

    /** A client and a server engine on a fake loop, playing {@code cam1}. */
    private static final class Player {
        final FakeLoop loop;
        final LoopTransport serverTransport;
        final InMemoryTransport clientTransport = new InMemoryTransport();
        final RecordingController controller = new RecordingController();
        final RecordingListener listener = new RecordingListener();
        final ServerConnection server;
        final ClientConnection client;
        final NetStream stream;

        Player(FakeLoop loop) {
            this.loop = loop;
            serverTransport = new LoopTransport(loop);
            server = new ServerConnection(SessionConfig.defaults(), s -> controller, serverTransport, 0L);
            client = new ClientConnection(SessionConfig.defaults(), clientTransport, listener);
            client.start();
            CompletableFuture<?> connected = client.connect(ConnectOptions.of("live", "rtmp://127.0.0.1/live"));
            pump();
            Steps.done(connected);
            CompletableFuture<Integer> created = client.createStream();
            pump();
            int id = Steps.done(created);
            CompletableFuture<Void> playing = client.play(id, "cam1");
            pump();
            Steps.done(playing);
            stream = controller.plays.peek().stream();
        }

        /** Moves bytes both ways (the server side on its loop) until quiet. */
        void pump() {
            for (int round = 0; round < 10_000; round++) {
                boolean busy = loop.run() + clientTransport.runTasks() > 0;
                ByteBuffer c2s = clientTransport.drain();
                if (c2s.hasRemaining()) {
                    loop.running = true;
                    try {
                        server.onBytes(c2s);
                    } finally {
                        loop.running = false;
                    }
                    busy = true;
                }
                ByteBuffer s2c = serverTransport.bytes.drain();
                if (s2c.hasRemaining()) {
                    client.onBytes(s2c);
                    busy = true;
                }
                if (!busy) {
                    return;
                }
            }
            throw new AssertionError("pump did not settle");
        }
    }

    @Test
    void playersOnOtherLoopsGetOneTaskPerLoopAndTheChunksAreEncodedOnTheCallingThread() {
        FakeLoop a = new FakeLoop();
        FakeLoop b = new FakeLoop();
        List<Player> players = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            players.add(new Player(i % 2 == 0 ? a : b));
        }
        int postedA = a.posted;
        int postedB = b.posted;
        List<MediaMessage> sent = List.of(Media.videoSequenceHeader(), Media.keyframe(0, 50_000),
                Media.audio(10, 300), Media.interFrame(40, 8_000), Media.keyframe(0x01000000, 9_000));
        List<EncodedMedia> shared = new ArrayList<>();

        for (MediaMessage m : sent) {
            MediaFanout fanout = new MediaFanout(EncodedMedia.of(m), players.size());
            for (Player p : players) {
                fanout.add(p.server, p.stream);
            }
            assertThat(fanout.send()).isEqualTo(2);
            assertThat(fanout.media().encodings()).as("encoded before any loop ran").isEqualTo(1);
            shared.add(fanout.media());
        }

        assertThat(a.posted - postedA).isEqualTo(sent.size());
        assertThat(b.posted - postedB).isEqualTo(sent.size());
        assertThat(a.run()).isEqualTo(sent.size());
        assertThat(b.run()).isEqualTo(sent.size());
        for (Player p : players) {
            p.pump();
            List<MediaMessage> got = List.copyOf(p.listener.media);
            assertThat(got).hasSameSizeAs(sent);
            for (int i = 0; i < sent.size(); i++) {
                assertThat(got.get(i).timestamp()).isEqualTo(sent.get(i).timestamp());
                assertThat(got.get(i).payload()).isEqualTo(sent.get(i).payload());
            }
        }
        assertThat(shared).allSatisfy(e -> assertThat(e.encodings()).isEqualTo(1));
    }

    @Test
    void aDirectSendFromAnotherThreadAlsoEncodesBeforePosting() {
        FakeLoop loop = new FakeLoop();
        Player p = new Player(loop);
        EncodedMedia media = EncodedMedia.of(Media.keyframe(100, 20_000));

        SharedSends.send(p.server, p.stream, media);

        assertThat(media.encodings()).isEqualTo(1);
        assertThat(loop.tasks).hasSize(1);
        p.pump();
        assertThat(p.listener.media).singleElement().satisfies(m -> assertThat(m.size()).isEqualTo(20_000));
    }

    @Test
    void aLonePlayerGetsTheOrdinaryPerConnectionEncodingAndNoSharedCopy() {
        FakeLoop loop = new FakeLoop();
        Player p = new Player(loop);
        int posted = loop.posted;
        MediaFanout fanout = new MediaFanout(Media.keyframe(7, 30_000));
        fanout.add(p.server, p.stream);

        assertThat(fanout.send()).isZero();

        assertThat(fanout.media().encodings()).isZero();
        assertThat(loop.posted - posted).isEqualTo(1); // the session's own marshalling
        p.pump();
        assertThat(p.listener.media).singleElement().satisfies(m -> assertThat(m.size()).isEqualTo(30_000));
    }

    @Test
    void playersOnTheCallingThreadAreSentToAtOnce() {
        FakeLoop loop = new FakeLoop();
        Player p = new Player(loop);
        Player q = new Player(loop);
        MediaFanout fanout = new MediaFanout(Media.audio(5, 100));
        fanout.add(p.server, p.stream);
        fanout.add(q.server, q.stream);

        loop.running = true;
        int posted;
        try {
            posted = fanout.send();
        } finally {
            loop.running = false;
        }

        assertThat(posted).isZero();
        assertThat(loop.tasks).isEmpty();
        assertThat(fanout.media().encodings()).isEqualTo(1);
        for (Player x : List.of(p, q)) {
            x.pump();
            assertThat(x.listener.media).singleElement().satisfies(m -> assertThat(m.timestamp()).isEqualTo(5));
        }
    }
}
