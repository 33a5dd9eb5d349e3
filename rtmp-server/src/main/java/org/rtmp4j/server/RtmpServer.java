package org.rtmp4j.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import javax.management.ObjectName;
import org.rtmp4j.core.session.RtmpController;
import org.rtmp4j.core.session.ServerConnection;
import org.rtmp4j.core.session.SessionConfig;
import org.rtmp4j.http.HttpOptions;
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
 * each bound address is a {@code Listener} (socket, acceptor, protocol) on the shared loops, all of them
 * and the RTMPT sessions in {@code ServerListeners}; the open
 * RTMP connections are in {@code ServerConnections}; the {@link Builder} only collects settings (its
 * setters live in two package-private bases, one for the server-wide settings and one for the
 * per-connection RTMP settings, so that each class stays small).
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
    private static final String DRAIN_DESCRIPTION = "The server is shutting down; please reconnect.";

    private enum State {
        NEW,
        STARTED,
        STOPPING,
        STOPPED
    }

    private final int eventLoops;
    private final ServerLimits limits;
    private final PeerLimits peerLimits;
    private final long mergedWriteDelayNanos;
    private final ThreadFactory threadFactory;
    private final String jmxDomain;
    private final ServerConnections connections;
    private final ServerListeners listeners;
    private final Listener rtmpListener;
    private final ServerStats stats = new ServerStats();
    private final CompletableFuture<Void> termination = new CompletableFuture<>();

    private volatile State state = State.NEW;
    private volatile Drainer drainer;
    private CompletableFuture<DrainResult> drainResult;
    private EventLoopGroup group;
    private volatile ServerMXBeanAdapter mxBean;

    private RtmpServer(Builder b) {
        this.eventLoops = b.eventLoops;
        SessionConfig sessionConfig = b.effectiveSessionConfig();
        this.limits = b.limits();
        this.peerLimits = new PeerLimits(b.maxConnectionsPerIp, b.maxEstablishedPerIp);
        this.mergedWriteDelayNanos = b.mergedWriteDelay.toNanos();
        this.threadFactory = b.threadFactoryOrDefault();
        this.jmxDomain = b.jmxDomain;
        this.connections = new ServerConnections(sessionConfig, b.controllers, peerLimits, b.nanoClock,
                b.nanoClock == ServerSettings.SYSTEM_CLOCK);
        this.connections.onConnectionClosed(this::connectionClosed);
        this.listeners = new ServerListeners(b, connections, peerLimits, stats, limits.maxConnections(),
                this::accepting);
        this.rtmpListener = listeners.rtmp();
    }

    /** @return whether new connections and RTMPT sessions are accepted: started, not draining */
    private boolean accepting() {
        return state == State.STARTED && drainer == null;
    }

    /** @return a builder with the defaults: 127.0.0.1:1935, an accept-everything controller, no HTTP */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Binds every listening socket (RTMP, then HTTP, RTMPS, HTTPS if configured) and starts the event loops.
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
            listeners.bind(g, stats, limits.maxConnections(), peerLimits, this::accepting);
        } catch (IOException | RuntimeException e) {
            listeners.closeSockets();
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
        listeners.logListening(LOG, eventLoops);
        return this;
    }

    /**
     * @return the bound RTMP port (the ephemeral one when built with port 0); with {@link
     *     Builder#noPlainRtmp()} the RTMPS port
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
        return listeners.rtmpAddress();
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
        return listeners.httpAddress();
    }

    /**
     * @return the bound RTMPS port (the ephemeral one when built with port 0)
     * @throws IllegalStateException before {@link #start()}, or without {@link Builder#rtmps}
     */
    public int rtmpsPort() {
        return listeners.rtmpsAddress().getPort();
    }

    /**
     * @return the bound HTTPS port (the ephemeral one when built with port 0)
     * @throws IllegalStateException before {@link #start()}, or without {@link Builder#https}
     */
    public int httpsPort() {
        return listeners.httpsAddress().getPort();
    }

    /** @return whether the server was built with an HTTP listener */
    public boolean hasHttp() {
        return listeners.hasHttp();
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
            listeners.stopAccepting();
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
                listeners.closeRtmptSessions();
                group.shutdownGracefully(grace.toNanos()).whenComplete((v, t) -> {
                    listeners.closeSockets();
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
        Exception failed = TerminationWait.await(f, g, CLOSE_GRACE.plusSeconds(5));
        if (failed != null) {
            LOG.warn("RTMP server on {} did not stop cleanly", rtmpListener.localAddress(), failed);
        }
    }

    @Override
    public String toString() {
        InetSocketAddress a = rtmpListener.localAddress();
        return "RtmpServer[" + (a != null ? a : rtmpListener.bindAddress()) + ", " + state + "]";
    }

    /**
     * Settings for an {@link RtmpServer}: every setter (addresses, HTTP routes, limits, timeouts,
     * loops, controllers) returns this builder. Not thread-safe; {@link #build()} may be called more
     * than once.
     */
    public static final class Builder extends ServerSettings<Builder> {
        private Builder() {}

        @Override
        Builder self() {
            return this;
        }

        /** @return a new, not yet started server */
        public RtmpServer build() {
            return new RtmpServer(this);
        }
    }
}
