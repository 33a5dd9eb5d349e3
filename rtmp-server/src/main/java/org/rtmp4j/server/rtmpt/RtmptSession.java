package org.rtmp4j.server.rtmpt;

import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.rtmp4j.core.session.Transport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One RTMPT session: the {@link Transport} of an ordinary RTMP server engine whose writes go to a queue that
 * the next request's reply drains (at most {@link RtmptOptions#maxReplyBytes()} per reply, after the
 * polling-delay byte), and whose input is the bodies of {@code /send} requests. The {@code /idle} and
 * {@code /open} padding byte is never fed to the engine.
 *
 * <p>Sequence numbers: the first request after {@code /open/1} may carry any number (ffmpeg starts at 0,
 * Flash Player and Red5 at 1); each later one must be greater than the one before. A request whose number
 * is not is answered 400 and <em>closes the session</em>: a repeated or reordered {@code /send} means RTMP
 * bytes were lost or would be fed twice, and the chunk stream (RTMP 1.0 §5.3) cannot be resynchronised.
 *
 * <p>Ends: {@code /close} (clean), the engine closing its transport (a kick, a protocol error; queued bytes
 * are still handed out for {@link #CLOSE_LINGER_NANOS} at most), no request for
 * {@link RtmptOptions#idleTimeout()} (expired, logged once at INFO), a wrong sequence number. Afterwards
 * the id is unknown (404).
 *
 * <p>Thread-safety: confined to its {@link RtmptLoop}; {@link #execute}, {@link #inConnectionThread},
 * {@link #executorKey} and {@link #queuedBytes} from any thread.
 */
final class RtmptSession implements Transport {
    private static final Logger LOG = LoggerFactory.getLogger(RtmptSession.class);
    /** How long a closing session keeps its queued bytes for the client's next polls: 2 s. */
    static final long CLOSE_LINGER_NANOS = TimeUnit.SECONDS.toNanos(2);

    private enum State { NEW, OPEN, CLOSING, CLOSED }

    private final String id;
    private final SocketAddress remote;
    private final RtmptOptions options;
    private final RtmptLoop loop;
    private final Consumer<RtmptSession> onFinished;
    private final LongSupplier clock;
    private final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();
    private final PollingDelay delay = new PollingDelay();
    /** Written on the loop only; read by the live hub's fan-out from other threads. */
    private volatile long queued;
    private RtmptEngine engine;
    private State state = State.NEW;
    private long lastSequence = -1;
    private long lastRequestNanos;
    private long closingSinceNanos;

    /**
     * @param id the session id
     * @param remote the HTTP peer that opened it
     * @param options limits
     * @param loop the loop it is confined to
     * @param onFinished told once, on the loop, when the session ends (the registry forgets it)
     * @param clock the server's monotonic clock, in nanoseconds
     */
    RtmptSession(String id, SocketAddress remote, RtmptOptions options, RtmptLoop loop,
            Consumer<RtmptSession> onFinished, LongSupplier clock) {
        this.clock = clock;
        this.id = id;
        this.remote = remote;
        this.options = options;
        this.loop = loop;
        this.onFinished = onFinished;
    }

    /**
     * Attaches the engine; the session answers requests from now on. Loop thread.
     *
     * @param rtmpEngine the engine opened for this session
     * @param nowNanos the clock, for the idle timeout
     */
    void start(RtmptEngine rtmpEngine, long nowNanos) {
        this.engine = rtmpEngine;
        this.state = State.OPEN;
        this.lastRequestNanos = nowNanos;
    }

    /** @return the session id */
    String id() {
        return id;
    }

    /** @return the loop it is confined to */
    RtmptLoop loop() {
        return loop;
    }

    /** @return whether the session has ended */
    boolean isClosed() {
        return state == State.CLOSED;
    }

    /**
     * Answers one request. Loop thread.
     *
     * @param request a {@code send}, {@code idle} or {@code close} for this session
     * @param body the request body (RTMP bytes for {@code send}, padding otherwise); consumed
     * @param nowNanos the clock
     * @return the reply: 200 with the polling-delay byte and at most {@link RtmptOptions#maxReplyBytes()}
     *     queued bytes, 404 when the session already ended, 400 (and the session ends) on a sequence number
     *     that does not increase
     */
    RtmptReply handle(RtmptRequest request, ByteBuffer body, long nowNanos) {
        if (state == State.NEW || state == State.CLOSED) {
            return RtmptReply.error(404, "RTMPT session " + id + " has ended");
        }
        if (request.sequence() <= lastSequence) {
            String why = "RTMPT sequence number " + request.sequence() + " after " + lastSequence
                    + ": a request was repeated or reordered; the session closes";
            finish(new RtmptSequenceException(why));
            return RtmptReply.error(400, why);
        }
        lastSequence = request.sequence();
        lastRequestNanos = nowNanos;
        int in = 0;
        if (request.command() == RtmptRequest.Command.SEND && state == State.OPEN && body.hasRemaining()) {
            in = body.remaining();
            engine.onBytes(body);
        }
        body.position(body.limit());
        if (request.command() == RtmptRequest.Command.CLOSE) {
            finish(null);
            return RtmptReply.ok(ByteBuffer.wrap(new byte[] {(byte) delay.next(false)}));
        }
        RtmptReply reply = RtmptReply.ok(take(in));
        if (state == State.CLOSING && queued == 0) {
            finish(null);
        }
        return reply;
    }

    /** @return the polling-delay byte and the first queued bytes, at most {@code maxReplyBytes} */
    private ByteBuffer take(int bytesIn) {
        int n = (int) Math.min(queued, options.maxReplyBytes());
        ByteBuffer out = ByteBuffer.allocate(1 + n);
        out.put((byte) delay.next(bytesIn > 0 || n > 0));
        while (out.hasRemaining()) {
            ByteBuffer b = queue.peekFirst();
            int k = Math.min(b.remaining(), out.remaining());
            out.put(out.position(), b, b.position(), k);
            out.position(out.position() + k);
            b.position(b.position() + k);
            if (!b.hasRemaining()) {
                queue.pollFirst();
            }
        }
        queued -= n;
        engine.countBytes(bytesIn, n);
        return out.flip();
    }

    /**
     * Drives the engine's deadlines and the session's own: expiry after {@link RtmptOptions#idleTimeout()}
     * without a request, the end of the close linger. Loop thread.
     *
     * @param nowNanos the clock
     */
    void onTick(long nowNanos) {
        if (state != State.OPEN && state != State.CLOSING) {
            return;
        }
        engine.onTick(nowNanos);
        if (state == State.CLOSED) {
            return;
        }
        if (nowNanos - lastRequestNanos >= options.idleTimeout().toNanos()) {
            LOG.info("RTMPT session {} of {} expired: no request for {} ms", id, remote,
                    options.idleTimeout().toMillis());
            finish(new TimeoutException("RTMPT session idle for " + options.idleTimeout().toMillis() + " ms"));
        } else if (state == State.CLOSING && nowNanos - closingSinceNanos >= CLOSE_LINGER_NANOS) {
            finish(null);
        }
    }

    /** Ends the session once: forgets the queue, tells the registry, then the engine. */
    void finish(Throwable causeOrNull) {
        if (state == State.CLOSED) {
            return;
        }
        boolean started = state != State.NEW;
        state = State.CLOSED;
        queue.clear();
        queued = 0;
        onFinished.accept(this);
        if (started) {
            engine.closed(causeOrNull);
        }
    }

    @Override
    public void write(List<ByteBuffer> buffers) {
        if (state == State.CLOSED) {
            return;
        }
        long n = 0;
        for (int i = 0, size = buffers.size(); i < size; i++) {
            ByteBuffer b = buffers.get(i);
            if (b.hasRemaining()) {
                n += b.remaining();
                queue.addLast(b);
            }
        }
        queued += n;
    }

    @Override
    public long queuedBytes() {
        return queued;
    }

    /** The engine is done: hand out what is queued on the next polls (for a while), then end. */
    @Override
    public void close() {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSING;
        closingSinceNanos = clock.getAsLong();
        if (queued == 0) {
            loop.execute(() -> finish(null)); // not inside the engine's own call
        }
    }

    @Override
    public SocketAddress remoteAddress() {
        return remote;
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    @Override
    public boolean inConnectionThread() {
        return loop.inLoop();
    }

    @Override
    public Object executorKey() {
        return loop.executorKey();
    }

    @Override
    public String toString() {
        return "RtmptSession[" + id + " " + remote + " " + state + "]";
    }

    /** A sequence number that did not increase; the session's close cause. */
    static final class RtmptSequenceException extends Exception {
        private static final long serialVersionUID = 1L;

        RtmptSequenceException(String message) {
            super(message, null, false, false);
        }
    }
}
