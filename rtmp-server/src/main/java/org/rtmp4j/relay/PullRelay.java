package org.rtmp4j.relay;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.core.command.EnhancedCapabilities;
import org.rtmp4j.core.command.ReconnectRequest;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.flv.media.ScriptData;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LivePublishException;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.server.internal.Takeover;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pull relay (issue 15 §2): plays a stream from an origin and publishes it into the local hub under
 * a name, as an input like any publisher ({@link LiveBroadcastController#publish}, protocol
 * {@value #PROTOCOL}); the same one serves a static {@code --pull} and an on-demand edge's pull.
 *
 * <ul>
 *   <li><b>Origins in order.</b> Each attempt tries the origin URLs in order and moves to the next one
 *       at once when a connect fails or the play is refused (e.g. {@code NetStream.Play.StreamNotFound};
 *       {@code OriginFailover}); when all failed, it waits for its {@link Backoff} and starts again from the
 *       first.</li>
 *   <li><b>One publish across reconnects.</b> The local publish ({@link org.rtmp4j.live.Ingest}) opens with the first
 *       media or metadata and is kept while the relay reconnects, for at most its hold time (default
 *       {@value #DEFAULT_HOLD_SECONDS} s): players stay subscribed, see no unpublish, and get
 *       timestamps that never go back ({@link PullTimeline}). When the hold time passes without a new
 *       connection, or the origin says the stream ended ({@code NetStream.Play.UnpublishNotify}), the
 *       local publish ends; the next media opens a new one.</li>
 *   <li><b>Reconnect Request</b> (E-RTMP v2): announced with {@code capsEx} in {@code connect}; when the
 *       origin asks, the relay plays the stream on the new server while the old connection still
 *       delivers, switches when the new one has caught up (it delivers the last message published of
 *       its type, by timestamp and size, or a newer one: {@code Takeover}), closes the old one, and tries
 *       the new server first on later attempts.</li>
 * </ul>
 *
 * <p>Costs no thread: connections are on {@link Relays#clients()}, connects on {@link Relays#blocking()},
 * retries on {@link Relays#timer()}. Thread-safety: thread-safe; media is published under the relay's
 * lock, one message at a time, in order.
 */
public final class PullRelay implements Relay {
    /** The {@link org.rtmp4j.live.IngestSource#protocol()} of pull relays. */
    public static final String PROTOCOL = "rtmp-pull";
    /** Default longest time the local publish is kept open while reconnecting, in seconds. */
    public static final int DEFAULT_HOLD_SECONDS = 5;

    private static final Logger log = LoggerFactory.getLogger(PullRelay.class);

    private final Relays relays;
    private final List<URI> origins;
    private final StreamKey destination;
    private final ClientOptions options;
    private final Backoff backoff;
    private final Duration hold;
    private final RelayStatus status;
    private final SplittableRandom random = new SplittableRandom();
    private final Events events = new Events();
    private volatile UnaryOperator<CompletableFuture<PullConnection>> opens = UnaryOperator.identity();
    // guarded by this
    private final PullPublish local;
    private PullConnection current;
    private PullConnection opening; // the attempt's connection until it is taken (playing) or fails
    private PullConnection next;
    private URI movedTo;
    private ScheduledFuture<?> retry;
    private ScheduledFuture<?> holdTimer;
    private boolean stopping;
    private long countedBytes;

    private PullRelay(Relays relays, String id, LiveBroadcastController hub, List<URI> origins, StreamKey destination,
            ClientOptions options, Backoff backoff, Duration hold) {
        this.relays = relays;
        this.origins = List.copyOf(origins);
        this.destination = destination;
        this.options = options;
        this.backoff = backoff;
        this.hold = hold;
        this.local = new PullPublish(hub, destination, id, () -> relays.timer().execute(this::stop));
        this.status = new RelayStatus(id, RelayKind.PULL, String.join(" ", this.origins.stream().map(URI::toString).toList()),
                destination.app() + "/" + destination.name(), relays.clock());
    }

    /**
     * Starts a pull relay; it is not added to {@code relays} (the caller does that, e.g. through
     * {@link Relays#create} or {@link Relays#add}).
     *
     * @param relays the registry whose threads and client loops it uses, and that gives its id
     * @param hub where it publishes
     * @param origins the URLs to play, {@code rtmp://host[:port]/app/key}, tried in order; at least one
     * @param destination the local name it publishes
     * @param backoff its retry schedule
     * @param hold the longest time the local publish stays open while reconnecting, not negative
     * @return the started relay (connecting)
     * @throws IllegalArgumentException when {@code origins} is empty or a URL is not {@code rtmp://} with
     *     an application and a stream name
     */
    public static PullRelay start(Relays relays, LiveBroadcastController hub, List<URI> origins, StreamKey destination,
            Backoff backoff, Duration hold) {
        Objects.requireNonNull(hub, "hub");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(backoff, "backoff");
        if (origins.isEmpty()) {
            throw new IllegalArgumentException("a pull relay needs at least one origin URL");
        }
        for (URI u : origins) {
            PullUrls.checkPlayUrl(u);
        }
        if (hold.isNegative()) {
            throw new IllegalArgumentException("hold time must not be negative: " + hold);
        }
        ClientOptions options = ClientOptions.defaults().withFollowReconnect(false)
                .withConnectProperties(Map.of("capsEx", (double) EnhancedCapabilities.CAPS_RECONNECT));
        PullRelay relay = new PullRelay(relays, relays.nextId(RelayKind.PULL), hub, origins, destination, options,
                backoff, hold);
        relay.attempt();
        return relay;
    }

    @Override
    public String id() {
        return status.id();
    }

    @Override
    public RelayKind kind() {
        return RelayKind.PULL;
    }

    @Override
    public RelayInfo info() {
        return status.info();
    }

    /** @return the local name it publishes */
    public StreamKey destination() {
        return destination;
    }

    @Override
    public CompletableFuture<Void> stop() {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        synchronized (this) {
            if (stopping) {
                return CompletableFuture.completedFuture(null);
            }
            stopping = true;
            cancel(retry);
            cancel(holdTimer);
            local.close();
            for (PullConnection c : new PullConnection[] {current, next}) {
                if (c != null) {
                    closing.add(c.close());
                }
            }
            current = null;
            next = null;
        }
        status.stopped();
        log.info("{} stopped: {} → {}", id(), status.info().source(), status.info().destination());
        return CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0]));
    }

    // ---------------------------------------------------------------- attempts

    private synchronized void attempt() {
        if (stopping) {
            return;
        }
        status.connecting();
        List<URI> order = new ArrayList<>(origins);
        if (movedTo != null) {
            order.add(0, movedTo);
        }
        new OriginFailover(id(), order, events, relays, options, this::isStopping, events, opens).start();
    }

    private synchronized boolean isStopping() {
        return stopping;
    }

    private synchronized void playing(PullConnection c) {
        if (c != opening) { // taken at its first message already (taken), or a stale attempt
            return;
        }
        opening = null;
        if (stopping) {
            c.close();
            return;
        }
        if (current != null) { // cannot happen: one attempt at a time
            c.close();
            return;
        }
        if (c.isClosed()) { // the play started, then the connection closed before its open completed here
            retryLater("connection to " + c.url() + " lost");
            return;
        }
        current = c;
        cancel(holdTimer);
        holdTimer = null;
        log.info("{} plays {} into {}", id(), c.url(), destination);
    }

    private synchronized void retryLater(String error) {
        if (stopping) {
            return;
        }
        int n = status.retrying(error);
        if (n == 0) {
            return;
        }
        if (!backoff.allows(n - 1)) {
            status.failed(error);
            local.close();
            log.warn("{} gave up after {} retries: {}", id(), n - 1, error);
            return;
        }
        Duration delay = backoff.delay(n, random);
        log.info("{}: {}; retry #{} in {} ms", id(), error, n, delay.toMillis());
        retry = relays.timer().schedule(this::attempt, delay.toNanos(), TimeUnit.NANOSECONDS);
        if (local.isOpen() && holdTimer == null) {
            holdTimer = relays.timer().schedule(this::holdExpired, hold.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void holdExpired() {
        holdTimer = null;
        if (current == null && !stopping) {
            log.info("{}: no origin for {} s, {} unpublished", id(), hold.toSeconds(), destination);
            local.close();
        }
    }

    // ---------------------------------------------------------------- what the origin sends

    private synchronized void media(PullConnection from, MediaMessage media) {
        Takeover takeover = local.timeline().takeover();
        if (from == next) {
            if (!takeover.caughtUp(media)) {
                return;
            }
            PullConnection old = current;
            current = next;
            next = null;
            countedBytes = 0;
            takeover.switched();
            if (old != null) {
                old.close();
            }
            log.info("{} moved to {} (Reconnect Request)", id(), current.url());
        } else if (from != current && !taken(from)) {
            return;
        }
        if (!takeover.isNew(media)) { // already published by the connection it took over from
            return;
        }
        try {
            local.media(media);
        } catch (LivePublishException e) {
            refused(from, e);
            return;
        }
        status.live();
        long total = from.bytesIn();
        status.addBytes(Math.max(0, total - countedBytes));
        countedBytes = total;
    }

    private synchronized void data(PullConnection from, DataMessage data) {
        if (from != current && !taken(from)) {
            return;
        }
        Map<String, Object> metadata = ScriptData.metadata(data.values());
        if (!metadata.isEmpty()) {
            try {
                local.metadata(metadata);
            } catch (LivePublishException e) {
                refused(from, e);
            }
        }
    }

    private synchronized void statusOf(PullConnection from, Status s) {
        if (from != current) {
            return;
        }
        if (StatusCodes.PLAY_UNPUBLISH_NOTIFY.equals(s.code())) {
            log.info("{}: the origin's stream ended; {} unpublished", id(), destination);
            local.close();
        } else if (s.isError()) {
            status.error(s.code() + ": " + s.description());
            from.close();
        }
    }

    private synchronized void reconnectRequest(PullConnection from, ReconnectRequest request) {
        if (from != current || next != null || stopping) {
            return;
        }
        URI to;
        try {
            to = URI.create(request.resolve(from.tcUrl()) + "/" + from.streamName());
            PullUrls.checkPlayUrl(to);
        } catch (RtmpProtocolException | IllegalArgumentException e) {
            log.warn("{}: ignoring a Reconnect Request from {}: {}", id(), from.url(), e.getMessage());
            return;
        }
        log.info("{}: {} asks to reconnect; playing {}", id(), from.url(), to);
        movedTo = to;
        PullConnection c = new PullConnection(to, events);
        c.open(relays.clients(), relays.blocking(), options).whenComplete((ok, e) -> {
            synchronized (this) {
                if (e != null || stopping || current != from) {
                    c.close();
                    if (e != null) {
                        log.warn("{}: could not follow the Reconnect Request to {} ({}); staying", id(), to, OriginFailover.describe(e));
                    }
                    return;
                }
                next = c;
            }
        });
    }

    private synchronized void closed(PullConnection from, Throwable cause) {
        if (from == next) {
            next = null;
            return;
        }
        if (from != current) {
            return;
        }
        current = null;
        countedBytes = 0;
        local.discontinuity();
        if (next != null) { // the old connection went first: the new one takes over, rebased
            current = next;
            next = null;
            return;
        }
        if (!stopping) {
            retryLater("connection to " + from.url() + " lost" + (cause == null ? "" : ": " + OriginFailover.describe(cause)));
        }
    }

    /**
     * Under the lock: whether {@code from} is the connection being opened and is taken now, at its first media or
     * metadata. Its open future completes on the thread that finished its last step: the client loop, or a
     * blocking-pool thread that chained a step after the loop had already completed it (a busy machine), and then
     * {@link #playing} runs after the loop delivered the origin's first messages (its GOP cache). Those messages
     * prove the play started (RTMP 1.0 §7.2.2.1): they are published, not dropped.
     */
    private boolean taken(PullConnection from) {
        if (from != opening || current != null || stopping) {
            return false;
        }
        playing(from);
        return current == from;
    }

    /**
     * For tests: passes the open of every later attempt through {@code delay}, e.g. to complete it only after the
     * connection delivered its first messages, as a busy machine can.
     */
    void delayOpens(UnaryOperator<CompletableFuture<PullConnection>> delay) {
        opens = Objects.requireNonNull(delay, "delay");
    }

    /** Under the lock: the hub refused the local publish; the connection is dropped and retried later. */
    private void refused(PullConnection from, LivePublishException e) {
        status.error("local publish of " + destination + " refused: " + e.getMessage());
        log.warn("{}: local publish of {} refused: {}", id(), destination, e.getMessage());
        from.close();
    }

    private static void cancel(ScheduledFuture<?> f) {
        if (f != null) {
            f.cancel(false);
        }
    }

    @Override
    public String toString() {
        return "PullRelay[" + id() + ", " + status.info().source() + " → " + destination + "]";
    }

    /** The origins' messages and how each attempt over the origins ended. */
    private final class Events implements PullConnection.Events, OriginFailover.Outcome {
        @Override
        public void playing(PullConnection c) {
            PullRelay.this.playing(c);
        }

        @Override
        public void opening(PullConnection c) {
            synchronized (PullRelay.this) {
                opening = c;
            }
        }

        @Override
        public void allFailed(String errors) {
            retryLater(errors);
        }

        @Override
        public void registryClosed(String reason) {
            status.failed(reason);
        }

        @Override
        public void onMedia(PullConnection from, MediaMessage media) {
            media(from, media);
        }

        @Override
        public void onData(PullConnection from, DataMessage data) {
            data(from, data);
        }

        @Override
        public void onStatus(PullConnection from, Status s) {
            statusOf(from, s);
        }

        @Override
        public void onReconnectRequest(PullConnection from, ReconnectRequest request) {
            reconnectRequest(from, request);
        }

        @Override
        public void onClose(PullConnection from, Throwable causeOrNull) {
            closed(from, causeOrNull);
        }
    }
}
