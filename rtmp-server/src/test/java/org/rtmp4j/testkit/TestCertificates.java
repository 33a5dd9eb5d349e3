package org.rtmp4j.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server certificate generated at test time with the JDK's {@code keytool} (run as a process;
 * nothing is committed): a PKCS12 key store, and the same chain and key as PEM files in certbot's
 * layout ({@code fullchain.pem}, PKCS#8 {@code privkey.pem}). Subject {@code CN=localhost}, SAN
 * {@code DNS:localhost, IP:127.0.0.1}, valid for two days.
 *
 * @param p12 the key store
 * @param password its password
 * @param chainPem the certificate as PEM
 * @param keyPem the PKCS#8 key as PEM
 * @param certificate the certificate
 */
public record TestCertificates(Path p12, char[] password, Path chainPem, Path keyPem, X509Certificate certificate) {
    /**
     * @param dir where the files go (created)
     * @param keyAlg {@code RSA} or {@code EC}
     * @return the generated files
     * @throws Exception if keytool fails
     */
    public static TestCertificates generate(Path dir, String keyAlg) throws Exception {
        Files.createDirectories(dir);
        Path p12 = dir.resolve("server.p12");
        Files.deleteIfExists(p12);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(keytool, "-genkeypair", "-alias", "server",
                "-keyalg", keyAlg, "-dname", "CN=localhost", "-ext", "SAN=dns:localhost,ip:127.0.0.1",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", p12.toString(),
                "-storepass", "changeit", "-keypass", "changeit"));
        if (keyAlg.equals("EC")) {
            cmd.addAll(List.of("-groupname", "secp256r1"));
        } else {
            cmd.addAll(List.of("-keysize", "2048"));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("keytool failed: " + out);
        }
        char[] pw = "changeit".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(p12)) {
            ks.load(in, pw);
        }
        PrivateKey key = (PrivateKey) ks.getKey("server", pw);
        X509Certificate cert = (X509Certificate) ks.getCertificate("server");
        Path chain = dir.resolve("fullchain.pem");
        Path keyFile = dir.resolve("privkey.pem");
        Files.writeString(chain, pem("CERTIFICATE", cert.getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()), StandardCharsets.US_ASCII);
        return new TestCertificates(p12, pw, chain, keyFile, cert);
    }

    /**
     * @param label the PEM label
     * @param der the body
     * @return the PEM text with 64-character lines
     */
    public static String pem(String label, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + label + "-----\n" + b64 + "\n-----END " + label + "-----\n";
    }
}
