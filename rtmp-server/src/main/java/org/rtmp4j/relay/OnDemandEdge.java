package org.rtmp4j.relay;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.StreamDetails;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.live.StreamResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An on-demand edge (issue 15 §2; SRS's edge): a player of any protocol asking for a stream that is
 * not live here makes the edge pull it from an origin ({@link PullRelay}, listed in {@link Relays} as
 * kind pull), and every later player shares that one pull (the origin sees one player). The pull
 * closes once the stream has had no player for the idle delay (default {@value #DEFAULT_IDLE_SECONDS}
 * s). Which origins, in which order, is the {@link OriginResolver}'s answer per stream; the pull moves
 * to the next origin when one refuses the connection or does not have the stream, and retries the list
 * with its {@link Backoff} while players wait.
 *
 * <p>Installed with {@link #install}: the edge becomes the controller's {@link StreamResolver}, asked
 * from {@link LiveBroadcastController#resolveStream} for every output kind (RTMP, HTTP-FLV,
 * WebSocket-FLV, fMP4). "Last player left" is observed by polling the stream's {@link
 * StreamDetails#playerCount()} (players of every kind, waiting ones included) on {@link
 * Relays#timer()} every quarter of the idle delay, between 50 ms and 1 s, so the pull closes between
 * the idle delay and the idle delay plus one check after the last player left.
 *
 * <p>Bounds: one pull per stream name; at most as many pulls as the {@link Relays} registry holds
 * relays ({@link Relays#DEFAULT_MAX_RELAYS} by default): beyond it a new name is not pulled (its player is
 * refused as on a server without edge). A pull whose origins all fail retries while players wait.
 *
 * <p>Thread-safety: thread-safe; {@link #resolve} never blocks.
 */
public final class OnDemandEdge implements StreamResolver, AutoCloseable {
    /** Default idle delay before a pull without players closes, in seconds. */
    public static final int DEFAULT_IDLE_SECONDS = 10;

    private static final Logger log = LoggerFactory.getLogger(OnDemandEdge.class);

    private final LiveBroadcastController hub;
    private final Relays relays;
    private final OriginResolver resolver;
    private final Duration idle;
    private final long checkNanos;
    private final Backoff backoff;
    private final Duration hold;
    private final Map<StreamKey, EdgePull> pulls = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private OnDemandEdge(LiveBroadcastController hub, Relays relays, OriginResolver resolver, Duration idle,
            Backoff backoff, Duration hold) {
        this.hub = Objects.requireNonNull(hub, "hub");
        this.relays = Objects.requireNonNull(relays, "relays");
        this.resolver = Objects.requireNonNull(resolver, "resolver");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.hold = Objects.requireNonNull(hold, "hold");
        if (idle.isNegative()) {
            throw new IllegalArgumentException("idle delay must not be negative: " + idle);
        }
        this.idle = idle;
        this.checkNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(50), Math.min(TimeUnit.SECONDS.toNanos(1),
                idle.toNanos() / 4));
    }

    /**
     * Makes an edge with {@link Backoff#DEFAULT} and {@link PullRelay#DEFAULT_HOLD_SECONDS} and installs it
     * as {@code hub}'s {@link StreamResolver} (replacing any other).
     *
     * @param hub the local hub the pulls publish into
     * @param relays where the pulls are listed and whose threads they use
     * @param resolver the origins per stream
     * @param idle how long a pull without players stays, not negative
     * @return the installed edge; {@link #close()} stops its pulls and uninstalls it
     * @throws IllegalArgumentException when {@code idle} is negative
     */
    public static OnDemandEdge install(LiveBroadcastController hub, Relays relays, OriginResolver resolver,
            Duration idle) {
        return install(hub, relays, resolver, idle, Backoff.DEFAULT, Duration.ofSeconds(PullRelay.DEFAULT_HOLD_SECONDS));
    }

    /**
     * As {@link #install(LiveBroadcastController, Relays, OriginResolver, Duration)} with a retry schedule
     * and hold time of the pulls' own.
     *
     * @param hub the local hub the pulls publish into
     * @param relays where the pulls are listed and whose threads they use
     * @param resolver the origins per stream
     * @param idle how long a pull without players stays, not negative
     * @param backoff the pulls' retry schedule
     * @param hold how long a pull keeps its local publish open while reconnecting ({@link PullRelay})
     * @return the installed edge
     * @throws IllegalArgumentException when {@code idle} or {@code hold} is negative
     */
    public static OnDemandEdge install(LiveBroadcastController hub, Relays relays, OriginResolver resolver,
            Duration idle, Backoff backoff, Duration hold) {
        OnDemandEdge edge = new OnDemandEdge(hub, relays, resolver, idle, backoff, hold);
        hub.streamResolver(edge);
        return edge;
    }

    /** @return the idle delay */
    public Duration idle() {
        return idle;
    }

    /**
     * Starts a pull of {@code key} unless one runs; called by the hub for a name that is not live.
     *
     * @param key the stream asked for
     * @return whether a pull runs for it (the player then waits for it); false when the resolver has no
     *     origin for it, the edge is closed, or the relays' registry is full
     */
    @Override
    public boolean resolve(StreamKey key) {
        if (closed) {
            return false;
        }
        EdgePull existing = pulls.get(key);
        if (existing != null && !existing.relay.info().state().isFinal()) {
            return true;
        }
        List<URI> origins = resolver.origins(key);
        if (origins == null || origins.isEmpty()) {
            return false;
        }
        List<URI> urls = new ArrayList<>(origins.size());
        EdgePull[] created = new EdgePull[1];
        try {
            for (URI o : origins) {
                urls.add(PullUrls.playUrl(o, key));
            }
            computePull(key, urls, created);
        } catch (IllegalArgumentException e) { // a resolver's malformed origin, a name that is no URL path
            log.warn("edge: cannot pull {}: {}", key, e.getMessage());
            return false;
        }
        if (created[0] != null) {
            try {
                relays.add(created[0].relay);
            } catch (IllegalStateException e) { // the registry is full or closed: no pull beyond its bound
                log.warn("edge: not pulling {}: {}", key, e.getMessage());
                if (pulls.remove(key, created[0])) {
                    created[0].dispose();
                }
                return false;
            }
        }
        return true;
    }

    /** Starts the pull of {@code key} unless a live one is there; the new one, if any, in {@code created[0]}. */
    private void computePull(StreamKey key, List<URI> urls, EdgePull[] created) {
        pulls.compute(key, (k, old) -> {
            if (old != null && !old.relay.info().state().isFinal()) {
                return old;
            }
            if (old != null) {
                old.dispose();
            }
            PullRelay relay = PullRelay.start(relays, hub, urls, key, backoff, hold);
            log.info("edge: {} asked for, pulling it from {} ({})", key, urls, relay.id());
            created[0] = new EdgePull(key, relay);
            return created[0];
        });
    }

    /**
     * @param key a stream
     * @return the edge's pull of it, if one runs
     */
    public Optional<PullRelay> pull(StreamKey key) {
        return Optional.ofNullable(pulls.get(key)).map(p -> p.relay);
    }

    /** Stops every pull and uninstalls the edge from its hub. Idempotent. */
    @Override
    public void close() {
        closed = true;
        hub.streamResolver(StreamResolver.NONE);
        for (EdgePull p : List.copyOf(pulls.values())) {
            if (pulls.remove(p.key, p)) {
                p.dispose();
            }
        }
    }

    /** One pull with its idle state and periodic check. */
    private final class EdgePull {
        final StreamKey key;
        final PullRelay relay;
        final EdgeIdle idleState = new EdgeIdle(idle.toNanos());
        final ScheduledFuture<?> check;

        EdgePull(StreamKey key, PullRelay relay) {
            this.key = key;
            this.relay = relay;
            this.check = relays.timer().scheduleWithFixedDelay(this::check, checkNanos, checkNanos, TimeUnit.NANOSECONDS);
        }

        /** On the timer: closes the pull after the idle delay without players, or forgets it once it ended. */
        private void check() {
            if (relay.info().state().isFinal()) { // stopped through the API, or gave up
                if (pulls.remove(key, this)) {
                    dispose();
                }
                return;
            }
            if (!idleState.observe(System.nanoTime(), players())) {
                return;
            }
            if (!pulls.remove(key, this)) {
                return;
            }
            log.info("edge: no player of {} for {} ms, closing {}", key, idle.toMillis(), relay.id());
            dispose();
            if (players() > 0 && !closed) { // a player came in while it closed: pull again for it
                resolve(key);
            }
        }

        private int players() {
            return hub.control().stream(key).map(StreamDetails::playerCount).orElse(0);
        }

        void dispose() {
            check.cancel(false);
            relays.forget(relay); // unlisted first: once its connection is gone, it is gone from the list too
            relay.stop();
        }
    }
}
