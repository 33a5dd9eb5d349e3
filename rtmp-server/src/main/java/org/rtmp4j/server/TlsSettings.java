package org.rtmp4j.server;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import org.rtmp4j.tls.TlsContext;

/**
 * The TLS listeners of {@link RtmpServer.Builder} (DESIGN-NOTES.md, "TLS (issue 16 §1)"): RTMPS
 * and HTTPS, each the plain protocol behind a TLS layer on the same event loops, and whether the
 * plain RTMP listener exists. Split from the builder only to keep each class small; callers use
 * {@link RtmpServer.Builder}. Not thread-safe.
 *
 * @param <B> the concrete builder, returned by every setter for chaining
 */
abstract class TlsSettings<B extends TlsSettings<B>> extends SessionSettings<B> {
    /** The default TLS handshake deadline from accept: 10 s. */
    static final Duration DEFAULT_TLS_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private Integer rtmpsPort;
    private TlsContext rtmpsTls;
    private Integer httpsPort;
    private TlsContext httpsTls;
    boolean plainRtmp = true;
    Duration tlsHandshakeTimeout = DEFAULT_TLS_HANDSHAKE_TIMEOUT;

    TlsSettings() {}

    /**
     * Adds an RTMPS listener (RTMP over TLS) on the RTMP listener's host, served by the same event
     * loops, connection limits and live hub as plain RTMP. Default: none. Usual ports: 443, 1936.
     *
     * @param port 0–65535; 0 picks an ephemeral port ({@link RtmpServer#rtmpsPort()} tells which)
     * @param tls the server's certificate and key
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public B rtmps(int port, TlsContext tls) {
        this.rtmpsPort = checkPort(port, "RTMPS");
        this.rtmpsTls = Objects.requireNonNull(tls, "tls");
        return self();
    }

    /**
     * Adds an HTTPS listener on the RTMP listener's host: the HTTP listener's routes (HTTP-FLV,
     * WebSocket as WSS, API...) and options behind TLS. Default: none. Works with or without the
     * plain HTTP listener.
     *
     * @param port 0–65535; 0 picks an ephemeral port ({@link RtmpServer#httpsPort()} tells which)
     * @param tls the server's certificate and key
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public B https(int port, TlsContext tls) {
        this.httpsPort = checkPort(port, "HTTPS");
        this.httpsTls = Objects.requireNonNull(tls, "tls");
        return self();
    }

    /**
     * TLS only: no plain RTMP listener; {@link RtmpServer#port()} and {@link RtmpServer#localAddress()}
     * then name the RTMPS listener. Default: plain RTMP is served.
     *
     * @return this builder
     */
    public B noPlainRtmp() {
        this.plainRtmp = false;
        return self();
    }

    /**
     * How long after accept the TLS handshake may take on the RTMPS and HTTPS listeners; a
     * connection that has not finished it (a silent or trickling peer) closes, logged once at
     * INFO. On RTMPS the RTMP handshake deadline ({@code handshakeTimeout(Duration)}) counts from the
     * same accept, so it covers both handshakes. Default 10 s.
     *
     * @param timeout positive
     * @return this builder
     */
    public B tlsHandshakeTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("tlsHandshakeTimeout must be positive: " + timeout);
        }
        this.tlsHandshakeTimeout = timeout;
        return self();
    }

    /**
     * @param rtmp the plain RTMP protocol
     * @param host the RTMP listener's address, whose host is used
     * @return the RTMPS listener, or {@code null} without {@link #rtmps}
     */
    Listener rtmpsListener(ListenerProtocol rtmp, InetSocketAddress host) {
        if (rtmpsPort == null) {
            if (!plainRtmp) {
                throw new IllegalStateException("noPlainRtmp() needs an RTMPS listener (rtmps(port, tls))");
            }
            return null;
        }
        return new Listener(onHost(host, rtmpsPort), new TlsProtocol(rtmp, rtmpsTls, tlsHandshakeTimeout));
    }

    /**
     * @param http the plain HTTP protocol with the server's routes
     * @param host the RTMP listener's address, whose host is used
     * @return the HTTPS listener, or {@code null} without {@link #https}
     */
    Listener httpsListener(ListenerProtocol http, InetSocketAddress host) {
        if (httpsPort == null) {
            return null;
        }
        return new Listener(onHost(host, httpsPort), new TlsProtocol(http, httpsTls, tlsHandshakeTimeout));
    }

    /** @return whether an HTTPS listener was asked for */
    boolean hasHttps() {
        return httpsPort != null;
    }

    static InetSocketAddress onHost(InetSocketAddress bind, int port) {
        return bind.isUnresolved()
                ? InetSocketAddress.createUnresolved(bind.getHostString(), port)
                : new InetSocketAddress(bind.getAddress(), port);
    }

    private static int checkPort(int port, String what) {
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException(what + " port out of range: " + port);
        }
        return port;
    }
}
