package org.rtmp4j.server.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;

/**
 * The TLS record layer of one {@link NioTransport} (RFC 8446, RFC 5246), driving a JDK {@link
 * SSLEngine} between the socket and the connection's plaintext, on the connection's event loop.
 *
 * <p>Buffers: one for ciphertext read and not yet decrypted ({@code netIn}) and one for ciphertext
 * encrypted and not yet written ({@code netOut}), each the session's packet size (one TLS record:
 * 16 KiB of plaintext plus the record overhead, about 16.7 KiB in JDK 17). Plaintext is decrypted
 * straight into the loop's read buffer, whose 64 KiB always holds what one {@code netIn} decrypts
 * to, so no plaintext is buffered here. A write wraps the queued plaintext buffers in one gathering
 * {@link SSLEngine#wrap(ByteBuffer[], int, int, ByteBuffer)} call (one record of up to 16 KiB) and
 * wraps the next record only once the previous one is on the socket: at most one record is held
 * beyond the transport's plaintext queue, so the transport's back-pressure still counts what the
 * peer has not taken.
 *
 * <p>Delegated tasks ({@link SSLEngine#getDelegatedTask()}: key exchange and certificate checks,
 * about a millisecond each) run inline on the loop: no thread per connection, nothing to
 * re-arm, at the price of that millisecond of loop time per handshake.
 *
 * <p>Not thread-safe: the loop's thread only.
 */
public final class TlsChannel {
    private static final ByteBuffer[] NO_BUFFERS = new ByteBuffer[0];

    private final SSLEngine engine;
    private final NioTransport.Listener counters;
    /** Ciphertext read, not yet unwrapped; in write mode (position = end of data). */
    private ByteBuffer netIn;
    /** Ciphertext wrapped, not yet written; in read mode. */
    private ByteBuffer netOut;
    private boolean handshakeDone;
    private boolean inboundClosed;
    private boolean outboundClosing;
    private boolean sawBytes;

    /**
     * @param engine a configured engine (client or server mode), not yet used
     * @param counters gets the ciphertext byte counts
     */
    public TlsChannel(SSLEngine engine, NioTransport.Listener counters) {
        this.engine = engine;
        this.counters = counters;
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOut = ByteBuffer.allocate(packet);
        this.netOut.flip();
    }

    /**
     * Starts the handshake: a client then has its ClientHello to write, a server waits for one.
     *
     * @throws SSLException if the engine cannot start
     */
    void begin() throws SSLException {
        engine.beginHandshake();
    }

    /** @return whether the handshake finished (application data can flow) */
    public boolean handshakeDone() {
        return handshakeDone;
    }

    /** @return whether any ciphertext arrived yet (tells a silent peer from a slow handshake) */
    boolean sawBytes() {
        return sawBytes;
    }

    /** @return whether wrapped bytes wait for the socket (the transport keeps {@code OP_WRITE}) */
    boolean hasPendingOutput() {
        return netOut.hasRemaining();
    }

    /** @return whether the handshake waits for this side to write (a read produced handshake output) */
    boolean wantsWrite() {
        return netOut.hasRemaining() || engine.getHandshakeStatus() == HandshakeStatus.NEED_WRAP;
    }

    /** @return whether close_notify was wrapped and written */
    boolean outboundDone() {
        return outboundClosing && engine.isOutboundDone() && !netOut.hasRemaining();
    }

    /**
     * Reads ciphertext from {@code ch} and decrypts what it completes into {@code dst}; drives the
     * handshake (its replies are written, or left for {@link #write}).
     *
     * @param ch the socket
     * @param dst where plaintext goes; at least 32 KiB free
     * @return plaintext bytes put into {@code dst}, 0 if none yet, -1 at the end of the stream (TCP
     *     FIN or the peer's close_notify)
     * @throws SSLException on a malformed record, a failed handshake or a certificate refused
     * @throws IOException if the socket fails
     */
    int read(SocketChannel ch, ByteBuffer dst) throws IOException {
        if (inboundClosed) {
            return -1;
        }
        int n = ch.read(netIn);
        if (n > 0) {
            sawBytes = true;
            counters.bytesIn(n);
        }
        int produced = unwrapAll(ch, dst);
        if (produced > 0) {
            return produced;
        }
        if (n < 0 || inboundClosed) {
            return -1;
        }
        return 0;
    }

    private int unwrapAll(SocketChannel ch, ByteBuffer dst) throws IOException {
        int produced = 0;
        netIn.flip();
        try {
            while (true) {
                HandshakeStatus hs = engine.getHandshakeStatus();
                if (hs == HandshakeStatus.NEED_TASK) {
                    runTasks();
                    continue;
                }
                if (hs == HandshakeStatus.NEED_WRAP) {
                    if (!wrapOnce(ch, NO_BUFFERS, 0, 0)) {
                        return produced; // socket full: the transport's flush finishes it
                    }
                    continue;
                }
                if (!netIn.hasRemaining()) {
                    return produced;
                }
                SSLEngineResult r = engine.unwrap(netIn, dst);
                produced += r.bytesProduced();
                noteFinished(r);
                switch (r.getStatus()) {
                    case BUFFER_UNDERFLOW -> {
                        if (netIn.limit() == netIn.capacity() && netIn.position() == 0) {
                            throw new SSLException("TLS record larger than " + netIn.capacity() + " bytes");
                        }
                        return produced;
                    }
                    case BUFFER_OVERFLOW -> {
                        return produced; // cannot happen with the loop's 64 KiB buffer; the rest stays
                    }
                    case CLOSED -> {
                        inboundClosed = true;
                        return produced;
                    }
                    case OK -> {
                        if (r.bytesConsumed() == 0 && r.bytesProduced() == 0
                                && engine.getHandshakeStatus() == hs) {
                            return produced;
                        }
                    }
                }
            }
        } finally {
            netIn.compact();
        }
    }

    /**
     * Writes pending ciphertext, drives the handshake and encrypts plaintext from {@code srcs}, one
     * record at a time, while the socket takes it.
     *
     * @param ch the socket
     * @param srcs plaintext buffers; consumed ones are left with nothing remaining
     * @param off first buffer
     * @param len number of buffers
     * @return plaintext bytes consumed (encrypted and written, or held as the one pending record)
     * @throws IOException if the socket or the engine fails
     */
    long write(SocketChannel ch, ByteBuffer[] srcs, int off, int len) throws IOException {
        long consumed = 0;
        int end = off + len;
        while (true) {
            if (!flushNet(ch)) {
                return consumed;
            }
            HandshakeStatus hs = engine.getHandshakeStatus();
            if (hs == HandshakeStatus.NEED_TASK) {
                runTasks();
                continue;
            }
            if (hs == HandshakeStatus.NEED_UNWRAP || hs == HandshakeStatus.NEED_UNWRAP_AGAIN) {
                return consumed; // the peer's turn; plaintext waits in the transport's queue
            }
            if (hs == HandshakeStatus.NEED_WRAP) {
                wrapOnce(ch, NO_BUFFERS, 0, 0);
                continue;
            }
            while (off < end && !srcs[off].hasRemaining()) {
                off++;
            }
            if (off == end || outboundClosing) {
                return consumed;
            }
            long c = wrapInto(srcs, off, end - off);
            consumed += c;
            if (c == 0 && !netOut.hasRemaining()) {
                return consumed;
            }
        }
    }

    /**
     * Sends close_notify (RFC 8446 §6.1) after what is pending; call again on {@code OP_WRITE}
     * until {@link #outboundDone()}.
     *
     * @param ch the socket
     * @throws IOException if the socket fails
     */
    void closeOutbound(SocketChannel ch) throws IOException {
        if (!outboundClosing) {
            outboundClosing = true;
            engine.closeOutbound();
        }
        while (flushNet(ch) && !engine.isOutboundDone()) {
            wrapInto(NO_BUFFERS, 0, 0);
            if (!netOut.hasRemaining()) {
                return; // nothing more to send
            }
        }
    }

    /** Drops the buffers (the connection closed). */
    void release() {
        netIn = ByteBuffer.allocate(0);
        netOut = ByteBuffer.allocate(0);
        engine.closeOutbound();
    }

    /** Wraps once (handshake or close data when {@code srcs} is empty) and tries to write it. */
    private boolean wrapOnce(SocketChannel ch, ByteBuffer[] srcs, int off, int len) throws IOException {
        if (!flushNet(ch)) {
            return false;
        }
        wrapInto(srcs, off, len);
        return flushNet(ch);
    }

    private long wrapInto(ByteBuffer[] srcs, int off, int len) throws SSLException {
        netOut.clear();
        SSLEngineResult r;
        try {
            r = engine.wrap(srcs, off, len, netOut);
        } finally {
            netOut.flip();
        }
        noteFinished(r);
        if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
            throw new SSLException("TLS record larger than the " + netOut.capacity() + " byte buffer");
        }
        if (r.getStatus() == SSLEngineResult.Status.CLOSED && !outboundClosing && r.bytesProduced() == 0) {
            throw new SSLException("TLS engine closed");
        }
        return r.bytesConsumed();
    }

    /** @return whether nothing is pending any more */
    private boolean flushNet(SocketChannel ch) throws IOException {
        while (netOut.hasRemaining()) {
            int n = ch.write(netOut);
            if (n <= 0) {
                return false;
            }
            counters.bytesOut(n);
        }
        return true;
    }

    private void noteFinished(SSLEngineResult r) {
        if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
            handshakeDone = true;
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            task.run();
        }
    }

    /** @return the engine (its session names the protocol and cipher suite) */
    public SSLEngine engine() {
        return engine;
    }
}
