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
 * Without a {@link MemoryLoop} tasks run at once (everything is on the benchmark's thread); with
 * one, the transport belongs to that loop: its executor key, its thread, its task queue. Not
 * thread-safe.
 */
final class MemoryTransport implements Transport {
    private static final SocketAddress PEER = new InetSocketAddress("127.0.0.1", 1935);
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private final MemoryLoop loop;
    private boolean discard;
    private boolean closed;
    private long written;

    /** A transport whose tasks run at once. */
    MemoryTransport() {
        this(null);
    }

    /** @param loop the loop it belongs to, or {@code null} for "always on the caller's thread" */
    MemoryTransport(MemoryLoop loop) {
        this.loop = loop;
    }

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

    /** Media as a socket that never blocks would take it: counted (copied only before {@link #discard()}). */
    @Override
    public void writeMedia(ByteBuffer chunks) {
        if (!discard) {
            write(List.of(chunks));
            return;
        }
        written += chunks.remaining();
        chunks.position(chunks.limit());
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
        if (loop == null) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    @Override
    public boolean inConnectionThread() {
        return loop == null || loop.inLoop();
    }

    @Override
    public Object executorKey() {
        return loop != null ? loop : this;
    }
}
