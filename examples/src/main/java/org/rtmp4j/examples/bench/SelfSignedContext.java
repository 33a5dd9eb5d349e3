package org.rtmp4j.examples.bench;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/** SSL contexts for the in-memory TLS benchmark only (never for a network). */
final class SelfSignedContext {
    private SelfSignedContext() {}

    /**
     * A server context with a keytool-made certificate (run as a process into a temporary file; JSSE needs an X.509
     * certificate and the JDK has no public API to sign one).
     *
     * @return the context
     * @throws Exception if keytool fails
     */
    static SSLContext server() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("rtmp4j-bench-tls");
        java.nio.file.Path p12 = dir.resolve("bench.p12");
        String keytool = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "bench", "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", "CN=localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore",
                p12.toString(), "-storepass", "benchpw", "-keypass", "benchpw").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed");
        }
        java.security.KeyStore ks = java.security.KeyStore.getInstance("PKCS12");
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(p12)) {
            ks.load(in, "benchpw".toCharArray());
        }
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "benchpw".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, new SecureRandom());
        java.nio.file.Files.delete(p12);
        java.nio.file.Files.delete(dir);
        return ctx;
    }

    /** @return a client context that trusts any server (benchmark only, in memory) */
    static SSLContext trustAll() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        } }, new SecureRandom());
        return ctx;
    }
}
