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
 * stream: every {@code framesPerWrite} frame intervals, one {@code write(2)} of {@code framesPerWrite ×
 * frameBytes} bytes per connection. Its CPU per delivered GB is what the kernel charges a perfect sender
 * for that write pattern, the yardstick for {@code bench/fanout.sh}.
 *
 * <p>A connection whose socket buffer is full keeps its backlog (at most {@value #MAX_BACKLOG} bytes; more is
 * not owed) and is written again at the next interval; a connection whose write fails is closed. Nothing is
 * read from connections.
 *
 * <p>Threading: {@link #run()} is the only thread that touches connections; {@link #close()} and the
 * counters may be called from any thread.
 */
final class WriteFloorSender implements AutoCloseable {
    /** Bytes a connection may owe before further frames are not owed to it (1 MiB). */
    static final int MAX_BACKLOG = 1 << 20;

    private final ServerSocketChannel server;
    private final Selector selector;
    private final ByteBuffer source = ByteBuffer.allocateDirect(MAX_BACKLOG);
    private final long batchBytes;
    private final long intervalNanos;
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
     * Binds the listening socket.
     *
     * @param bind           address to listen on (port 0: any free port)
     * @param frameBytes     bytes per frame, &gt; 0
     * @param fps            frames per second, &gt; 0
     * @param framesPerWrite frames written together in one {@code write(2)}, &gt; 0
     * @throws IOException if the address cannot be bound
     */
    WriteFloorSender(InetSocketAddress bind, int frameBytes, int fps, int framesPerWrite) throws IOException {
        if (frameBytes <= 0 || fps <= 0 || framesPerWrite <= 0 || (long) frameBytes * framesPerWrite > MAX_BACKLOG) {
            throw new IllegalArgumentException("frame bytes, fps and frames per write must be > 0 and one write"
                    + " at most " + MAX_BACKLOG + " bytes: " + frameBytes + ", " + fps + ", " + framesPerWrite);
        }
        this.batchBytes = (long) frameBytes * framesPerWrite;
        this.intervalNanos = TimeUnit.SECONDS.toNanos(framesPerWrite) / fps;
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
        long next = System.nanoTime() + intervalNanos;
        try {
            while (!closed) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
                    selector.selectedKeys().clear();
                    accept();
                }
                long now = System.nanoTime();
                if (now - next >= 0) {
                    writeAll();
                    next += intervalNanos;
                    if (now - next > intervalNanos) {
                        next = now + intervalNanos; // fell more than an interval behind: do not burst to catch up
                    }
                }
            }
        } finally {
            for (Connection c : connections) {
                c.channel.close();
            }
            server.close();
            selector.close();
        }
    }

    private void accept() throws IOException {
        SocketChannel ch;
        while ((ch = server.accept()) != null) {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ch.configureBlocking(false);
            connections.add(new Connection(ch));
        }
    }

    private void writeAll() {
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
