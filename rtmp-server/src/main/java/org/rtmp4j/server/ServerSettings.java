package org.rtmp4j.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import org.rtmp4j.core.session.RtmpController;
import org.rtmp4j.core.session.RtmpControllerFactory;
import org.rtmp4j.http.HttpHandler;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.http.HttpOptions;
import org.rtmp4j.http.HttpRoute;
import org.rtmp4j.server.internal.PeerLimits;
import org.rtmp4j.server.rtmpt.RtmptHandler;
import org.rtmp4j.server.rtmpt.RtmptOptions;

/**
 * The server-wide settings of {@link RtmpServer.Builder}: the RTMP and HTTP listening addresses,
 * HTTP routes, connection limits, event loops, controllers, JMX and merged writes. Split from the
 * builder only to keep each class small (DESIGN-NOTES.md, "Listeners and the HTTP runtime");
 * callers use {@link RtmpServer.Builder}. Not thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
abstract class ServerSettings<B extends ServerSettings<B>> extends TlsSettings<B> {
    /** The default clock of the deadlines. */
    static final LongSupplier SYSTEM_CLOCK = System::nanoTime;

    InetSocketAddress bind = new InetSocketAddress("127.0.0.1", 1935);
    RtmpControllerFactory controllers = session -> new RtmpController() {};
    int eventLoops = Runtime.getRuntime().availableProcessors();
    private int maxConnections = ServerLimits.DEFAULT_MAX_CONNECTIONS;
    int maxConnectionsPerIp = ServerLimits.DEFAULT_MAX_CONNECTIONS_PER_IP;
    int maxEstablishedPerIp;
    LongSupplier nanoClock = SYSTEM_CLOCK;
    private ThreadFactory threadFactory;
    String jmxDomain;
    Duration mergedWriteDelay = Duration.ZERO;
    private InetSocketAddress httpBind;
    private boolean httpOnRtmpHost;
    private HttpOptions httpOptions = HttpOptions.defaults();
    private final List<HttpRoute> httpRoutes = new ArrayList<>();
    private RtmptOptions rtmptOptions = RtmptOptions.defaults();

    ServerSettings() {}

    /**
     * Adds an HTTP/1.1 listener on the RTMP listener's host (see {@link #host(String)}), served by
     * the same event loops. Default: no HTTP listener.
     *
     * @param port 0–65535; 0 picks an ephemeral port ({@link RtmpServer#httpPort()} tells which)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public B http(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("HTTP port out of range: " + port);
        }
        this.httpBind = InetSocketAddress.createUnresolved("rtmp-host", port);
        this.httpOnRtmpHost = true;
        return self();
    }

    /**
     * Adds an HTTP/1.1 listener on {@code address}, served by the same event loops. Default: no
     * HTTP listener.
     *
     * @param address the address to bind; port 0 picks an ephemeral port
     * @return this builder
     */
    public B http(InetSocketAddress address) {
        this.httpBind = Objects.requireNonNull(address, "address");
        this.httpOnRtmpHost = false;
        return self();
    }

    /**
     * Removes the HTTP listener added by {@link #http(int)} or {@link #http(InetSocketAddress)}.
     *
     * @return this builder
     */
    public B noHttp() {
        this.httpBind = null;
        return self();
    }

    /**
     * Sets the HTTP listener's limits, CORS origin and timeouts. Default {@link HttpOptions#defaults()}.
     *
     * @param options the settings
     * @return this builder
     */
    public B httpOptions(HttpOptions options) {
        this.httpOptions = Objects.requireNonNull(options, "options");
        return self();
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
    public B httpRoute(HttpMethod method, Predicate<String> path, HttpHandler handler) {
        httpRoutes.add(new HttpRoute(method, path, handler));
        return self();
    }

    /**
     * Sets the limits of RTMPT (RTMP tunnelled through HTTP: {@code POST /open/1}, {@code /send/ID/SEQ},
     * {@code /idle/ID/SEQ}, {@code /close/ID/SEQ}) on the HTTP listener. RTMPT is on by default whenever
     * there is an HTTP listener, with {@link RtmptOptions#defaults()}: a session is an ordinary RTMP
     * connection (same controller, same limits), so it opens nothing that RTMP does not. Routes added with
     * {@link #httpRoute} for the same paths win.
     *
     * @param options the limits
     * @return this builder
     */
    public B rtmpt(RtmptOptions options) {
        this.rtmptOptions = Objects.requireNonNull(options, "options");
        return self();
    }

    /**
     * Turns RTMPT off: its paths are then 404 like any other unknown path.
     *
     * @return this builder
     */
    public B noRtmpt() {
        this.rtmptOptions = null;
        return self();
    }

    /** @return the RTMPT limits, or {@code null} when RTMPT is off */
    RtmptOptions rtmptOptions() {
        return httpBind == null && !hasHttps() ? null : rtmptOptions;
    }

    /**
     * @param peerLimits the per-IP accounting shared with the RTMP listener
     * @param rtmpt the RTMPT handler to mount after the application's routes, or {@code null}
     * @return the HTTP listener these settings ask for, or {@code null} without {@link #http(int)}
     */
    Listener httpListener(PeerLimits peerLimits, RtmptHandler rtmpt) {
        if (httpBind == null) {
            return null;
        }
        return new Listener(resolvedHttpBind(), httpProtocol(peerLimits, rtmpt));
    }

    /**
     * @param peerLimits the per-IP accounting shared with the RTMP listener
     * @param rtmpt the RTMPT handler to mount after the application's routes, or {@code null}
     * @return the HTTP protocol with these routes and options (for the HTTP and HTTPS listeners; RTMPT
     *     on HTTPS is RTMPTS)
     */
    ListenerProtocol httpProtocol(PeerLimits peerLimits, RtmptHandler rtmpt) {
        List<HttpRoute> routes = new ArrayList<>(httpRoutes);
        if (rtmpt != null) {
            routes.add(new HttpRoute(HttpMethod.POST, RtmptHandler::matches, rtmpt));
        }
        return new HttpProtocol(httpOptions, routes, peerLimits, nanoClock);
    }

    private InetSocketAddress resolvedHttpBind() {
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
    public B bind(InetSocketAddress address) {
        this.bind = Objects.requireNonNull(address, "address");
        return self();
    }

    /**
     * Sets the port, keeping the host.
     *
     * @param port 0–65535; 0 picks an ephemeral port (the test default)
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public B port(int port) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        this.bind = bind.isUnresolved()
                ? InetSocketAddress.createUnresolved(bind.getHostString(), port)
                : new InetSocketAddress(bind.getAddress(), port);
        return self();
    }

    /**
     * Sets the host to bind, keeping the port.
     *
     * @param host a host name or IP literal, e.g. {@code 0.0.0.0} for all interfaces
     * @return this builder
     */
    public B host(String host) {
        this.bind = new InetSocketAddress(Objects.requireNonNull(host, "host"), bind.getPort());
        return self();
    }

    /**
     * Uses one controller for every connection; it must be thread-safe (connections run on
     * several loops).
     *
     * @param shared the controller
     * @return this builder
     */
    public B controller(RtmpController shared) {
        Objects.requireNonNull(shared, "controller");
        this.controllers = session -> shared;
        return self();
    }

    /**
     * Makes one controller per connection (the instance can hold per-session state without
     * synchronisation). Default: a controller that accepts everything and drops the media.
     *
     * @param factory called once per connection, after the handshake, on its loop thread
     * @return this builder
     */
    public B controllerFactory(RtmpControllerFactory factory) {
        this.controllers = Objects.requireNonNull(factory, "factory");
        return self();
    }

    /**
     * Sets the number of event loops (one thread each). Default {@code availableProcessors()}.
     *
     * @param n at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public B eventLoops(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("eventLoops must be > 0, was " + n);
        }
        this.eventLoops = n;
        return self();
    }

    /**
     * Sets the most simultaneous connections; a connection over the limit is closed right
     * after accept and counted in {@link ServerMetrics#rejectedConnections()}. Default 1024.
     *
     * @param max at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code max < 1}
     */
    public B maxConnections(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("maxConnections must be > 0, was " + max);
        }
        this.maxConnections = max;
        return self();
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
    public B maxConnectionsPerIp(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("maxConnectionsPerIp must be > 0, was " + max);
        }
        this.maxConnectionsPerIp = max;
        return self();
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
    public B maxEstablishedPerIp(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("maxEstablishedPerIp must be >= 0, was " + max);
        }
        this.maxEstablishedPerIp = max;
        return self();
    }

    /**
     * Replaces the monotonic clock that drives the deadlines (tests use fake time). Default
     * {@link System#nanoTime()}. The loops still tick every 100 ms of real time.
     *
     * @param clock a monotonic clock in nanoseconds
     * @return this builder
     */
    B clock(LongSupplier clock) {
        this.nanoClock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /** @return the limits {@link RtmpServer.Builder#build()} would use */
    public ServerLimits limits() {
        return ServerLimits.of(maxConnections, maxConnectionsPerIp, maxEstablishedPerIp, effectiveSessionConfig());
    }

    /**
     * Sets the factory of loop threads. Default: non-daemon threads named {@code rtmp-loop-N}.
     *
     * @param factory makes one thread per event loop
     * @return this builder
     */
    public B threadFactory(ThreadFactory factory) {
        this.threadFactory = Objects.requireNonNull(factory, "factory");
        return self();
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
    public B jmx(String domain) {
        Objects.requireNonNull(domain, "domain");
        ServerMXBeanAdapter.objectName(domain, 0); // validates
        this.jmxDomain = domain;
        return self();
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
    public B mergedWriteDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative() || delay.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("mergedWriteDelay must be 0..1 s, was " + delay);
        }
        this.mergedWriteDelay = delay;
        return self();
    }


    /** @return the thread factory set, or one making non-daemon threads named {@code rtmp-loop-N} */
    ThreadFactory threadFactoryOrDefault() {
        if (threadFactory != null) {
            return threadFactory;
        }
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "rtmp-loop-" + n.getAndIncrement());
            t.setDaemon(false);
            return t;
        };
    }
}
