package org.rtmp4j.relay;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.rtmp4j.client.NioClient;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveSubscription;
import org.rtmp4j.live.StreamKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A push relay (issue 15 §1): publishes the local stream {@code APP/KEY} to an RTMP destination as an output
 * of the hub. Each attempt opens its own non-blocking connection ({@link Relays#clients()}; the TCP connect on
 * {@link Relays#blocking()}; {@code PushConnection}), publishes ({@code createStream}, {@code publish}, RTMP 1.0 §7.2.1.3, §7.2.2.6)
 * and only then subscribes to the hub, whose join starts it at a keyframe with the metadata and sequence
 * headers. The hub's slow-output policy ({@link PushOptions#limits()}) bounds what a slow destination queues:
 * drops to the next keyframe above the high watermark; above the cap the output ends and the relay
 * reconnects. A lost connection, a refused publish or an error status from the destination is retried after
 * {@link PushOptions#backoff()}; while the source is not live nothing is connected. Each {@code connect} carries
 * the servers the stream came through ({@link org.rtmp4j.live.RelayChain}), so a destination that would push it
 * back here is refused by this server: no A to B to A loop.
 *
 * <p>Two lifetimes ({@link Mode}): a relay of a static rule lives for one publish of its stream and ends
 * (state {@code stopped}) when the publisher leaves; a relay added at run time follows its stream across
 * publishes until it is stopped, waiting in state {@code connecting} while the stream is not live.
 *
 * <p>Thread-safety: thread-safe; no method blocks. Callbacks come from the connection's loop, the relays'
 * timer and blocking pool, and the publisher's thread.
 */
public final class PushRelay implements Relay {
    /** How long a relay lives. */
    public enum Mode {
        /** For one publish of the source: ends when the publisher leaves (a static {@code --push} rule). */
        ONE_PUBLISH,
        /** Across publishes, until stopped (added with {@code POST /api/v1/relays}). */
        FOLLOW
    }

    /** Log lines kept per relay ({@link #logTail()}). */
    static final int LOG_LINES = 50;
    private static final Logger LOG = LoggerFactory.getLogger(PushRelay.class);

    private final Relays relays;
    private final LiveBroadcastController hub;
    private final StreamKey source;
    private final URI destination;
    private final PushOptions options;
    private final Mode mode;
    private final RelayStatus status;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final RelayLog log;
    private Runnable onEnd = () -> { }; // guarded by this
    private int attempt; // guarded by this; bumped whenever the current connection is given up
    private NioClient client; // guarded by this
    private LiveSubscription subscription; // guarded by this
    private int streamId; // guarded by this; the destination's publishing message stream, 0 before publish
    private Future<?> retry; // guarded by this
    private Future<?> watchdog; // guarded by this; the stall check of the current connection
    private boolean ending; // guarded by this

    /**
     * A relay not yet started: call {@link #start()} once it is registered.
     *
     * @param relays the registry: id, shared threads and connections
     * @param hub the live hub the source is published on
     * @param source the local stream
     * @param destination {@code rtmp://host[:port]/app/name} (see {@link PushRule#checkUrl})
     * @param options limits, backoff and connection settings
     * @param mode its lifetime
     */
    public PushRelay(Relays relays, LiveBroadcastController hub, StreamKey source, URI destination, PushOptions options,
            Mode mode) {
        this.relays = relays;
        this.hub = hub;
        this.source = source;
        this.destination = destination;
        this.options = options;
        this.mode = mode;
        this.status = new RelayStatus(relays.nextId(RelayKind.PUSH), RelayKind.PUSH, source.toString(),
                destination.toString(), relays.clock());
        this.log = new RelayLog(relays.clock(), LOG_LINES);
    }

    /** @param whenEnded run once when a {@link Mode#ONE_PUBLISH} relay ends with its stream (e.g. to forget it) */
    synchronized void onEnd(Runnable whenEnded) {
        this.onEnd = whenEnded;
    }

    @Override
    public String id() {
        return status.id();
    }

    @Override
    public RelayKind kind() {
        return RelayKind.PUSH;
    }

    @Override
    public RelayInfo info() {
        return status.info();
    }

    /** @return the local stream pushed */
    public StreamKey source() {
        return source;
    }

    /** @return the destination URL */
    public URI destination() {
        return destination;
    }

    /**
     * @return bytes queued on the current connection to the destination and not yet written, 0 when none is
     *     open (what the slow-output policy compares with {@link PushOptions#limits()})
     */
    public long queuedBytes() {
        NioClient c;
        synchronized (this) {
            c = client;
        }
        return c == null ? 0 : c.queuedBytes();
    }

    /** @return its lifetime */
    public Mode mode() {
        return mode;
    }

    /** Connects now when the source is live; else waits for {@link #sourcePublished()}. */
    public void start() {
        int a;
        synchronized (this) {
            if (ending) {
                return;
            }
            a = ++attempt;
        }
        note("added: pushing " + source + " to " + destination);
        relays.blocking().execute(() -> connect(a));
    }

    /**
     * The source was published (again): any connection for an earlier publish is closed and a new attempt
     * starts at once, without waiting for a pending retry.
     */
    public void sourcePublished() {
        int a;
        DroppedAttempt old;
        synchronized (this) {
            if (ending) {
                return;
            }
            old = dropCurrent();
            a = attempt;
        }
        old.release(true);
        status.connecting();
        relays.blocking().execute(() -> connect(a));
    }

    // ------------------------------------------------------------------ one attempt

    private void connect(int a) {
        synchronized (this) {
            if (a != attempt || ending) {
                return;
            }
            retry = null;
        }
        if (!hub.isLive(source)) {
            waitForSource(a);
            return;
        }
        status.connecting();
        try {
            PushConnection.open(relays, hub, source, destination, options.client(), new Attempt(a));
        } catch (RuntimeException e) {
            lost(a, "cannot connect: " + e.getMessage());
        }
    }

    /** @return whether attempt {@code a} is still current; then {@code c} is its client */
    private synchronized boolean connected(int a, NioClient c) {
        if (a != attempt || ending) {
            return false;
        }
        client = c;
        return true;
    }

    private void publishing(int a, NioClient c, int streamId) {
        note("publishing " + source + " to " + destination + " (message stream " + streamId + ")");
        PushSink sink = new PushSink(this, a, c, streamId, options.limits());
        Optional<LiveSubscription> sub = hub.subscribe(source, sink);
        if (sub.isEmpty()) {
            waitForSource(a);
            return;
        }
        boolean current;
        synchronized (this) {
            current = a == attempt && !ending;
            if (current) {
                subscription = sub.get();
                this.streamId = streamId;
                watchdog = watch(a, c);
            }
        }
        if (!current) {
            sub.get().cancel();
        }
    }

    /** Under the lock: the stall check of the attempt's connection ({@link PushOptions#stallTimeout()}). */
    private Future<?> watch(int a, NioClient c) {
        try {
            return StallCheck.start(relays.timer(), c::bytesOut, c::queuedBytes, options.stallTimeout(),
                    () -> lost(a, "the destination stopped reading: " + c.queuedBytes() + " bytes unwritten for "
                            + options.stallTimeout().toMillis() + " ms"));
        } catch (RuntimeException e) { // the registry is closing
            return null;
        }
    }

    /** Loop thread: the attempt's first media went out. */
    void live(int a) {
        synchronized (this) {
            if (a != attempt || ending) {
                return;
            }
        }
        if (status.live()) {
            note("live");
        }
    }

    /** Loop thread: media bytes handed to the connection. */
    void sent(long bytes) {
        status.addBytes(bytes);
    }

    /** Any thread: the attempt failed; retried after the backoff unless the relay ends or gave up. */
    void lost(int a, String reason) {
        DroppedAttempt old;
        synchronized (this) {
            if (a != attempt || ending) {
                return;
            }
            old = dropCurrent();
        }
        old.release(false);
        int failures = status.retrying(reason);
        if (failures == 0) {
            return;
        }
        if (!options.backoff().allows(failures - 1)) {
            note("giving up after " + (failures - 1) + " retries: " + reason);
            status.failed(reason);
            return;
        }
        Duration wait = options.backoff().delay(failures, ThreadLocalRandom.current());
        note(reason + "; retry " + failures + " in " + wait.toMillis() + " ms");
        int next = old.nextAttempt();
        synchronized (this) {
            if (next != attempt || ending) {
                return;
            }
            try {
                retry = relays.timer().schedule(() -> relays.blocking().execute(() -> connect(next)), wait.toNanos(),
                        TimeUnit.NANOSECONDS);
            } catch (RuntimeException e) { // the registry is closing
                ending = true;
            }
        }
    }

    /** Loop thread: the source's publisher left. */
    void sourceEnded(int a) {
        synchronized (this) {
            if (a != attempt || ending) {
                return;
            }
        }
        if (mode == Mode.ONE_PUBLISH) {
            note("the source was unpublished: stopping");
            end();
        } else {
            waitForSource(a);
        }
    }

    private void waitForSource(int a) {
        if (mode == Mode.ONE_PUBLISH) {
            synchronized (this) {
                if (a != attempt || ending) {
                    return;
                }
            }
            note(source + " is not live: stopping");
            end();
            return;
        }
        DroppedAttempt old;
        synchronized (this) {
            if (a != attempt || ending) {
                return;
            }
            old = dropCurrent();
        }
        old.release(true);
        status.connecting();
        status.error("waiting for " + source + " to be published");
        note("waiting for " + source + " to be published");
    }

    private void end() {
        stop();
        Runnable r;
        synchronized (this) {
            r = onEnd;
        }
        r.run();
    }

    @Override
    public CompletableFuture<Void> stop() {
        DroppedAttempt old;
        synchronized (this) {
            if (ending) {
                return stopped.copy();
            }
            ending = true;
            old = dropCurrent();
        }
        status.stopped();
        CompletableFuture<Void> closed = old.release(true);
        closed.whenComplete((v, e) -> stopped.complete(null));
        return stopped.copy();
    }

    @Override
    public List<String> logTail() {
        return log.lines();
    }

    private void note(String line) {
        LOG.info("{} ({} -> {}): {}", id(), source, destination, line);
        log.add(line);
    }

    /** Under the lock: gives up the current connection, subscription and retry; the caller releases them. */
    private DroppedAttempt dropCurrent() {
        if (watchdog != null) {
            watchdog.cancel(false);
            watchdog = null;
        }
        DroppedAttempt d = new DroppedAttempt(client, streamId, subscription, retry, ++attempt);
        streamId = 0;
        client = null;
        subscription = null;
        retry = null;
        return d;
    }

    /** The steps of attempt {@code a} ({@link PushConnection}). */
    private final class Attempt implements PushConnection.Steps {
        private final int a;

        Attempt(int a) {
            this.a = a;
        }

        @Override
        public boolean connected(NioClient c) {
            return PushRelay.this.connected(a, c);
        }

        @Override
        public void publishing(NioClient c, int streamId) {
            PushRelay.this.publishing(a, c, streamId);
        }

        @Override
        public void failed(String reason) {
            lost(a, reason);
        }
    }

    @Override
    public String toString() {
        return "PushRelay[" + id() + ", " + source + " -> " + destination + "]";
    }
}
