package org.rtmp4j.relay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.rtmp4j.client.NioClientGroup;

/**
 * The relays of one server, by id, in the order they were added: what {@code GET /api/v1/relays}
 * lists and {@code DELETE /api/v1/relays/ID} stops. Holds the two threads' worth of machinery relays
 * share: a timer for retries ({@link #timer()}, one daemon thread {@code rtmp4j-relay-timer}), the
 * non-blocking RTMP connections of push and pull relays ({@link #clients()}) and a
 * bounded pool for blocking work such as an RTMP client's connect ({@link #blocking()}, at most
 * {@code maxBlockingThreads} daemon threads {@code rtmp4j-relay-N}), so a hundred relays retrying a
 * dead destination cost two threads' worth of timers and at most that pool, never a thread each.
 *
 * <p>Bounds: at most {@code maxRelays} relays (default {@value #DEFAULT_MAX_RELAYS}); {@link #add}
 * beyond it throws. A relay in a final state stays listed (with its last error) until removed.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class Relays implements AutoCloseable {
    /** Default bound on the number of relays. */
    public static final int DEFAULT_MAX_RELAYS = 10_000;
    /** Default bound on the threads that run relays' blocking work. */
    public static final int DEFAULT_MAX_BLOCKING_THREADS = 8;
    /** Default number of event loops (threads) the relays' RTMP connections share. */
    public static final int DEFAULT_CLIENT_LOOPS = 1;

    private final Clock clock;
    private final int maxRelays;
    private final Map<String, Relay> relays = new LinkedHashMap<>(); // guarded by this
    private final Map<RelayKind, RelayFactory> factories = new EnumMap<>(RelayKind.class); // guarded by this
    private final AtomicLong ids = new AtomicLong();
    private final ScheduledThreadPoolExecutor timer;
    private final ThreadPoolExecutor blocking;
    private final int clientLoops;
    private NioClientGroup clients; // guarded by this; made on first use
    private boolean closed; // guarded by this

    /** A registry with the defaults and the system clock. */
    public Relays() {
        this(Clock.systemUTC(), DEFAULT_MAX_RELAYS, DEFAULT_MAX_BLOCKING_THREADS, DEFAULT_CLIENT_LOOPS);
    }

    /**
     * As {@link #Relays(Clock, int, int, int)} with {@value #DEFAULT_CLIENT_LOOPS} client loop.
     *
     * @param clock gives relays' start times
     * @param maxRelays the most relays held at once, at least 1
     * @param maxBlockingThreads the most threads of {@link #blocking()}, at least 1
     * @throws IllegalArgumentException when a bound is below 1
     */
    public Relays(Clock clock, int maxRelays, int maxBlockingThreads) {
        this(clock, maxRelays, maxBlockingThreads, DEFAULT_CLIENT_LOOPS);
    }

    /**
     * @param clock gives relays' start times
     * @param maxRelays the most relays held at once, at least 1
     * @param maxBlockingThreads the most threads of {@link #blocking()}, at least 1
     * @param clientLoops the event loops (threads) of {@link #clients()}, at least 1
     * @throws IllegalArgumentException when a bound is below 1
     */
    public Relays(Clock clock, int maxRelays, int maxBlockingThreads, int clientLoops) {
        if (maxRelays < 1 || maxBlockingThreads < 1 || clientLoops < 1) {
            throw new IllegalArgumentException("maxRelays, maxBlockingThreads and clientLoops must be at least 1: "
                    + maxRelays + ", " + maxBlockingThreads + ", " + clientLoops);
        }
        this.clientLoops = clientLoops;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxRelays = maxRelays;
        AtomicLong threads = new AtomicLong();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> daemon(r, "rtmp4j-relay-timer"));
        this.timer.setRemoveOnCancelPolicy(true);
        this.blocking = new ThreadPoolExecutor(maxBlockingThreads, maxBlockingThreads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> daemon(r, "rtmp4j-relay-" + threads.incrementAndGet()));
        this.blocking.allowCoreThreadTimeOut(true);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** @return the clock relays take their start time from */
    public Clock clock() {
        return clock;
    }

    /** @return the timer for retries and deadlines; its tasks must not block */
    public ScheduledExecutorService timer() {
        return timer;
    }

    /** @return the bounded pool for blocking work (connects); tasks queue when all its threads are busy */
    public ExecutorService blocking() {
        return blocking;
    }

    /**
     * The non-blocking RTMP client connections relays share ({@code rtmp-client-loop-N} threads), made
     * on first use and closed by {@link #stopAll()}. Its {@link NioClientGroup#connect} blocks for the TCP
     * connect: call it on {@link #blocking()}.
     *
     * @return the group
     * @throws UncheckedIOException when its selector cannot be opened
     * @throws IllegalStateException when the registry is closed
     */
    public synchronized NioClientGroup clients() {
        if (closed) {
            throw new IllegalStateException("relays are closed");
        }
        if (clients == null) {
            try {
                clients = new NioClientGroup(clientLoops);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return clients;
    }

    /**
     * @param kind the new relay's kind
     * @return a fresh id, {@code KIND-N}, e.g. {@code push-7}; never reused by this registry
     */
    public String nextId(RelayKind kind) {
        return kind.label() + "-" + ids.incrementAndGet();
    }

    /**
     * Sets the factory {@link #create} uses for {@code kind}, replacing any earlier one.
     *
     * @param kind the kind
     * @param factory its factory
     */
    public synchronized void register(RelayKind kind, RelayFactory factory) {
        factories.put(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(factory, "factory"));
    }

    /** @return whether {@link #create} can make relays of {@code kind} */
    public synchronized boolean supports(RelayKind kind) {
        return factories.containsKey(kind);
    }

    /**
     * Starts a relay through its kind's factory and adds it.
     *
     * @param request what to relay
     * @return the started relay
     * @throws IllegalArgumentException when the factory refuses the request as malformed
     * @throws UnsupportedOperationException when no factory is registered for the kind
     * @throws IllegalStateException when the registry is full or closed
     */
    public Relay create(RelayRequest request) {
        RelayFactory factory;
        synchronized (this) {
            factory = factories.get(request.kind());
            checkRoom();
        }
        if (factory == null) {
            throw new UnsupportedOperationException(request.kind().label() + " relays are not enabled on this server");
        }
        Relay relay = factory.start(this, request);
        try {
            return add(relay);
        } catch (IllegalStateException e) {
            relay.stop();
            throw e;
        }
    }

    /**
     * Adds a started relay.
     *
     * @param relay the relay; its id must be new
     * @param <R> its type
     * @return {@code relay}
     * @throws IllegalStateException when the registry is full or closed, or the id is taken
     */
    public synchronized <R extends Relay> R add(R relay) {
        checkRoom();
        if (relays.putIfAbsent(relay.id(), relay) != null) {
            throw new IllegalStateException("relay id already used: " + relay.id());
        }
        return relay;
    }

    private void checkRoom() {
        if (closed) {
            throw new IllegalStateException("relays are closed");
        }
        if (relays.size() >= maxRelays) {
            throw new IllegalStateException("too many relays (at most " + maxRelays + ")");
        }
    }

    /**
     * @param id a relay's id
     * @return the relay, if held
     */
    public synchronized Optional<Relay> get(String id) {
        return Optional.ofNullable(relays.get(id));
    }

    /** @return snapshots of every relay held, in the order they were added */
    public List<RelayInfo> list() {
        List<Relay> copy;
        synchronized (this) {
            copy = new ArrayList<>(relays.values());
        }
        List<RelayInfo> infos = new ArrayList<>(copy.size());
        for (Relay relay : copy) {
            infos.add(relay.info());
        }
        return infos;
    }

    /** @return how many relays are held */
    public synchronized int size() {
        return relays.size();
    }

    /**
     * Stops a relay and removes it.
     *
     * @param id the relay's id
     * @return its {@link Relay#stop()} future, or empty when no relay has that id
     */
    public Optional<CompletableFuture<Void>> remove(String id) {
        Relay relay;
        synchronized (this) {
            relay = relays.remove(id);
        }
        return relay == null ? Optional.empty() : Optional.of(relay.stop());
    }

    /**
     * Removes a relay without stopping it: for an owner that stops its relays itself (a push rule
     * whose stream ended).
     *
     * @param relay the relay
     * @return whether it was held
     */
    public synchronized boolean forget(Relay relay) {
        return relays.remove(relay.id(), relay);
    }

    /**
     * Stops every relay, refuses new ones and ends the shared threads once the relays are stopped.
     * Returns at once.
     *
     * @return completed when every relay's {@link Relay#stop()} completed
     */
    public CompletableFuture<Void> stopAll() {
        List<Relay> copy;
        synchronized (this) {
            closed = true;
            copy = new ArrayList<>(relays.values());
        }
        CompletableFuture<?>[] stops = copy.stream().map(Relay::stop).toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(stops).whenComplete((v, e) -> shutDownThreads());
    }

    /** {@link #stopAll()}, waiting at most 10 s for the relays to stop. */
    @Override
    public void close() {
        try {
            stopAll().get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            shutDownThreads();
        }
    }

    private void shutDownThreads() {
        timer.shutdownNow();
        blocking.shutdownNow();
        NioClientGroup group;
        synchronized (this) {
            group = clients;
            clients = null;
        }
        if (group != null) {
            group.close();
        }
    }
}
