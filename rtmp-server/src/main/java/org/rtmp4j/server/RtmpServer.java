package org.rtmp4j.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import javax.management.ObjectName;
import org.rtmp4j.core.chunk.ChunkLimits;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.core.session.RtmpController;
import org.rtmp4j.core.session.RtmpControllerFactory;
import org.rtmp4j.core.session.ServerConnection;
import org.rtmp4j.core.session.SessionConfig;
import org.rtmp4j.http.HttpHandler;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.http.HttpOptions;
import org.rtmp4j.http.HttpRoute;
import org.rtmp4j.server.internal.EventLoop;
import org.rtmp4j.server.internal.EventLoopGroup;
import org.rtmp4j.server.internal.PeerLimits;
import org.rtmp4j.server.internal.ServerStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embeddable RTMP server (RTMP 1.0): NIO event loops running one sans-I/O {@link
 * ServerConnection} per accepted TCP connection, with the application's {@link RtmpController}s,
 * and optionally an HTTP/1.1 listener on the same loops ({@link Builder#http(int)}).
 *
 * <pre>{@code
 * try (RtmpServer server = RtmpServer.builder().port(0).controller(controller).build().start()) {
 *     int port = server.port();
 * }
 * }</pre>
 *
 * <p>Structure (DESIGN-NOTES.md, "Listeners and the HTTP runtime"): this class owns the lifecycle;
 * each bound address is a {@code Listener} (socket, acceptor, protocol) on the shared loops; the open
 * RTMP connections are in {@code ServerConnections}; the {@link Builder} only collects settings.
 *
 * <p>Lifecycle: {@link #start()} binds every listener before it returns; instances are single-use
 * ({@code start} twice, or after a stop, throws {@link IllegalStateException}). {@link
 * #shutdown(Duration)} stops accepting, closes every connection gracefully (queued bytes are flushed
 * until the grace time runs out), stops the loops and completes. {@link #close()} is {@code
 * shutdown(5 s)} and waits; it is idempotent. {@link #drain(String, Duration)} (E-RTMP v2, Reconnect
 * Request) stops accepting, asks the clients to reconnect elsewhere and waits for them to leave,
 * before a shutdown. Logs at INFO only on start, drain and stop.
 *
 * <p>Limits: every limit and timeout, with its default, is listed in {@link ServerLimits} (see
 * {@link #limits()}); the {@link Builder} has a setter for each. The connection limits count RTMP
 * and HTTP connections together. HTTP limits: {@link HttpOptions}.
 *
 * <p>Monitoring: {@link #metrics()} takes a {@link ServerMetrics} snapshot; with
 * {@link Builder#jmx(String)} the same counters are an {@link RtmpServerMXBean} in the platform
 * MBean server while the server runs.
 *
 * <p>Thread-safety: every public method is thread-safe.
 */
public final class RtmpServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RtmpServer.class);
    private static final long TICK_NANOS = EventLoop.DEFAULT_TICK_NANOS;
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(5);
    private static final LongSupplier SYSTEM_CLOCK = System::nanoTime;
    private static final String DRAIN_DESCRIPTION = "The server is shutting down; please reconnect.";

    private enum State {
        NEW,
        STARTED,
        STOPPING,
        STOPPED
    }

    private final int eventLoops;
    private final SessionConfig sessionConfig;
    private final ServerLimits limits;
    private final PeerLimits peerLimits;
    private final long mergedWriteDelayNanos;
    private final ThreadFactory threadFactory;
    private final String jmxDomain;
    private final ServerConnections connections;
    private final Listener rtmpListener;
    private final Listener httpListener;
    private final List<Listener> listeners;
    private final ServerStats stats = new ServerStats();
    private final CompletableFuture<Void> termination = new CompletableFuture<>();

    private volatile State state = State.NEW;
    private volatile Drainer drainer;
    private CompletableFuture<DrainResult> drainResult;
    private EventLoopGroup group;
    private volatile ServerMXBeanAdapter mxBean;

    private RtmpServer(Builder b) {
        this.eventLoops = b.eventLoops;
        this.sessionConfig = b.effectiveSessionConfig();
        this.limits = ServerLimits.of(b.maxConnections, b.maxConnectionsPerIp, b.maxEstablishedPerIp, sessionConfig);
        this.peerLimits = new PeerLimits(b.maxConnectionsPerIp, b.maxEstablishedPerIp);
        this.mergedWriteDelayNanos = b.mergedWriteDelay.toNanos();
        this.threadFactory = b.threadFactory != null ? b.threadFactory : defaultThreadFactory();
        this.jmxDomain = b.jmxDomain;
        this.connections = new ServerConnections(sessionConfig, b.controllers, peerLimits, b.nanoClock,
                b.nanoClock == SYSTEM_CLOCK);
        this.connections.onConnectionClosed(this::connectionClosed);
        this.rtmpListener = new Listener(b.bind, connections);
        List<Listener> all = new ArrayList<>();
        all.add(rtmpListener);
        if (b.httpBind != null) {
            HttpProtocol http = new HttpProtocol(b.httpOptions, b.httpRoutes, peerLimits, b.nanoClock);
            this.httpListener = new Listener(b.resolvedHttpBind(), http);
            all.add(httpListener);
        } else {
            this.httpListener = null;
        }
        this.listeners = List.copyOf(all);
    }

    /** @return a builder with the defaults: 127.0.0.1:1935, an accept-everything controller, no HTTP */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds every listening socket (RTMP, then HTTP if configured) and starts the event loops.
     *
     * @return this server
     * @throws java.net.BindException if the address cannot be bound (e.g. the port is in use); its message
     *     names the host and port, e.g. {@code "Address already in use: 0.0.0.0:1935"}; the server is then stopped
     * @throws IOException if starting fails otherwise; the server is then stopped
     * @throws IllegalStateException if already started or stopped (instances are single-use)
     */
    public synchronized RtmpServer start() throws IOException {
        if (state != State.NEW) {
            throw new IllegalStateException("RtmpServer already started (state " + state
                    + "); instances are single-use, create a new one with RtmpServer.builder()");
        }
        EventLoopGroup g = null;
        try {
            g = new EventLoopGroup(eventLoops, threadFactory, TICK_NANOS, mergedWriteDelayNanos);
            g.start();
            for (Listener l : listeners) {
                l.bind(g, stats, limits.maxConnections(), peerLimits, () -> state == State.STARTED && drainer == null);
            }
        } catch (IOException | RuntimeException e) {
            for (Listener l : listeners) {
                l.closeSocket();
            }
            if (g != null) {
                g.shutdownGracefully(0);
            }
            state = State.STOPPED;
            termination.complete(null);
            throw e instanceof IOException io ? io
                    : new IOException("could not start RTMP server on " + rtmpListener.bindAddress() + ": " + e, e);
        }
        group = g;
        state = State.STARTED;
        if (jmxDomain != null) {
            mxBean = ServerMXBeanAdapter.register(this, jmxDomain);
        }
        LOG.info("RTMP server listening on {} ({} event loops)", rtmpListener.localAddress(), eventLoops);
        if (httpListener != null) {
            LOG.info("HTTP listening on {} (same event loops)", httpListener.localAddress());
        }
        return this;
    }

    /**
     * @return the bound RTMP port (the ephemeral one when built with port 0)
     * @throws IllegalStateException before {@link #start()}
     */
    public int port() {
        return localAddress().getPort();
    }

    /**
     * @return the bound RTMP address
     * @throws IllegalStateException before {@link #start()}
     */
    public InetSocketAddress localAddress() {
        return bound(rtmpListener);
    }

    /**
     * @return the bound HTTP port (the ephemeral one when built with port 0)
     * @throws IllegalStateException before {@link #start()}, or when the server has no HTTP listener
     */
    public int httpPort() {
        return httpAddress().getPort();
    }

    /**
     * @return the bound HTTP address
     * @throws IllegalStateException before {@link #start()}, or when the server has no HTTP listener
     *     ({@link Builder#http(int)} not called)
     */
    public InetSocketAddress httpAddress() {
        if (httpListener == null) {
            throw new IllegalStateException("RtmpServer has no HTTP listener (see RtmpServer.Builder.http)");
        }
        return bound(httpListener);
    }

    /** @return whether the server was built with an HTTP listener */
    public boolean hasHttp() {
        return httpListener != null;
    }

    private static InetSocketAddress bound(Listener l) {
        InetSocketAddress a = l.localAddress();
        if (a == null) {
            throw new IllegalStateException("RtmpServer not started");
        }
        return a;
    }

    /** @return a snapshot of the counters (connections of every listener); zeros before start */
    public ServerMetrics metrics() {
        return connections.metrics(stats);
    }

    /**
     * @return the name of this server's {@link RtmpServerMXBean} ({@code DOMAIN:type=RtmpServer,port=PORT})
     *     while registered: after {@link #start()} of a server built with {@link Builder#jmx(String)},
     *     until {@link #shutdown(Duration)}; empty otherwise
     */
    public Optional<ObjectName> jmxName() {
        ServerMXBeanAdapter b = mxBean;
        return b == null ? Optional.empty() : Optional.of(b.name());
    }

    /** @return every limit and timeout this server enforces, with the defaults filled in */
    public ServerLimits limits() {
        return limits;
    }

    /**
     * @return the open connections of every listener (kind, address, stream, bytes, RTT, drops), closing
     *     one by id, and the protocol errors by kind; empty before start
     */
    public ClientDirectory clients() {
        return new ClientDirectory(stats.clients());
    }

    /** @return the engines of the RTMP connections open now (tests and metrics) */
    Collection<ServerConnection> connections() {
        return connections.snapshot();
    }

    /**
     * {@code drain(null, timeout)}: asks every client to reconnect to the URL it is connected to
     * (which, with this server no longer accepting, means another instance behind the same name or
     * load balancer).
     *
     * @param timeout how long clients may take to leave
     * @return as {@link #drain(String, Duration)}
     */
    public CompletableFuture<DrainResult> drain(Duration timeout) {
        return drain(null, timeout);
    }

    /**
     * Drains the server before a restart or to move its clients elsewhere (E-RTMP v2, Reconnect
     * Request), as a graceful nginx or SRS shutdown does:
     *
     * <ol>
     *   <li>The listening sockets (RTMP and HTTP) are closed at once: new connections are refused (connection refused,
     *       not accepted and dropped), so reconnecting clients and load balancers go to another
     *       instance. Connections accepted but not yet set up are closed.</li>
     *   <li>Every open connection whose {@code connect} announced {@code capsEx} Reconnect is sent
     *       {@code onStatus NetConnection.Connect.ReconnectRequest} ({@link
     *       org.rtmp4j.core.session.RtmpSession#requestReconnect}), with {@code tcUrlOrNull} when
     *       given. As the spec asks of the "old server", every connection is served as before
     *       until it leaves: a publisher goes on being relayed until it switches at its next
     *       keyframe, and the live relay hands its stream over to its successor without notifying
     *       the players.</li>
     *   <li>Clients that cannot be asked (legacy RTMP clients such as ffmpeg and OBS without
     *       E-RTMP v2, clients without the Reconnect bit, connections still in the handshake) get no
     *       message; they are served until they leave or the timeout, then closed like by {@link
     *       #shutdown}. {@link DrainResult#notCapable()} counts them.</li>
     *   <li>When every connection is gone, or at {@code timeout} after closing the rest, the future
     *       completes with the counts. It never completes exceptionally.</li>
     * </ol>
     *
     * <p>The server stays started (loops running, not accepting): follow with {@link #close()} or
     * {@link #shutdown(Duration)}. Calling {@code drain} again returns the first drain's future.
     * Non-blocking; any thread. To ask a single session, use {@code RtmpSession.requestReconnect}
     * (e.g. from a controller).
     *
     * @param tcUrlOrNull where clients should reconnect (absolute, or relative to their tcUrl, e.g.
     *     {@code //10.0.0.2/live}), or {@code null} for the tcUrl they used
     * @param timeout how long clients may take to leave, positive
     * @return completes when every connection has left (or was closed at the timeout)
     * @throws IllegalStateException if the server is not started (never started, or stopping)
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public CompletableFuture<DrainResult> drain(String tcUrlOrNull, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("drain timeout must be positive: " + timeout);
        }
        Drainer d;
        synchronized (this) {
            if (drainResult != null) {
                return drainResult.copy();
            }
            if (state != State.STARTED) {
                throw new IllegalStateException("RtmpServer not started (state " + state + ")");
            }
            d = new Drainer(connections.liveSet());
            drainer = d;
            for (Listener l : listeners) {
                l.stop();
            }
            drainResult = d.start(tcUrlOrNull, DRAIN_DESCRIPTION, timeout);
            return drainResult.copy();
        }
    }

    /** @return whether {@link #drain} was called: the server no longer accepts connections */
    public boolean isDraining() {
        return drainer != null;
    }

    private void connectionClosed() {
        Drainer d = drainer;
        if (d != null) {
            d.connectionClosed();
        }
    }

    /**
     * Stops the server: stops accepting, closes every connection gracefully (flushing what is
     * queued), and after {@code grace} closes the rest at once and stops the loops. Calling it
     * again returns the same future; on a server never started it just marks it stopped.
     *
     * @param grace the longest time to wait for connections to flush and close
     * @return completes when every loop thread has finished
     */
    public CompletableFuture<Void> shutdown(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        synchronized (this) {
            if (state == State.NEW) {
                state = State.STOPPED;
                termination.complete(null);
            } else if (state == State.STARTED) {
                state = State.STOPPING;
                ServerMXBeanAdapter b = mxBean;
                if (b != null) {
                    mxBean = null;
                    b.unregister();
                }
                LOG.info("RTMP server on {} stopping", rtmpListener.localAddress());
                group.shutdownGracefully(grace.toNanos()).whenComplete((v, t) -> {
                    for (Listener l : listeners) {
                        l.closeSocket();
                    }
                    state = State.STOPPED;
                    LOG.info("RTMP server on {} stopped", rtmpListener.localAddress());
                    termination.complete(null);
                });
            }
        }
        return termination.copy();
    }

    /** @return completes when the server has stopped (never completes exceptionally) */
    public CompletableFuture<Void> terminationFuture() {
        return termination.copy();
    }

    /**
     * {@code shutdown(5 s)} and waits for it. Idempotent. Called on one of the server's own loop
     * threads it does not wait (that would deadlock).
     */
    @Override
    public void close() {
        CompletableFuture<Void> f = shutdown(CLOSE_GRACE);
        EventLoopGroup g;
        synchronized (this) {
            g = group;
        }
        if (g != null) {
            for (EventLoop l : g.loops()) {
                if (l.inLoop()) {
                    return;
                }
            }
        }
        boolean interrupted = false;
        while (true) {
            try {
                f.get(CLOSE_GRACE.toMillis() + 5_000, TimeUnit.MILLISECONDS);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("RTMP server on {} did not stop cleanly", rtmpListener.localAddress(), e);
                break;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }


    private static ThreadFactory defaultThreadFactory() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "rtmp-loop-" + n.getAndIncrement());
            t.setDaemon(false);
            return t;
        };
    }

    @Override
    public String toString() {
        InetSocketAddress a = rtmpListener.localAddress();
        return "RtmpServer[" + (a != null ? a : rtmpListener.bindAddress()) + ", " + state + "]";
    }

    /**
     * Settings for an {@link RtmpServer}. Not thread-safe; {@link #build()} may be called more than
     * once.
     */
    public static final class Builder {
        private InetSocketAddress bind = new InetSocketAddress("127.0.0.1", 1935);
        private RtmpControllerFactory controllers = session -> new RtmpController() {};
        private int eventLoops = Runtime.getRuntime().availableProcessors();
        private SessionConfig sessionConfig = SessionConfig.defaults();
        private Duration handshakeTimeout;
        private Duration connectTimeout;
        private Duration idleTimeout;
        private Duration pingInterval;
        private Integer maxMessageSize;
        private Integer maxChunkStreams;
        private Long maxPendingBytes;
        private Integer maxMessageStreams;
        private OutboundLimits outbound;
        private int maxConnections = ServerLimits.DEFAULT_MAX_CONNECTIONS;
        private int maxConnectionsPerIp = ServerLimits.DEFAULT_MAX_CONNECTIONS_PER_IP;
        private int maxEstablishedPerIp;
        private LongSupplier nanoClock = SYSTEM_CLOCK;
        private ThreadFactory threadFactory;
        private String jmxDomain;
        private Duration mergedWriteDelay = Duration.ZERO;
        private InetSocketAddress httpBind;
        private boolean httpOnRtmpHost;
        private HttpOptions httpOptions = HttpOptions.defaults();
        private final List<HttpRoute> httpRoutes = new ArrayList<>();

        private Builder() {}

        /**
         * Adds an HTTP/1.1 listener on the RTMP listener's host (see {@link #host(String)}), served by
         * the same event loops. Default: no HTTP listener.
         *
         * @param port 0–65535; 0 picks an ephemeral port ({@link RtmpServer#httpPort()} tells which)
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder http(int port) {
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("HTTP port out of range: " + port);
            }
            this.httpBind = InetSocketAddress.createUnresolved("rtmp-host", port);
            this.httpOnRtmpHost = true;
            return this;
        }

        /**
         * Adds an HTTP/1.1 listener on {@code address}, served by the same event loops. Default: no
         * HTTP listener.
         *
         * @param address the address to bind; port 0 picks an ephemeral port
         * @return this builder
         */
        public Builder http(InetSocketAddress address) {
            this.httpBind = Objects.requireNonNull(address, "address");
            this.httpOnRtmpHost = false;
            return this;
        }

        /**
         * Removes the HTTP listener added by {@link #http(int)} or {@link #http(InetSocketAddress)}.
         *
         * @return this builder
         */
        public Builder noHttp() {
            this.httpBind = null;
            return this;
        }

        /**
         * Sets the HTTP listener's limits, CORS origin and timeouts. Default {@link HttpOptions#defaults()}.
         *
         * @param options the settings
         * @return this builder
         */
        public Builder httpOptions(HttpOptions options) {
            this.httpOptions = Objects.requireNonNull(options, "options");
            return this;
        }

        /**
         * Routes HTTP requests with {@code method} whose path matches {@code path} to {@code handler}
         * (see {@link HttpRoute}); earlier routes win. Without routes: OPTIONS is answered (CORS
         * preflight), {@code GET /APP/KEY.flv} is 404 (no stream is live) or, with
         * {@code Upgrade: websocket}, an accepted WebSocket that sends nothing; everything else 404.
         *
         * @param method the request method
         * @param path tests the request path (without query)
         * @param handler serves the requests, on their loop thread
         * @return this builder
         */
        public Builder httpRoute(HttpMethod method, Predicate<String> path, HttpHandler handler) {
            httpRoutes.add(new HttpRoute(method, path, handler));
            return this;
        }

        InetSocketAddress resolvedHttpBind() {
            if (!httpOnRtmpHost) {
                return httpBind;
            }
            return bind.isUnresolved()
                    ? InetSocketAddress.createUnresolved(bind.getHostString(), httpBind.getPort())
                    : new InetSocketAddress(bind.getAddress(), httpBind.getPort());
        }

        /**
         * Sets the listening address. Default {@code 127.0.0.1:1935}: loopback, so binding all
         * interfaces ({@code 0.0.0.0}) is an explicit choice.
         *
         * @param address the address to bind; port 0 picks an ephemeral port
         * @return this builder
         */
        public Builder bind(InetSocketAddress address) {
            this.bind = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * Sets the port, keeping the host.
         *
         * @param port 0–65535; 0 picks an ephemeral port (the test default)
         * @return this builder
         * @throws IllegalArgumentException if out of range
         */
        public Builder port(int port) {
            if (port < 0 || port > 0xFFFF) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.bind = bind.isUnresolved()
                    ? InetSocketAddress.createUnresolved(bind.getHostString(), port)
                    : new InetSocketAddress(bind.getAddress(), port);
            return this;
        }

        /**
         * Sets the host to bind, keeping the port.
         *
         * @param host a host name or IP literal, e.g. {@code 0.0.0.0} for all interfaces
         * @return this builder
         */
        public Builder host(String host) {
            this.bind = new InetSocketAddress(Objects.requireNonNull(host, "host"), bind.getPort());
            return this;
        }

        /**
         * Uses one controller for every connection; it must be thread-safe (connections run on
         * several loops).
         *
         * @param shared the controller
         * @return this builder
         */
        public Builder controller(RtmpController shared) {
            Objects.requireNonNull(shared, "controller");
            this.controllers = session -> shared;
            return this;
        }

        /**
         * Makes one controller per connection (the instance can hold per-session state without
         * synchronisation). Default: a controller that accepts everything and drops the media.
         *
         * @param factory called once per connection, after the handshake, on its loop thread
         * @return this builder
         */
        public Builder controllerFactory(RtmpControllerFactory factory) {
            this.controllers = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * Sets the number of event loops (one thread each). Default {@code availableProcessors()}.
         *
         * @param n at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code n < 1}
         */
        public Builder eventLoops(int n) {
            if (n <= 0) {
                throw new IllegalArgumentException("eventLoops must be > 0, was " + n);
            }
            this.eventLoops = n;
            return this;
        }

        /**
         * Sets the per-connection protocol settings and limits. Default {@link SessionConfig#defaults()}.
         *
         * @param config the settings
         * @return this builder
         */
        public Builder sessionConfig(SessionConfig config) {
            this.sessionConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Overrides {@link SessionConfig#handshakeTimeout()}: how long after accept the RTMP
         * handshake (RTMP 1.0 §5.2) may take. Default 10 s.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder handshakeTimeout(Duration timeout) {
            this.handshakeTimeout = positive(timeout, "handshakeTimeout");
            return this;
        }

        /**
         * Overrides {@link SessionConfig#idleTimeout()}: a connection that sends nothing for this
         * long is closed. Default 60 s.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = positive(timeout, "idleTimeout");
            return this;
        }

        /**
         * Sets the most simultaneous connections; a connection over the limit is closed right
         * after accept and counted in {@link ServerMetrics#rejectedConnections()}. Default 1024.
         *
         * @param max at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code max < 1}
         */
        public Builder maxConnections(int max) {
            if (max <= 0) {
                throw new IllegalArgumentException("maxConnections must be > 0, was " + max);
            }
            this.maxConnections = max;
            return this;
        }

        /**
         * Sets the most simultaneous connections from one peer IP address that do not publish or
         * play yet (handshake, {@code connect}, idle). One more closes the <em>oldest</em> of them,
         * not the new one, so idle sockets cannot lock out a real client behind the same address
         * (a NAT, an office, a load test). Publishers and players do not count here; see {@link
         * #maxEstablishedPerIp(int)}. Default 64.
         *
         * @param max at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code max < 1}
         */
        public Builder maxConnectionsPerIp(int max) {
            if (max <= 0) {
                throw new IllegalArgumentException("maxConnectionsPerIp must be > 0, was " + max);
            }
            this.maxConnectionsPerIp = max;
            return this;
        }

        /**
         * Sets the most simultaneous connections from one peer IP address that publish or play
         * (counted from their first {@code publish} or {@code play}, RTMP 1.0 §7.2.2.6 and
         * §7.2.2.1, that is let through, until they close). One more {@code publish} is refused
         * with {@code NetStream.Publish.Rejected}, one more {@code play} with {@code
         * NetStream.Play.Failed}, both saying "too many publishers and players from ADDRESS (max
         * N)"; the controller never sees them and the connection stays open. Default 0: no limit.
         *
         * @param max at least 0; 0 turns the limit off
         * @return this builder
         * @throws IllegalArgumentException if {@code max < 0}
         */
        public Builder maxEstablishedPerIp(int max) {
            if (max < 0) {
                throw new IllegalArgumentException("maxEstablishedPerIp must be >= 0, was " + max);
            }
            this.maxEstablishedPerIp = max;
            return this;
        }

        /**
         * Overrides {@link SessionConfig#connectTimeout()}: how long after accept a connection may
         * take to have its {@code connect} accepted (RTMP 1.0 §7.2.1.1). Default 20 s.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Overrides {@link SessionConfig#pingInterval()}: after this long without input a Ping
         * Request is sent (RTMP 1.0 §7.1.7); zero disables. Default 30 s.
         *
         * @param interval zero or positive
         * @return this builder
         */
        public Builder pingInterval(Duration interval) {
            Objects.requireNonNull(interval, "pingInterval");
            if (interval.isNegative()) {
                throw new IllegalArgumentException("pingInterval must not be negative: " + interval);
            }
            this.pingInterval = interval;
            return this;
        }

        /**
         * Overrides {@link ChunkLimits#maxMessageSize()}: the longest message length a chunk
         * header may declare (RTMP 1.0 §5.3.1.2). Default 16 MiB.
         *
         * @param bytes at least 1
         * @return this builder
         */
        public Builder maxMessageSize(int bytes) {
            this.maxMessageSize = atLeastOne(bytes, "maxMessageSize");
            return this;
        }

        /**
         * Overrides {@link ChunkLimits#maxChunkStreams()}: most chunk stream ids one connection may
         * use (RTMP 1.0 §5.3.1.1). Default 64.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxChunkStreams(int max) {
            this.maxChunkStreams = atLeastOne(max, "maxChunkStreams");
            return this;
        }

        /**
         * Overrides {@link ChunkLimits#maxPendingBytes()}: most bytes of partly received messages
         * (by their declared lengths) one connection may hold. Default 32 MiB.
         *
         * @param bytes at least 1
         * @return this builder
         */
        public Builder maxPendingBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxPendingBytes must be > 0, was " + bytes);
            }
            this.maxPendingBytes = bytes;
            return this;
        }

        /**
         * Overrides {@link SessionConfig#maxMessageStreams()}: most message streams one connection
         * may create; {@code createStream} beyond it gets {@code _error}. Default 16.
         *
         * @param max at least 1
         * @return this builder
         */
        public Builder maxMessageStreams(int max) {
            this.maxMessageStreams = atLeastOne(max, "maxMessageStreams");
            return this;
        }

        /**
         * Overrides {@link SessionConfig#outbound()}: per-player watermarks and hard cap. Default
         * {@link OutboundLimits#DEFAULT} (512 KiB / 2 MiB / 16 MiB, drop to next keyframe).
         *
         * @param limits the bounds
         * @return this builder
         */
        public Builder outbound(OutboundLimits limits) {
            this.outbound = Objects.requireNonNull(limits, "outbound");
            return this;
        }

        /**
         * Replaces the monotonic clock that drives the deadlines (tests use fake time). Default
         * {@link System#nanoTime()}. The loops still tick every 100 ms of real time.
         *
         * @param clock a monotonic clock in nanoseconds
         * @return this builder
         */
        Builder clock(LongSupplier clock) {
            this.nanoClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @return the limits {@link #build()} would use */
        public ServerLimits limits() {
            return ServerLimits.of(maxConnections, maxConnectionsPerIp, maxEstablishedPerIp, effectiveSessionConfig());
        }

        /**
         * Sets the factory of loop threads. Default: non-daemon threads named {@code rtmp-loop-N}.
         *
         * @param factory makes one thread per event loop
         * @return this builder
         */
        public Builder threadFactory(ThreadFactory factory) {
            this.threadFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * Registers an {@link RtmpServerMXBean} in the platform MBean server
         * ({@code ManagementFactory.getPlatformMBeanServer()}, module {@code java.management}) when
         * the server starts, as {@code DOMAIN:type=RtmpServer,port=PORT}; it is unregistered when
         * the server shuts down. If the name is taken the server still starts (a warning is
         * logged). Default: no JMX.
         *
         * @param domain the JMX domain, e.g. {@code "rtmp4j"}
         * @return this builder
         * @throws IllegalArgumentException if {@code domain} is not a valid JMX domain
         */
        public Builder jmx(String domain) {
            Objects.requireNonNull(domain, "domain");
            ServerMXBeanAdapter.objectName(domain, 0); // validates
            this.jmxDomain = domain;
            return this;
        }

        /**
         * Merged writes: how long output queued for a connection may wait for more before it is
         * written to the socket, so that one write carries several messages. Fan-out CPU is
         * dominated by the kernel's cost per socket write (about 7 µs per write on loopback,
         * whatever its size up to 64 KiB), so with a 25 fps stream a delay of 100 ms cuts the
         * writes per player about 3.5-fold, at the price of up to that much added latency on
         * media. Commands, control messages and the handshake are not held back, and take a
         * connection's held media out with them (so a joining player's cached GOP goes out with
         * its {@code play} replies). The same trade-off as SRS's
         * {@code mw_latency}. Default 0: every message goes out at the end of the event-loop
         * iteration that queued it (lowest latency).
         *
         * @param delay 0 to 1 s
         * @return this builder
         * @throws IllegalArgumentException if {@code delay} is negative or over 1 s
         */
        public Builder mergedWriteDelay(Duration delay) {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative() || delay.compareTo(Duration.ofSeconds(1)) > 0) {
                throw new IllegalArgumentException("mergedWriteDelay must be 0..1 s, was " + delay);
            }
            this.mergedWriteDelay = delay;
            return this;
        }

        /** @return a new, not yet started server */
        public RtmpServer build() {
            return new RtmpServer(this);
        }

        SessionConfig effectiveSessionConfig() {
            SessionConfig c = sessionConfig;
            if (handshakeTimeout != null || idleTimeout != null || connectTimeout != null || pingInterval != null) {
                c = c.withTimeouts(
                        handshakeTimeout != null ? handshakeTimeout : c.handshakeTimeout(),
                        connectTimeout != null ? connectTimeout : c.connectTimeout(),
                        idleTimeout != null ? idleTimeout : c.idleTimeout(),
                        pingInterval != null ? pingInterval : c.pingInterval());
            }
            if (maxMessageSize != null || maxChunkStreams != null || maxPendingBytes != null) {
                ChunkLimits l = c.chunkLimits();
                c = c.withChunkLimits(new ChunkLimits(
                        maxMessageSize != null ? maxMessageSize : l.maxMessageSize(),
                        l.maxIncomingChunkSize(),
                        maxChunkStreams != null ? maxChunkStreams : l.maxChunkStreams(),
                        maxPendingBytes != null ? maxPendingBytes : l.maxPendingBytes()));
            }
            if (maxMessageStreams != null) {
                c = c.withMaxMessageStreams(maxMessageStreams);
            }
            if (outbound != null) {
                c = c.withOutbound(outbound);
            }
            return c;
        }

        private static int atLeastOne(int v, String what) {
            if (v < 1) {
                throw new IllegalArgumentException(what + " must be > 0, was " + v);
            }
            return v;
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }
    }
}
