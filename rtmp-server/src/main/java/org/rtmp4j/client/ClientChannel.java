package org.rtmp4j.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import javax.net.ssl.SSLSocket;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.rtmp4j.core.session.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's blocking {@link Transport} and the lock that confines its engine. Over TLS
 * ({@code rtmps://}) the bytes go through an {@link SSLSocket} layered on the channel's socket: the
 * buffers of one write are copied into one array so that they leave in as few records as possible. Writes complete
 * before {@link #write} returns (so nothing is ever queued); every engine call goes through
 * {@link #call}, one at a time; work posted from inside an engine call ({@link #execute}) runs
 * right after that call returns, on the same thread, never re-entrantly.
 */
final class ClientChannel implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(ClientChannel.class);

    private final SocketChannel channel;
    private final SSLSocket tls;
    private final OutputStream tlsOut;
    private final SocketAddress remote;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Runnable> deferred = new ArrayDeque<>();
    private final AtomicBoolean closing = new AtomicBoolean();

    ClientChannel(SocketChannel channel, SSLSocket tls) throws IOException {
        this.channel = channel;
        this.tls = tls;
        this.tlsOut = tls == null ? null : tls.getOutputStream();
        SocketAddress r;
        try {
            r = channel.getRemoteAddress();
        } catch (IOException e) {
            r = null;
        }
        this.remote = r;
    }

    SocketChannel channel() {
        return channel;
    }

    /**
     * @param pollMillis the read timeout, so the reader can tick
     * @return the stream of received plaintext
     * @throws IOException if the socket is closed
     */
    InputStream input(int pollMillis) throws IOException {
        if (tls != null) {
            tls.setSoTimeout(pollMillis);
            return tls.getInputStream();
        }
        channel.socket().setSoTimeout(pollMillis);
        return channel.socket().getInputStream();
    }

    /** Half-closes: close_notify (TLS) or FIN. */
    void shutdownOutput() throws IOException {
        if (tls != null) {
            tls.shutdownOutput();
        } else {
            channel.shutdownOutput();
        }
    }

    /** Runs an engine call under the lock, then (outermost call only) the deferred work. */
    <T> T call(Supplier<T> engineCall) {
        lock.lock();
        try {
            T result = engineCall.get();
            if (lock.getHoldCount() == 1) {
                Runnable r;
                while ((r = deferred.poll()) != null) {
                    r.run();
                }
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs {@code engineCall} under the lock; from inside an engine call (a listener sending, say)
     * it is deferred until that call returns, so the engine is never re-entered.
     */
    void run(Runnable engineCall) {
        execute(engineCall);
    }

    /** @return whether the caller is inside an engine call (e.g. a listener callback) */
    boolean inEngineCall() {
        return lock.isHeldByCurrentThread();
    }

    /** @return {@code true} the first time: the close is ours, so read errors from now on are not failures */
    boolean markClosing() {
        return closing.compareAndSet(false, true);
    }

    boolean isClosing() {
        return closing.get();
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    void closeChannel() {
        try {
            if (tls != null) {
                tls.close();
            }
        } catch (IOException e) {
            LOG.debug("close", e);
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("close", e);
        }
    }

    @Override
    public void write(List<ByteBuffer> buffers) {
        if (!channel.isOpen()) {
            return;
        }
        if (tls != null) {
            writeTls(buffers);
            return;
        }
        ByteBuffer[] arr = buffers.toArray(new ByteBuffer[0]);
        int first = 0;
        try {
            while (first < arr.length) {
                channel.write(arr, first, arr.length - first);
                while (first < arr.length && !arr[first].hasRemaining()) {
                    first++;
                }
            }
        } catch (IOException e) {
            LOG.debug("write to {} failed", remote, e);
            closeChannel(); // the reader thread sees it and reports the failure
        }
    }

    private void writeTls(List<ByteBuffer> buffers) {
        int total = 0;
        for (ByteBuffer b : buffers) {
            total += b.remaining();
        }
        byte[] bytes = new byte[total];
        int at = 0;
        for (ByteBuffer b : buffers) {
            int n = b.remaining();
            b.get(bytes, at, n);
            at += n;
        }
        try {
            tlsOut.write(bytes);
            tlsOut.flush();
        } catch (IOException e) {
            LOG.debug("TLS write to {} failed", remote, e);
            closeChannel();
        }
    }

    @Override
    public long queuedBytes() {
        return 0;
    }

    @Override
    public void close() {
        closing.set(true);
        closeChannel();
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public void execute(Runnable task) {
        if (lock.isHeldByCurrentThread()) {
            deferred.add(task);
        } else {
            call(() -> {
                task.run();
                return null;
            });
        }
    }

    @Override
    public boolean inConnectionThread() {
        return lock.isHeldByCurrentThread();
    }
}
