package org.rtmp4j.live;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.ClientConnection;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.core.session.ConnectOptions;
import org.rtmp4j.core.session.RtmpController;
import org.rtmp4j.core.session.ServerConnection;
import org.rtmp4j.core.session.SessionConfig;
import org.rtmp4j.core.session.Transport;

/**
 * Real {@link ClientConnection}s talking to real {@link ServerConnection}s that share one
 * controller, over memory, on the test thread: {@link #pump()} moves bytes until quiet. No sockets.
 */
final class MemoryNetwork {
    private final RtmpController controller;
    private final List<Link> links = new ArrayList<>();

    MemoryNetwork(RtmpController controller) {
        this.controller = controller;
    }

    /** Connects a new client to app {@code live}, with extra connect properties (e.g. fourCcList). */
    Link connect(Map<String, Object> extra) throws Exception {
        Link link = new Link();
        links.add(link);
        link.client.start();
        CompletableFuture<?> f = link.client.connect(new ConnectOptions("live", "rtmp://127.0.0.1/live", extra));
        pump();
        f.get(1, TimeUnit.SECONDS);
        return link;
    }

    /** Moves bytes and runs posted tasks on every link until nothing is left to do. */
    void pump() {
        for (int round = 0; round < 10_000; round++) {
            boolean busy = false;
            for (Link l : links) {
                busy |= l.step();
            }
            if (!busy) {
                return;
            }
        }
        throw new AssertionError("network did not settle");
    }

    <T> T await(CompletableFuture<T> f) throws Exception {
        pump();
        return f.get(1, TimeUnit.SECONDS);
    }

    /** One client-server connection. */
    final class Link {
        final Pipe toClient = new Pipe();
        final Pipe toServer = new Pipe();
        final List<Object> received = new ArrayList<>();
        final ServerConnection server =
                new ServerConnection(SessionConfig.defaults(), session -> controller, toClient, 0L);
        final ClientConnection client = new ClientConnection(SessionConfig.defaults(), toServer, new ClientListener() {
            @Override
            public void onStatus(int streamId, Status status) {
                received.add(status.code());
            }

            @Override
            public void onMedia(int streamId, MediaMessage media) {
                received.add(media);
            }

            @Override
            public void onData(int streamId, DataMessage data) {
                received.add(data);
            }
        });
        private boolean closed;

        boolean step() {
            boolean busy = toClient.runTasks() + toServer.runTasks() > 0;
            ByteBuffer up = toServer.drain();
            if (up.hasRemaining()) {
                server.onBytes(up);
                busy = true;
            }
            ByteBuffer down = toClient.drain();
            if (down.hasRemaining()) {
                client.onBytes(down);
                busy = true;
            }
            if (!closed && (toClient.closed || toServer.closed)) {
                closed = true;
                server.onTransportClosed(null);
                client.onTransportClosed(null);
                busy = true;
            }
            return busy;
        }

        /** Publishes {@code name} on a new stream. @return the message stream id */
        int publish(String name) throws Exception {
            int id = await(client.createStream());
            client.publish(id, name, org.rtmp4j.core.command.PublishType.LIVE);
            pump();
            return id;
        }

        /** Plays {@code name} on a new stream. @return the message stream id */
        int play(String name) throws Exception {
            int id = await(client.createStream());
            client.play(id, name);
            pump();
            return id;
        }

        List<MediaMessage> media() {
            List<MediaMessage> out = new ArrayList<>();
            for (Object o : received) {
                if (o instanceof MediaMessage m) {
                    out.add(m);
                }
            }
            return out;
        }

        List<String> statuses() {
            List<String> out = new ArrayList<>();
            for (Object o : received) {
                if (o instanceof String s) {
                    out.add(s);
                }
            }
            return out;
        }
    }

    /** One direction of a link: bytes written by one side, read by the other. */
    static final class Pipe implements Transport {
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
        private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private final Thread owner = Thread.currentThread();
        volatile boolean closed;

        @Override
        public synchronized void write(List<ByteBuffer> buffers) {
            for (ByteBuffer b : buffers) {
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                pending.writeBytes(bytes);
            }
        }

        synchronized ByteBuffer drain() {
            ByteBuffer out = ByteBuffer.wrap(pending.toByteArray());
            pending.reset();
            return out;
        }

        int runTasks() {
            int n = 0;
            for (Runnable r; (r = tasks.poll()) != null; n++) {
                r.run();
            }
            return n;
        }

        @Override
        public long queuedBytes() {
            return 0;
        }

        @Override
        public void close() {
            closed = true;
        }

        @Override
        public SocketAddress remoteAddress() {
            return InetSocketAddress.createUnresolved("memory", 1935);
        }

        @Override
        public void execute(Runnable task) {
            tasks.add(task);
        }

        @Override
        public boolean inConnectionThread() {
            return Thread.currentThread() == owner;
        }
    }
}
