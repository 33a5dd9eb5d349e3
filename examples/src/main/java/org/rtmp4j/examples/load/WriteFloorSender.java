package org.rtmp4j.examples.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The floor of live fan-out: a TCP server that does only what every relay must do, with no protocol at
 * all. Every accepted connection ({@code TCP_NODELAY}, like an RTMP server's) receives a paced byte
 * stream: the {@link WritePlan}'s writes, each one {@code write(2)} per connection when its time comes (one
 * per message, or one per video frame carrying the audio due with it). Its CPU per delivered GB is what the
 * kernel charges a perfect sender for that write pattern, the yardstick for {@code bench/fanout.sh}.
 *
 * <p>A connection whose socket buffer is full keeps its backlog (at most {@value #MAX_BACKLOG} bytes; more is
 * not owed) and is written again at the next write; a connection whose write fails is closed. A write that
 * is more than {@value #MAX_LATE_MS} ms late (the sender fell behind) is skipped: not owed, not written.
 * Nothing is read from connections.
 *
 * <p>Threading: {@link #run()} (or a test calling {@link #acceptPending()} and {@link #writeDue(long)}) is the
 * only thread that touches connections; {@link #close()} and the counters may be called from any thread.
 */
final class WriteFloorSender implements AutoCloseable {
    /** Bytes a connection may owe before further frames are not owed to it (1 MiB). */
    static final int MAX_BACKLOG = 1 << 20;
    /** A write later than this (ms) is skipped rather than burst out. */
    static final int MAX_LATE_MS = 1000;

    private final ServerSocketChannel server;
    private final Selector selector;
    private final ByteBuffer source = ByteBuffer.allocateDirect(MAX_BACKLOG);
    private final WritePlan plan;
    private final List<Connection> connections = new ArrayList<>();
    private volatile boolean closed;
    private volatile long writes;
    private volatile long bytesWritten;

    private static final class Connection {
        final SocketChannel channel;
        long backlog;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }
    }

    /**
     * Binds the listening socket for video only, {@code framesPerWrite} frames per write.
     *
     * @param bind           address to listen on (port 0: any free port)
     * @param frameBytes     bytes per frame, &gt; 0
     * @param fps            frames per second, &gt; 0
     * @param framesPerWrite frames written together in one {@code write(2)}, &gt; 0
     * @throws IOException if the address cannot be bound
     */
    WriteFloorSender(InetSocketAddress bind, int frameBytes, int fps, int framesPerWrite) throws IOException {
        this(bind, new WritePlan(frameBytes, fps, null, WritePlan.Mode.PER_FRAME, framesPerWrite));
    }

    /**
     * Binds the listening socket.
     *
     * @param bind address to listen on (port 0: any free port)
     * @param plan the writes, consumed by this sender
     * @throws IOException if the address cannot be bound
     * @throws IllegalArgumentException if one write may exceed {@value #MAX_BACKLOG} bytes
     */
    WriteFloorSender(InetSocketAddress bind, WritePlan plan) throws IOException {
        if (plan.maxWriteBytes() > MAX_BACKLOG) {
            throw new IllegalArgumentException("one write may be " + plan.maxWriteBytes() + " bytes, more than "
                    + MAX_BACKLOG);
        }
        this.plan = plan;
        this.selector = Selector.open();
        this.server = ServerSocketChannel.open();
        server.bind(bind, 4096);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
    }

    /** @return the bound address (with the actual port when bound to port 0) */
    InetSocketAddress localAddress() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    /** @return {@code write(2)} calls so far */
    long writes() {
        return writes;
    }

    /** @return bytes written so far, over all connections */
    long bytesWritten() {
        return bytesWritten;
    }

    /**
     * Accepts connections and writes to them until {@link #close()}.
     *
     * @throws IOException if the listening socket or the selector fails
     */
    void run() throws IOException {
        long start = System.nanoTime();
        try {
            while (!closed) {
                long wait = start + plan.dueNanos() - System.nanoTime();
                if (wait > 0) {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
                    selector.selectedKeys().clear();
                    acceptPending();
                }
                writeDue(System.nanoTime() - start);
            }
        } finally {
            for (Connection c : connections) {
                c.channel.close();
            }
            server.close();
            selector.close();
        }
    }

    /**
     * Accepts the connections waiting in the listen queue.
     *
     * @throws IOException if accepting fails
     */
    void acceptPending() throws IOException {
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            connections.add(new Connection(ch));
        }
    }

    /**
     * Makes every write of the plan that is due by {@code elapsedNanos}: one {@code write(2)} per connection each,
     * or none for a write more than {@value #MAX_LATE_MS} ms late.
     *
     * @param elapsedNanos time since the start of the stream, ns
     */
    void writeDue(long elapsedNanos) {
        while (elapsedNanos - plan.dueNanos() >= 0) {
            if (elapsedNanos - plan.dueNanos() <= TimeUnit.MILLISECONDS.toNanos(MAX_LATE_MS)) {
                writeAll(plan.bytes());
            }
            plan.advance();
        }
    }

    private void writeAll(long batchBytes) {
        long n = 0;
        long bytes = 0;
        for (int i = connections.size() - 1; i >= 0; i--) {
            Connection c = connections.get(i);
            c.backlog = Math.min(c.backlog + batchBytes, MAX_BACKLOG);
            source.clear().limit((int) c.backlog);
            try {
                int w = c.channel.write(source);
                n++;
                bytes += w;
                c.backlog -= w;
            } catch (IOException e) { // the peer went away
                connections.remove(i);
                try {
                    c.channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
        writes += n;
        bytesWritten += bytes;
    }

    /** Stops {@link #run()}, which then closes every connection and the listening socket. */
    @Override
    public void close() {
        closed = true;
        selector.wakeup();
    }
}
