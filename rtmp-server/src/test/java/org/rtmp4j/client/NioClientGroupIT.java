package org.rtmp4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.internal.EncodedMedia;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.server.RtmpServer;

/** Many NioClients on one two-loop NioClientGroup against the live relay over loopback. */
@Timeout(60)
class NioClientGroupIT {
    private RtmpServer server;
    private NioClientGroup group;

    @BeforeEach
    void start() throws Exception {
        server = RtmpServer.builder().port(0).eventLoops(2).controller(new LiveBroadcastController()).build().start();
        group = new NioClientGroup(2);
    }

    @AfterEach
    void stop() {
        group.close();
        server.close();
    }

    private URI url(String path) {
        return URI.create("rtmp://127.0.0.1:" + server.port() + "/" + path);
    }

    private static ClientOptions options() {
        return ClientOptions.defaults().withTimeout(Duration.ofSeconds(5));
    }

    private static VideoMessage frame(int ts, boolean key, int size) {
        byte[] b = new byte[size];
        b[0] = (byte) (key ? 0x17 : 0x27);
        b[1] = 1;
        b[size - 1] = (byte) ts;
        return new VideoMessage(ts, 0, ByteBuffer.wrap(b).asReadOnlyBuffer());
    }

    /** Records media as they arrive, on the loop thread. */
    private static final class Player implements ClientListener {
        final BlockingQueue<MediaMessage> media = new LinkedBlockingQueue<>();

        @Override
        public void onMedia(int streamId, MediaMessage m) {
            media.add(m);
        }
    }

    @Test
    void closingTheGroupFromOneOfItsOwnCallbacksDoesNotWaitForItself() throws Exception {
        // Relays.stopAll closes the group from the last relay's close callback, on a client loop: close() there
        // must start the shutdown and return, not wait (5 s) for the loop it runs on to end
        CompletableFuture<String> closedOn = new CompletableFuture<>();
        NioClient publisher = group.connect(url("live/cam"), options(), new ClientListener() {
            @Override
            public void onStatus(int streamId, Status status) {
                if (streamId != 0 && !closedOn.isDone()) {
                    group.close();
                    closedOn.complete(Thread.currentThread().getName());
                }
            }
        }).get(5, TimeUnit.SECONDS);
        int id = publisher.createStream().get(5, TimeUnit.SECONDS);
        publisher.publish(id, "cam");

        assertThat(closedOn.get(2, TimeUnit.SECONDS)).as("close() returned on the loop").startsWith("rtmp-client-loop-");
        assertThat(publisher.closeFuture().handle((v, e) -> true).get(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void twentyPlayersOnTwoLoopsReceiveWhatOnePublisherSends() throws Exception {
        NioClient publisher = group.connect(url("live/cam"), options(), new ClientListener() { }).get(5, TimeUnit.SECONDS);
        int pubStream = publisher.createStream().get(5, TimeUnit.SECONDS);
        publisher.publish(pubStream, "cam").get(5, TimeUnit.SECONDS);

        List<Player> players = new ArrayList<>();
        List<NioClient> clients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Player p = new Player();
            NioClient c = group.connect(url("live/cam"), options(), p).get(5, TimeUnit.SECONDS);
            int id = c.createStream().get(5, TimeUnit.SECONDS);
            c.play(id, c.streamName()).get(5, TimeUnit.SECONDS);
            players.add(p);
            clients.add(c);
        }
        publisher.sendMedia(pubStream, frame(0, true, 20_000)); // spans several 4096-byte chunks
        publisher.sendMedia(pubStream, frame(40, false, 3_000));

        for (Player p : players) {
            MediaMessage first = p.media.poll(5, TimeUnit.SECONDS);
            MediaMessage second = p.media.poll(5, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(second).isNotNull();
            assertThat(first.payload().remaining()).isEqualTo(20_000);
            assertThat(first.payload().get(0)).isEqualTo((byte) 0x17);
            assertThat(second.timestamp()).isEqualTo(40);
            assertThat(second.payload().remaining()).isEqualTo(3_000);
        }
        assertThat(clients).allSatisfy(c -> assertThat(c.bytesIn()).isGreaterThan(23_000));
        assertThat(publisher.bytesOut()).isGreaterThan(23_000);
    }

    @Test
    void twoPublishersWriteOneSharedEncodingAndClientsOfOneLoopShareAnExecutorKey() throws Exception {
        List<NioClient> publishers = new ArrayList<>();
        List<Integer> streams = new ArrayList<>();
        List<Player> players = new ArrayList<>();
        List<NioClient> all = new ArrayList<>();
        for (String key : List.of("a", "b", "c")) {
            NioClient pub = group.connect(url("live/" + key), options(), new ClientListener() { }).get(5, TimeUnit.SECONDS);
            int id = pub.createStream().get(5, TimeUnit.SECONDS);
            pub.publish(id, key).get(5, TimeUnit.SECONDS);
            Player p = new Player();
            NioClient c = group.connect(url("live/" + key), options(), p).get(5, TimeUnit.SECONDS);
            c.play(c.createStream().get(5, TimeUnit.SECONDS), key).get(5, TimeUnit.SECONDS);
            publishers.add(pub);
            all.add(pub);
            all.add(c);
            streams.add(id);
            players.add(p);
        }
        EncodedMedia key = EncodedMedia.of(frame(0, true, 20_000));
        EncodedMedia inter = EncodedMedia.of(frame(40, false, 3_000));
        for (int i = 0; i < publishers.size(); i++) {
            publishers.get(i).sendEncoded(streams.get(i), key);
            publishers.get(i).sendEncoded(streams.get(i), inter);
        }
        for (Player p : players) {
            MediaMessage first = p.media.poll(5, TimeUnit.SECONDS);
            MediaMessage second = p.media.poll(5, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(second).isNotNull();
            assertThat(first.payload()).isEqualTo(frame(0, true, 20_000).payload());
            assertThat(second.timestamp()).isEqualTo(40);
            assertThat(second.payload()).isEqualTo(frame(40, false, 3_000).payload());
        }
        assertThat(streams).containsOnly(1);
        assertThat(publishers).allSatisfy(c -> assertThat(c.chunkSizeHint()).isEqualTo(4096));
        assertThat(key.encodings()).isEqualTo(1); // one chunking for the three connections
        assertThat(inter.encodings()).isEqualTo(1);
        assertThat(publishers).allSatisfy(c -> assertThat(c.bytesOut()).isGreaterThan(23_000));

        // six connections on two loops: those of one loop share a key and a thread
        List<Thread> threads = new ArrayList<>();
        for (NioClient c : all) {
            java.util.concurrent.CompletableFuture<Thread> ran = new java.util.concurrent.CompletableFuture<>();
            c.execute(() -> ran.complete(Thread.currentThread()));
            threads.add(ran.get(5, TimeUnit.SECONDS));
        }
        for (int i = 0; i < all.size(); i++) {
            for (int j = 0; j < all.size(); j++) {
                assertThat(all.get(i).executorKey() == all.get(j).executorKey())
                        .as("key of %d == key of %d", i, j).isEqualTo(threads.get(i) == threads.get(j));
            }
        }
        assertThat(new java.util.HashSet<>(threads)).hasSize(2);
    }

    @Test
    void aClientCanConnectFromAChosenLoopbackAddress() throws Exception {
        NioClient c = group.connect(url("live/x"), options(), new ClientListener() { },
                InetAddress.getByName("127.0.0.1")).get(5, TimeUnit.SECONDS);
        assertThat(c.createStream().get(5, TimeUnit.SECONDS)).isPositive();
        c.close();
        c.closeFuture().handle((v, e) -> null).get(5, TimeUnit.SECONDS);
        assertThat(c.isClosed()).isTrue();
    }

    @Test
    void aRefusedConnectionFailsTheFuture() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = s.getLocalPort();
        }
        assertThatThrownBy(() -> group.connect(URI.create("rtmp://127.0.0.1:" + port + "/live"), options(),
                new ClientListener() { }).get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(java.io.IOException.class);
    }
}
