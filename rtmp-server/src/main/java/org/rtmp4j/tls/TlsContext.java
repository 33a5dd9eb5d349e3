package org.rtmp4j.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server's TLS identity for the RTMPS and HTTPS listeners: an {@link SSLContext} with the
 * certificate chain and its key, from PEM files ({@link #fromPem}, certbot's {@code fullchain.pem}
 * and {@code privkey.pem}), a PKCS12 key store ({@link #fromPkcs12}) or a context of the caller's
 * ({@link #of}). TLS 1.3 and 1.2 only (RFC 8446, RFC 5246), the JDK's default cipher suites.
 *
 * <p>Reload: a context made from files can {@link #watch} them: every interval (default 5 s,
 * {@link #DEFAULT_RELOAD_INTERVAL}) their modification time and size are compared with the last
 * seen; on a change the files are loaded again and, if the new chain and key are usable (parsed,
 * the key signs what the leaf's public key verifies, the leaf is within its validity), new
 * connections get the new context. Live connections keep the session they negotiated. A bad new
 * file keeps the old context and is logged once at WARN with the reason (it is retried when the
 * files change again).
 *
 * <p>Thread-safety: thread-safe; {@link #newServerEngine()} is called on the event loops.
 */
public final class TlsContext implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TlsContext.class);
    /** The default file poll interval of {@link #watch(Duration)}: 5 s. */
    public static final Duration DEFAULT_RELOAD_INTERVAL = Duration.ofSeconds(5);
    private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    /** Loads a context and its leaf certificate from the files. */
    @FunctionalInterface
    private interface Loader {
        Loaded load() throws IOException;
    }

    /** A loaded identity. */
    private record Loaded(SSLContext context, X509Certificate leaf) {}

    private final Loader loader;
    private final List<Path> files;
    private volatile Loaded current;
    private volatile List<String> stamps;
    private ScheduledExecutorService watcher;

    private TlsContext(Loaded initial, Loader loader, List<Path> files) {
        this.current = initial;
        this.loader = loader;
        this.files = files;
        this.stamps = stamps(files);
    }

    /**
     * Wraps a context of the caller's (not reloaded).
     *
     * @param context an initialised context with a key manager
     * @return the TLS context
     */
    public static TlsContext of(SSLContext context) {
        return new TlsContext(new Loaded(Objects.requireNonNull(context, "context"), null), null, List.of());
    }

    /**
     * Loads a PEM certificate chain and its PKCS#8 key (see {@link PemFiles}).
     *
     * @param chain the chain, leaf first (certbot's {@code fullchain.pem})
     * @param key the unencrypted PKCS#8 key, RSA or EC (certbot's {@code privkey.pem})
     * @return the TLS context, reloadable with {@link #watch}
     * @throws IOException if a file cannot be read or parsed ({@link PemFormatException} with the
     *     offset), the key does not match the leaf, or the leaf has expired
     */
    public static TlsContext fromPem(Path chain, Path key) throws IOException {
        Loader l = () -> {
            List<X509Certificate> certs = PemFiles.certificates(PemFiles.read(chain));
            PrivateKey k = PemFiles.privateKey(PemFiles.read(key));
            return build(k, certs.toArray(new X509Certificate[0]));
        };
        return new TlsContext(l.load(), l, List.of(chain, key));
    }

    /**
     * Loads the first key entry of a PKCS12 key store.
     *
     * @param keyStore the {@code .p12} file
     * @param password its password (and the key's)
     * @return the TLS context, reloadable with {@link #watch}
     * @throws IOException if the file cannot be read, the password is wrong, it has no key entry,
     *     the key does not match the leaf, or the leaf has expired
     */
    public static TlsContext fromPkcs12(Path keyStore, char[] password) throws IOException {
        char[] pw = password.clone();
        Loader l = () -> {
            try (InputStream in = Files.newInputStream(keyStore)) {
                KeyStore ks = KeyStore.getInstance("PKCS12");
                ks.load(in, pw);
                for (String alias : java.util.Collections.list(ks.aliases())) {
                    if (ks.isKeyEntry(alias)) {
                        PrivateKey k = (PrivateKey) ks.getKey(alias, pw);
                        java.security.cert.Certificate[] chain = ks.getCertificateChain(alias);
                        X509Certificate[] x = new X509Certificate[chain.length];
                        for (int i = 0; i < chain.length; i++) {
                            x[i] = (X509Certificate) chain[i];
                        }
                        return build(k, x);
                    }
                }
                throw new IOException(keyStore + " has no key entry");
            } catch (GeneralSecurityException e) {
                throw new IOException("cannot read key store " + keyStore + ": " + e.getMessage(), e);
            }
        };
        return new TlsContext(l.load(), l, List.of(keyStore));
    }

    private static Loaded build(PrivateKey key, X509Certificate[] chain) throws IOException {
        if (chain.length == 0) {
            throw new IOException("empty certificate chain");
        }
        X509Certificate leaf = chain[0];
        try {
            leaf.checkValidity(new Date());
        } catch (java.security.cert.CertificateException e) {
            throw new IOException("certificate " + leaf.getSubjectX500Principal() + " not valid now: "
                    + e.getMessage(), e);
        }
        try {
            checkPair(key, leaf);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            char[] pw = new char[0];
            ks.setKeyEntry("server", key, pw, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return new Loaded(ctx, leaf);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot use the key with " + leaf.getSubjectX500Principal() + ": " + e.getMessage(), e);
        }
    }

    /** The key must sign what the leaf's public key verifies: a chain and key from different renewals fail here. */
    private static void checkPair(PrivateKey key, X509Certificate leaf) throws GeneralSecurityException {
        String alg = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> null;
        };
        if (alg == null) {
            return;
        }
        byte[] probe = "rtmp4j key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Signature s = Signature.getInstance(alg);
        s.initSign(key);
        s.update(probe);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance(alg);
        v.initVerify(leaf.getPublicKey());
        v.update(probe);
        if (!v.verify(sig)) {
            throw new GeneralSecurityException("the private key does not match the certificate's public key");
        }
    }

    /**
     * A new server-mode engine for one accepted connection, from the current identity.
     *
     * @return the engine, TLS 1.3 and 1.2
     */
    public SSLEngine newServerEngine() {
        SSLEngine e = current.context().createSSLEngine();
        e.setUseClientMode(false);
        SSLParameters p = e.getSSLParameters();
        p.setProtocols(supported(e.getSupportedProtocols()));
        e.setSSLParameters(p);
        return e;
    }

    private static String[] supported(String[] available) {
        List<String> a = List.of(available);
        return java.util.Arrays.stream(PROTOCOLS).filter(a::contains).toArray(String[]::new);
    }

    /** @return the current leaf certificate, or {@code null} for a context given with {@link #of} */
    public X509Certificate certificate() {
        return current.leaf();
    }

    /**
     * @param cert a certificate
     * @return its SHA-256 fingerprint, lower-case hex without separators (what {@link TlsTrust#pin} takes)
     */
    public static String sha256(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Loads the files again if their modification time or size changed since the last look. A
     * failure keeps the current identity and is logged once at WARN.
     *
     * @return whether a new identity is now in use
     */
    public synchronized boolean reloadIfChanged() {
        if (loader == null) {
            return false;
        }
        List<String> now = stamps(files);
        if (now.equals(stamps)) {
            return false;
        }
        stamps = now;
        try {
            Loaded l = loader.load();
            current = l;
            LOG.info("TLS certificate reloaded from {}: {} (SHA-256 {}, valid until {})", files,
                    l.leaf().getSubjectX500Principal(), sha256(l.leaf()), l.leaf().getNotAfter().toInstant());
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("TLS certificate files {} changed but cannot be used, keeping the current certificate: {}",
                    files, e.getMessage());
            return false;
        }
    }

    /**
     * Polls the files every {@code interval} on a daemon thread ({@code rtmp4j-tls-reload}) and
     * reloads them when they change ({@link #reloadIfChanged()}). Stopped by {@link #close()}.
     *
     * @param interval the poll interval, e.g. {@link #DEFAULT_RELOAD_INTERVAL}
     * @return this context
     * @throws IllegalStateException if the context was not made from files or already watches
     */
    public synchronized TlsContext watch(Duration interval) {
        if (loader == null) {
            throw new IllegalStateException("only a context made from files can be reloaded");
        }
        if (watcher != null) {
            throw new IllegalStateException("already watching");
        }
        long ms = Math.max(1, interval.toMillis());
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rtmp4j-tls-reload");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(this::reloadIfChanged, ms, ms, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Stops watching the files. Idempotent. */
    @Override
    public synchronized void close() {
        if (watcher != null) {
            watcher.shutdownNow();
            watcher = null;
        }
    }

    private static List<String> stamps(List<Path> files) {
        return files.stream().map(f -> {
            try {
                return Files.getLastModifiedTime(f).toMillis() + "/" + Files.size(f);
            } catch (IOException e) {
                return "missing";
            }
        }).toList();
    }
}
