package org.rtmp4j.server.internal;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import org.rtmp4j.core.session.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The NIO {@link Transport} of one accepted connection, confined to one {@link EventLoop}.
 *
 * <p>Reading: on {@code OP_READ} the loop's shared 64 KiB buffer is filled and handed to the
 * {@link ConnectionHandler}, which consumes it all. Writing: {@link #write} only queues the
 * buffers (no copy) and marks the transport dirty; the loop flushes once per wake-up (or, for
 * {@link #writeMedia media} under merged writes, after the loop's flush delay) with a
 * gathering {@link SocketChannel#write(ByteBuffer[], int, int)}. Holdable audio ({@link
 * #writeMedia(ByteBuffer, long)}) waits for the next other write or its deadline ({@code
 * FlushState}, {@code HeldWrites}). {@code OP_WRITE} interest is set
 * only while bytes remain queued. {@link #close()} stops feeding the handler, flushes, half-closes
 * (FIN) and drops further input until the peer closes too, or closes at once after the linger
 * time, whichever comes first.
 *
 * <p>Per-write cost (steady fan-out queues one buffer per flush for each of many connections): the
 * first queued buffer is held in a field and the others are counted, and the interest set is
 * mirrored in a field, so a flush of one buffer touches neither the deque nor the {@link
 * SelectionKey}.
 *
 * <p>TLS ({@link #useTls}): a {@link TlsChannel} sits between the socket and the queue; the handler
 * still sees plaintext, the queue still holds the plaintext buffers (so {@link #queuedBytes()} and
 * the back-pressure built on it count plaintext not yet encrypted, plus nothing: at most one record
 * of ciphertext is held beyond it), and the connection's handshake deadline covers the TLS
 * handshake. {@link #close()} sends close_notify before the FIN.
 *
 * <p>Thread-safety: {@link #execute} and {@link #inConnectionThread} from any thread; {@link
 * #close()} from any thread (marshalled); the rest on the loop's thread.
 */
public final class NioTransport extends FlushState implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(NioTransport.class);
    private static final VarHandle QUEUED;

    static {
        try {
            QUEUED = MethodHandles.lookup().findVarHandle(NioTransport.class, "queued", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Called on the loop's thread when traffic flows or the connection ends (metrics). */
    public interface Listener {
        /** @param n bytes read */
        default void bytesIn(long n) {}

        /** @param n bytes written */
        default void bytesOut(long n) {}

        /**
         * Once, after the channel closed.
         *
         * @param transport the closed transport
         */
        default void closed(NioTransport transport) {}
    }

    private final SocketChannel channel;
    private final Listener listener;
    private final long lingerNanos;
    private final SocketAddress remote;
    /** The first queued buffer, or null when nothing is queued. */
    private ByteBuffer head;
    /** The queued buffers after {@link #head}; empty while {@code head} is null. */
    private final ArrayDeque<ByteBuffer> out = new ArrayDeque<>();
    /** {@code out.size()}, kept here so that the single-buffer case does not read the deque. */
    private int outSize;
    private ConnectionHandler handler;
    private SelectionKey key;
    /** The key's interest set as last set by this transport (only it changes the key's). */
    private int interest;
    /** Written on the loop thread only (release stores); read by other sessions (isWritable). */
    private volatile long queued;
    private boolean closeRequested;
    private boolean outputShut;
    private boolean closed;
    private Cancellable lingerTimer;
    private long flushes;
    private long socketWrites;
    private TlsChannel tls;
    private long tlsHandshakeNanos;
    private long tlsDeadline;
    /** Whether the flush after the TLS handshake (of plaintext queued during it) was asked for. */
    private boolean tlsReady;

    /**
     * Wraps an accepted (or connected) channel; call {@link #start} on the loop's thread.
     *
     * @param loop the loop the connection is confined to
     * @param channel the connected channel
     * @param listener traffic and close notifications (metrics)
     * @param lingerNanos how long {@link #close()} waits for the queue to drain, in nanoseconds
     */
    public NioTransport(EventLoop loop, SocketChannel channel, Listener listener, long lingerNanos) {
        super(loop);
        this.channel = channel;
        this.listener = listener;
        this.lingerNanos = lingerNanos;
        SocketAddress a;
        try {
            a = channel.getRemoteAddress();
        } catch (IOException e) {
            a = null;
        }
        this.remote = a;
    }

    /**
     * Registers for reading and starts feeding {@code connectionHandler}. Loop thread only.
     *
     * @param connectionHandler the engine to feed
     * @throws IOException if the channel cannot be configured or registered
     */
    public void start(ConnectionHandler connectionHandler) throws IOException {
        this.handler = connectionHandler;
        channel.configureBlocking(false);
        key = loop.register(channel, SelectionKey.OP_READ, this);
        interest = SelectionKey.OP_READ;
        if (tls != null) {
            tlsDeadline = System.nanoTime() + tlsHandshakeNanos;
            tls.begin();
            if (tls.engine().getUseClientMode()) {
                markDirty(); // the ClientHello
                flagUrgent();
            }
        }
    }

    /**
     * Speaks TLS on this connection: bytes are encrypted and decrypted by {@code engine}
     * (client or server mode, as configured). Call before {@link #start}. Loop thread.
     *
     * @param engine a new engine, not yet used
     * @param handshakeTimeoutNanos the TLS handshake must finish this long after {@link #start},
     *     else the connection closes (logged once at INFO)
     */
    public void useTls(SSLEngine engine, long handshakeTimeoutNanos) {
        if (handler != null) {
            throw new IllegalStateException("TLS must be set before start");
        }
        this.tls = new TlsChannel(engine, listener);
        this.tlsHandshakeNanos = handshakeTimeoutNanos;
    }

    /** @return the TLS layer, or {@code null} on a plain connection. Loop thread. */
    public TlsChannel tls() {
        return tls;
    }

    @Override
    public void write(List<ByteBuffer> buffers) {
        if (closed) {
            return;
        }
        for (int i = 0, n = buffers.size(); i < n; i++) {
            enqueue(buffers.get(i));
        }
        markDirty();
        flagUrgent(); // commands and control: no merge delay (see EventLoop)
    }

    @Override
    public void writeMedia(ByteBuffer chunks) {
        if (closed || !chunks.hasRemaining()) {
            return;
        }
        enqueue(chunks);
        markDirty();
    }

    /** Holdable audio waits for this connection's next other write or its deadline ({@code FlushState}). */
    @Override
    public void writeMedia(ByteBuffer chunks, long holdNanos) {
        if (holdNanos <= 0 || closeRequested) {
            writeMedia(chunks);
        } else if (!closed && chunks.hasRemaining()) {
            enqueue(chunks);
            hold(holdNanos);
        }
    }

    private void enqueue(ByteBuffer b) {
        if (b.hasRemaining()) {
            if (head == null) {
                head = b;
            } else {
                out.add(b);
                outSize++;
            }
            addQueued(b.remaining());
        }
    }

    /** Single writer (the loop), so a release store suffices; readers tolerate a stale value. */
    private void addQueued(long n) {
        QUEUED.setRelease(this, queued + n);
    }

    @Override
    public long queuedBytes() {
        return queued;
    }

    @Override
    public void close() {
        if (!loop.inLoop()) {
            execute(this::close);
            return;
        }
        if (closed || closeRequested) {
            return;
        }
        closeRequested = true;
        setInterest(SelectionKey.OP_READ, false);
        markDirty();
        lingerTimer = loop.schedule(() -> closeNow(null), lingerNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    /** @return the traffic and close listener given at construction (a server's per-connection {@link ClientEntry}) */
    public Listener listener() {
        return listener;
    }

    @Override
    public void execute(Runnable task) {
        try {
            loop.execute(() -> {
                try {
                    task.run();
                } catch (Throwable t) {
                    LOG.warn("task failed on connection {}, closing it", remote, t);
                    closeNow(t);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("loop terminated; dropping task for {}", remote);
        }
    }

    @Override
    public boolean inConnectionThread() {
        return loop.inLoop();
    }

    /** @return the event loop: every transport of one loop runs its tasks on that loop's thread */
    @Override
    public Object executorKey() {
        return loop;
    }

    /**
     * Write coalescing evidence: how many times the queue was flushed (at most once per loop
     * iteration in which {@link #write} was called, plus once per {@code OP_WRITE} readiness).
     * Loop thread only.
     *
     * @return flushes so far
     */
    public long flushes() {
        return flushes;
    }

    /**
     * How many socket write calls were made: a plain {@link SocketChannel#write(ByteBuffer)} when one
     * buffer is queued, otherwise gathering {@link SocketChannel#write(ByteBuffer[], int, int)} calls
     * of up to 64 queued buffers each. Loop thread only.
     *
     * @return socket writes so far
     */
    public long socketWrites() {
        return socketWrites;
    }

    /** @return whether the channel is closed */
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void onReady(int readyOps) throws IOException {
        if ((readyOps & SelectionKey.OP_WRITE) != 0) {
            flush();
        }
        if (!closed && (readyOps & SelectionKey.OP_READ) != 0) {
            if (outputShut) {
                discardUntilEof();
            } else if (!closeRequested) {
                read();
            }
        }
    }

    /** After our FIN: read and drop what the peer still sends until its FIN (lingering close). */
    private void discardUntilEof() throws IOException {
        ByteBuffer buf = loop.readBuffer();
        for (int i = 0; i < 4; i++) {
            buf.clear();
            int n = channel.read(buf);
            if (n < 0) {
                closeNow(null);
                return;
            }
            if (n == 0) {
                return;
            }
            listener.bytesIn(n);
        }
    }

    private void read() throws IOException {
        ByteBuffer buf = loop.readBuffer();
        for (int i = 0; i < 4 && !closed && !closeRequested; i++) {
            buf.clear();
            int n = readSome(buf);
            if (n < 0) {
                LOG.debug("peer {} closed the connection", remote);
                closeNow(null);
                return;
            }
            if (n == 0) {
                return;
            }
            buf.flip();
            handler.onBytes(buf);
            if (tls == null && n < buf.capacity()) {
                return; // the socket had no more; TLS reads at most one record's worth per call, so it reads on
            }
        }
    }

    /** Reads plaintext: from the socket, or decrypted by the TLS layer (its failures close, logged once). */
    private int readSome(ByteBuffer buf) throws IOException {
        if (tls == null) {
            int n = channel.read(buf);
            if (n > 0) {
                listener.bytesIn(n);
            }
            return n;
        }
        int n;
        try {
            n = tls.read(channel, buf);
        } catch (SSLException e) {
            tlsFailed(e);
            return -1;
        }
        boolean justReady = !tlsReady && tls.handshakeDone();
        if (justReady) {
            tlsReady = true;
        }
        if (tls.wantsWrite() || (justReady && head != null)) {
            markDirty(); // handshake replies, or plaintext queued while the handshake ran
            flagUrgent();
        }
        return n;
    }

    private void tlsFailed(SSLException e) {
        String hint = !tls.handshakeDone() && String.valueOf(e.getMessage()).contains("nrecognized")
                ? " (plaintext on a TLS port?)" : "";
        LOG.info("TLS peer {} refused: {}{}", remote, e.getMessage(), hint);
        closeNow(e);
    }

    @Override
    public void onTick(long nowNanos) {
        if (closed) {
            return;
        }
        if (tls != null && !tls.handshakeDone() && nowNanos - tlsDeadline >= 0) {
            LOG.info("TLS peer {}: handshake not finished within {} ms ({}), closing", remote,
                    TimeUnit.NANOSECONDS.toMillis(tlsHandshakeNanos), tls.sawBytes() ? "trickled" : "nothing sent");
            closeNow(new TimeoutException("TLS handshake timeout"));
            return;
        }
        handler.onTick(nowNanos);
    }

    @Override
    public void flush() {
        flushedState();
        if (closed) {
            return;
        }
        flushes++;
        try {
            if (tls == null) {
                writeQueued();
            } else {
                writeQueuedTls();
            }
        } catch (SSLException e) {
            tlsFailed(e);
            return;
        } catch (IOException e) {
            LOG.debug("write to {} failed", remote, e);
            closeNow(e);
            return;
        }
        if (tls != null ? !tls.hasPendingOutput() && (head == null || !tls.handshakeDone()) : head == null) {
            setInterest(SelectionKey.OP_WRITE, false);
            if (closeRequested) {
                shutdownOutput();
            }
        } else {
            setInterest(SelectionKey.OP_WRITE, true);
        }
    }

    private void writeQueued() throws IOException {
        if (head != null && outSize == 0) { // the common case in steady fan-out: write(2), no iovec to build
            socketWrites++;
            written(channel.write(head));
            if (!head.hasRemaining()) {
                head = null;
            }
            return;
        }
        ByteBuffer[] gather = loop.gatherArray();
        while (head != null) {
            int count = 1;
            long batch = head.remaining();
            gather[0] = head;
            Iterator<ByteBuffer> it = out.iterator();
            while (count < gather.length && it.hasNext()) {
                ByteBuffer b = it.next();
                gather[count++] = b;
                batch += b.remaining();
            }
            long written;
            try {
                socketWrites++;
                written = channel.write(gather, 0, count);
            } finally {
                Arrays.fill(gather, 0, count, null);
            }
            written(written);
            while (head != null && !head.hasRemaining()) {
                head = out.pollFirst();
                if (head != null) {
                    outSize--;
                }
            }
            if (written < batch) {
                return; // socket buffer full: wait for OP_WRITE
            }
        }
    }

    /** Encrypts the queue (gathered, one record per wrap) while the socket takes it; then close_notify if closing. */
    private void writeQueuedTls() throws IOException {
        ByteBuffer[] gather = loop.gatherArray();
        while (true) {
            int count = 0;
            if (head != null) {
                gather[count++] = head;
                Iterator<ByteBuffer> it = out.iterator();
                while (count < gather.length && it.hasNext()) {
                    gather[count++] = it.next();
                }
            }
            long consumed;
            try {
                socketWrites++;
                consumed = tls.write(channel, gather, 0, count);
            } finally {
                Arrays.fill(gather, 0, count, null);
            }
            if (consumed > 0) {
                addQueued(-consumed);
            }
            while (head != null && !head.hasRemaining()) {
                head = out.pollFirst();
                if (head != null) {
                    outSize--;
                }
            }
            if (tls.hasPendingOutput() || !tls.handshakeDone()) {
                return; // socket full (OP_WRITE) or the peer's turn in the handshake
            }
            if (head == null) {
                if (closeRequested) {
                    tls.closeOutbound(channel);
                }
                return;
            }
            if (consumed == 0) {
                return;
            }
        }
    }

    private void written(long n) {
        if (n > 0) {
            addQueued(-n);
            listener.bytesOut(n);
        }
    }

    /**
     * Sends FIN once everything is flushed and keeps reading (and dropping) until the peer's FIN or
     * the linger time, so a peer that is still sending does not get an RST that could destroy the
     * last bytes written (e.g. an {@code _error} before a close).
     */
    private void shutdownOutput() {
        if (outputShut) {
            return;
        }
        outputShut = true;
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            closeNow(null);
            return;
        }
        setInterest(SelectionKey.OP_READ, true);
    }

    @Override
    public void closeGracefully() {
        close();
    }

    @Override
    public void closeNow(Throwable causeOrNull) {
        if (closed) {
            return;
        }
        closed = true;
        closedState();
        if (lingerTimer != null) {
            lingerTimer.cancel();
        }
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing {}", remote, e);
        }
        head = null;
        out.clear();
        outSize = 0;
        queued = 0;
        loop.deregister(this);
        try {
            listener.closed(this);
        } finally {
            if (handler != null) {
                handler.onTransportClosed(causeOrNull);
            }
        }
    }

    private void markDirty() {
        if (!closed) {
            flagDirty();
        }
    }

    private void setInterest(int op, boolean on) {
        int next = on ? interest | op : interest & ~op;
        if (next == interest || key == null || !key.isValid()) {
            return;
        }
        key.interestOps(next);
        interest = next;
    }

    @Override
    public String toString() {
        return "NioTransport[" + remote + "]";
    }
}
