package org.rtmp4j.core.session;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A {@link Transport} over memory for tests: written bytes are copied into a pending buffer (taken
 * by {@link #drain()}) and a full history; {@code queuedBytes} is set by hand; tasks posted from
 * other threads queue until {@link #runTasks()}. The connection thread is the creating thread.
 */
final class InMemoryTransport implements Transport {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private final ByteArrayOutputStream history = new ByteArrayOutputStream();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Thread connectionThread = Thread.currentThread();
    private volatile long queuedBytes;
    private volatile int closeCount;

    @Override
    public synchronized void write(List<ByteBuffer> buffers) {
        for (ByteBuffer b : buffers) {
            byte[] bytes = new byte[b.remaining()];
            b.get(bytes);
            pending.writeBytes(bytes);
            history.writeBytes(bytes);
        }
    }

    /** @return and forget the bytes written since the last call */
    synchronized ByteBuffer drain() {
        ByteBuffer out = ByteBuffer.wrap(pending.toByteArray());
        pending.reset();
        return out;
    }

    /** @return a copy of every byte ever written */
    synchronized byte[] history() {
        return history.toByteArray();
    }

    @Override
    public long queuedBytes() {
        return queuedBytes;
    }

    /** Sets what {@link #queuedBytes()} reports (to simulate a slow peer). */
    void queuedBytes(long value) {
        this.queuedBytes = value;
    }

    @Override
    public synchronized void close() {
        closeCount++;
    }

    boolean isClosed() {
        return closeCount > 0;
    }

    @Override
    public SocketAddress remoteAddress() {
        return InetSocketAddress.createUnresolved("peer.test", 1935);
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
    }

    /** Runs the queued tasks on the calling thread. @return how many ran */
    int runTasks() {
        int n = 0;
        Runnable r;
        while ((r = tasks.poll()) != null) {
            r.run();
            n++;
        }
        return n;
    }

    boolean hasTasks() {
        return !tasks.isEmpty();
    }

    @Override
    public boolean inConnectionThread() {
        return Thread.currentThread() == connectionThread;
    }
}
