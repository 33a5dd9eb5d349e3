package org.rtmp4j.tls;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * What a TLS client ({@code rtmps://}) trusts. Immutable, thread-safe.
 *
 * <ul>
 *   <li>{@link #systemDefault()}: the JDK's trust store (the {@code javax.net.ssl.trustStore}
 *       property, else {@code cacerts}), with host name verification (RFC 6125, the JDK's
 *       {@code HTTPS} endpoint identification). The default.</li>
 *   <li>{@link #certificates}: only chains that lead to one of the given certificates (a
 *       self-signed server certificate, a private CA), with host name verification.</li>
 *   <li>{@link #pin}: only a server whose leaf certificate has the given SHA-256 fingerprint;
 *       neither the chain nor the name is checked, the fingerprint is the whole identity.</li>
 * </ul>
 *
 * <p>SNI (RFC 6066 §3): the host name of the URL is always sent; an IP literal is not (RFC 6066
 * forbids IP addresses in SNI), so a server that picks its certificate by SNI serves its default
 * one to {@code rtmps://127.0.0.1/...}.
 *
 * @param trusted the trust anchors, empty for the JDK's trust store or a pin
 * @param pinSha256 the leaf's SHA-256 fingerprint in lower-case hex, or {@code null}
 */
public record TlsTrust(List<X509Certificate> trusted, String pinSha256) {
    /** Contexts made so far (a load test opens hundreds of connections with one trust); at most {@link #MAX_CACHED}. */
    private static final java.util.Map<TlsTrust, SSLContext> CONTEXTS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_CACHED = 16;

    /**
     * Validates and copies.
     *
     * @param trusted trust anchors (copied)
     * @param pinSha256 64 hex digits (colons and case ignored), or {@code null}
     * @throws IllegalArgumentException if the pin is not 64 hex digits, or both are given
     */
    public TlsTrust {
        trusted = List.copyOf(trusted);
        if (pinSha256 != null) {
            pinSha256 = pinSha256.replace(":", "").toLowerCase(Locale.ROOT);
            if (!pinSha256.matches("[0-9a-f]{64}")) {
                throw new IllegalArgumentException("a SHA-256 pin is 64 hex digits: " + pinSha256);
            }
            if (!trusted.isEmpty()) {
                throw new IllegalArgumentException("either trusted certificates or a pin, not both");
            }
        }
    }

    /** @return the JDK's trust store with host name verification */
    public static TlsTrust systemDefault() {
        return new TlsTrust(List.of(), null);
    }

    /**
     * @param anchors the certificates to trust (e.g. from {@link PemFiles#certificates})
     * @return trust in those only, with host name verification
     */
    public static TlsTrust certificates(List<X509Certificate> anchors) {
        if (anchors.isEmpty()) {
            throw new IllegalArgumentException("no certificate to trust");
        }
        return new TlsTrust(anchors, null);
    }

    /**
     * @param sha256 the server leaf's SHA-256 fingerprint, 64 hex digits (colons allowed, as
     *     {@code openssl x509 -fingerprint -sha256} prints it)
     * @return trust in that certificate only, without chain or name checks
     */
    public static TlsTrust pin(String sha256) {
        return new TlsTrust(List.of(), java.util.Objects.requireNonNull(sha256, "sha256"));
    }

    /**
     * @return an initialised client context for this trust (made once per equal trust, then shared:
     *     a context is thread-safe)
     * @throws GeneralSecurityException if the JDK cannot make it
     */
    public SSLContext clientContext() throws GeneralSecurityException {
        SSLContext cached = CONTEXTS.get(this);
        if (cached != null) {
            return cached;
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        TrustManager[] tms;
        if (pinSha256 != null) {
            tms = new TrustManager[] {new PinningTrustManager(pinSha256)};
        } else if (!trusted.isEmpty()) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            try {
                ks.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException(e);
            }
            for (int i = 0; i < trusted.size(); i++) {
                ks.setCertificateEntry("trusted-" + i, trusted.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            tms = tmf.getTrustManagers();
        } else {
            tms = null; // the JDK's default
        }
        ctx.init(null, tms, null);
        if (CONTEXTS.size() >= MAX_CACHED) {
            CONTEXTS.clear();
        }
        CONTEXTS.put(this, ctx);
        return ctx;
    }

    /**
     * The client parameters for {@code host}: TLS 1.3 and 1.2, SNI unless {@code host} is an IP
     * literal, and host name verification unless pinned.
     *
     * @param params the engine's or socket's parameters, changed in place
     * @param host the URL's host
     * @return {@code params}
     */
    public SSLParameters configure(SSLParameters params, String host) {
        params.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        if (!isIpLiteral(host)) {
            params.setServerNames(List.of(new SNIHostName(host)));
        }
        if (pinSha256 == null) {
            params.setEndpointIdentificationAlgorithm("HTTPS");
        }
        return params;
    }

    /**
     * A client-mode engine for {@code host:port} (the non-blocking client).
     *
     * @param host the URL's host
     * @param port the port
     * @return the engine
     * @throws GeneralSecurityException if the JDK cannot make the context
     */
    public SSLEngine newClientEngine(String host, int port) throws GeneralSecurityException {
        SSLEngine e = clientContext().createSSLEngine(host, port);
        e.setUseClientMode(true);
        e.setSSLParameters(configure(e.getSSLParameters(), host));
        return e;
    }

    static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
    }

    /** Accepts exactly one leaf certificate, by its SHA-256 fingerprint. */
    private static final class PinningTrustManager extends X509ExtendedTrustManager {
        private final byte[] pin;

        PinningTrustManager(String hex) {
            this.pin = HexFormat.of().parseHex(hex);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (chain == null || chain.length == 0) {
                throw new CertificateException("no server certificate");
            }
            byte[] actual = HexFormat.of().parseHex(TlsContext.sha256(chain[0]));
            if (!java.security.MessageDigest.isEqual(actual, pin)) {
                throw new CertificateException("server certificate SHA-256 " + HexFormat.of().formatHex(actual)
                        + " does not match the pin " + HexFormat.of().formatHex(pin));
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkServerTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not checked by a pin");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
