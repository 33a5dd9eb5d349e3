package org.rtmp4j.examples.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One thread's share of the {@code load-http} clients: a selector over non-blocking keep-alive
 * connections, each sending the same GET again as soon as the previous response has been read
 * whole (a closed-loop client, as wrk's). A connection the server closes, or that asks to close, is
 * reopened. Counts whole responses, non-200 responses, failures and body bytes, and records each
 * response's latency (request written to last byte read) in a {@link Histogram}.
 *
 * <p>Thread-safety: {@link #run} on its own thread; the counters are atomics read by the command.
 */
final class HttpGetLoop implements Runnable {
    private final InetSocketAddress server;
    private final List<InetAddress> sources;
    private final ByteBuffer request;
    private final Histogram latency;
    private final long endNanos;
    final AtomicLong responses = new AtomicLong();
    final AtomicLong notOk = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();

    /**
     * @param server where to connect
     * @param sources one local address per connection ({@code null} entries: any)
     * @param request the request bytes, sent again for every response
     * @param latency where each response's latency goes
     * @param endNanos when to stop ({@link System#nanoTime()} scale)
     */
    HttpGetLoop(InetSocketAddress server, List<InetAddress> sources, ByteBuffer request, Histogram latency, long endNanos) {
        this.server = server;
        this.sources = sources;
        this.request = request.asReadOnlyBuffer();
        this.latency = latency;
        this.endNanos = endNanos;
    }

    /** One keep-alive connection's state. */
    private final class Client {
        final InetAddress source;
        final HttpResponseMeter meter = new HttpResponseMeter();
        SocketChannel channel;
        ByteBuffer out;
        long sentAt;

        Client(InetAddress source) {
            this.source = source;
        }
    }

    @Override
    public void run() {
        ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
        try (Selector selector = Selector.open()) {
            for (InetAddress source : sources) {
                open(selector, new Client(source));
            }
            while (System.nanoTime() - endNanos < 0) {
                selector.select(100);
                for (SelectionKey key : selector.selectedKeys()) {
                    Client c = (Client) key.attachment();
                    try {
                        step(selector, key, c, in);
                    } catch (IOException | RuntimeException e) {
                        failures.incrementAndGet();
                        close(c);
                        open(selector, new Client(c.source));
                    }
                }
                selector.selectedKeys().clear();
            }
            for (SelectionKey key : selector.keys()) {
                close((Client) key.attachment());
            }
        } catch (IOException e) {
            failures.incrementAndGet();
        }
    }

    private void open(Selector selector, Client c) {
        try {
            c.channel = SocketChannel.open();
            c.channel.configureBlocking(false);
            c.channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (c.source != null) {
                c.channel.bind(new InetSocketAddress(c.source, 0));
            }
            if (c.channel.connect(server)) {
                send(c);
                c.channel.register(selector, SelectionKey.OP_WRITE | SelectionKey.OP_READ, c);
            } else {
                c.channel.register(selector, SelectionKey.OP_CONNECT, c);
            }
        } catch (IOException e) {
            failures.incrementAndGet();
            close(c);
        }
    }

    private void step(Selector selector, SelectionKey key, Client c, ByteBuffer in) throws IOException {
        if (key.isConnectable()) {
            c.channel.finishConnect();
            send(c);
            key.interestOps(SelectionKey.OP_WRITE | SelectionKey.OP_READ);
            return;
        }
        if (key.isWritable()) {
            c.channel.write(c.out);
            if (!c.out.hasRemaining()) {
                key.interestOps(SelectionKey.OP_READ);
            }
        }
        if (!key.isReadable()) {
            return;
        }
        in.clear();
        int n = c.channel.read(in);
        if (n < 0) {
            throw new IOException("server closed the connection");
        }
        in.flip();
        bytes.addAndGet(n);
        while (in.hasRemaining()) {
            if (!c.meter.feed(in)) {
                return;
            }
            latency.record(System.nanoTime() - c.sentAt);
            responses.incrementAndGet();
            if (c.meter.status() != 200) {
                notOk.incrementAndGet();
            }
            if (c.meter.closeAfter()) {
                close(c);
                open(selector, new Client(c.source));
                return;
            }
            send(c);
            c.channel.write(c.out);
            key.interestOps(c.out.hasRemaining() ? SelectionKey.OP_WRITE | SelectionKey.OP_READ : SelectionKey.OP_READ);
        }
    }

    private void send(Client c) {
        c.out = request.duplicate();
        c.sentAt = System.nanoTime();
    }

    private static void close(Client c) {
        if (c.channel != null) {
            try {
                c.channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
