package org.rtmp4j.examples.bench;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import org.rtmp4j.core.session.Transport;

/**
 * A single-threaded in-memory {@link Transport} for benchmarks: queues written bytes (copied) for
 * the peer until {@link #discard()}, then only counts them, as a socket that never blocks would.
 * Tasks run at once (everything is on the benchmark's thread). Not thread-safe.
 */
final class MemoryTransport implements Transport {
    private static final SocketAddress PEER = new InetSocketAddress("127.0.0.1", 1935);
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private boolean discard;
    private boolean closed;
    private long written;

    /** From now on, written bytes are counted and dropped. */
    void discard() {
        discard = true;
        queue.clear();
    }

    /** @return the next queued chunk of bytes for the peer, or {@code null} */
    ByteBuffer poll() {
        return queue.poll();
    }

    /** @return bytes written so far */
    long written() {
        return written;
    }

    boolean isClosed() {
        return closed;
    }

    @Override
    public void write(List<ByteBuffer> buffers) {
        for (int i = 0, n = buffers.size(); i < n; i++) {
            ByteBuffer b = buffers.get(i);
            int r = b.remaining();
            written += r;
            if (!discard && r > 0) {
                ByteBuffer copy = ByteBuffer.allocate(r);
                copy.put(b.duplicate()).flip();
                queue.add(copy);
            }
            b.position(b.limit());
        }
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
        return PEER;
    }

    @Override
    public void execute(Runnable task) {
        task.run();
    }

    @Override
    public boolean inConnectionThread() {
        return true;
    }
}
