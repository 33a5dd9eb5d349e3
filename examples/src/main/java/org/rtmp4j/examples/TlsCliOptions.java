package org.rtmp4j.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import org.rtmp4j.server.RtmpServer;
import org.rtmp4j.tls.TlsContext;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The {@code server} command's TLS options (issue 16 §1): an RTMPS port, an HTTPS port for the HTTP
 * features (HTTP-FLV, WSS, fMP4, HLS, API), the certificate as PEM files (certbot's {@code
 * fullchain.pem} and {@code privkey.pem}) or a PKCS12 key store whose password comes from the
 * environment, and the reload poll. Every option has an {@code RTMP_*} environment default.
 */
final class TlsCliOptions {
    /** The environment variable that holds the {@code --tls-keystore} password. */
    static final String KEYSTORE_PASSWORD_ENV = "RTMP_TLS_KEYSTORE_PASSWORD";

    @Option(
            names = "--rtmps-port",
            paramLabel = "PORT",
            defaultValue = "${env:RTMP_RTMPS_PORT:--1}",
            description = "RTMPS (RTMP over TLS) port on the same host, e.g. 443 or 1936; 0 for any free port; needs --tls-cert/--tls-key or --tls-keystore (env RTMP_RTMPS_PORT; default: off).")
    int rtmpsPort = -1;

    @Option(
            names = "--https-port",
            paramLabel = "PORT",
            defaultValue = "${env:RTMP_HTTPS_PORT:--1}",
            description = "HTTPS port on the same host: the HTTP features (HTTP-FLV, WSS, fMP4, HLS, API) over TLS (env RTMP_HTTPS_PORT; default: off).")
    int httpsPort = -1;

    @Option(
            names = "--tls-cert",
            paramLabel = "FILE",
            defaultValue = "${env:RTMP_TLS_CERT}",
            description = "PEM certificate chain, leaf first (certbot's fullchain.pem) (env RTMP_TLS_CERT).")
    Path cert;

    @Option(
            names = "--tls-key",
            paramLabel = "FILE",
            defaultValue = "${env:RTMP_TLS_KEY}",
            description = "PEM PKCS#8 private key, RSA or EC, unencrypted (certbot's privkey.pem) (env RTMP_TLS_KEY).")
    Path key;

    @Option(
            names = "--tls-keystore",
            paramLabel = "FILE",
            defaultValue = "${env:RTMP_TLS_KEYSTORE}",
            description = "PKCS12 key store instead of --tls-cert/--tls-key; its password from env " + KEYSTORE_PASSWORD_ENV + " (env RTMP_TLS_KEYSTORE).")
    Path keystore;

    @Option(
            names = "--tls-reload-interval",
            paramLabel = "SECONDS",
            defaultValue = "${env:RTMP_TLS_RELOAD_INTERVAL:-5}",
            description = "Look at the certificate files every SECONDS and use them for new connections when they change (live ones keep theirs; a bad file keeps the old certificate); 0 for never (env RTMP_TLS_RELOAD_INTERVAL; default: ${DEFAULT-VALUE}).")
    int reloadSeconds = 5;

    @Option(
            names = "--no-plain-rtmp",
            description = "TLS only: no plain RTMP listener (needs --rtmps-port; --no-http also drops plain HTTP).")
    boolean noPlainRtmp;

    /** @return whether an HTTPS listener was asked for */
    boolean https() {
        return httpsPort >= 0;
    }

    /**
     * Checks the options, loads the certificate and adds the TLS listeners to {@code builder}.
     *
     * @param builder the server's builder
     * @param cli for errors
     * @return stops the reload watcher; a no-op without TLS
     * @throws ParameterException on inconsistent options
     * @throws IOException if the certificate cannot be loaded (the message names the file and reason)
     */
    AutoCloseable install(RtmpServer.Builder builder, CommandLine cli) throws IOException {
        boolean any = rtmpsPort >= 0 || httpsPort >= 0;
        if (rtmpsPort > 65535 || httpsPort > 65535) {
            throw new ParameterException(cli, "--rtmps-port and --https-port must be 0..65535");
        }
        if (noPlainRtmp && rtmpsPort < 0) {
            throw new ParameterException(cli, "--no-plain-rtmp needs --rtmps-port");
        }
        if (reloadSeconds < 0) {
            throw new ParameterException(cli, "--tls-reload-interval must be 0 (never) or more seconds: " + reloadSeconds);
        }
        boolean pem = cert != null || key != null;
        if (!any) {
            if (pem || keystore != null) {
                throw new ParameterException(cli, "--tls-cert/--tls-key/--tls-keystore need --rtmps-port or --https-port");
            }
            return () -> { };
        }
        if (pem && keystore != null) {
            throw new ParameterException(cli, "give either --tls-cert and --tls-key or --tls-keystore, not both");
        }
        TlsContext tls;
        if (keystore != null) {
            String pw = System.getenv(KEYSTORE_PASSWORD_ENV);
            tls = TlsContext.fromPkcs12(keystore, (pw == null ? "" : pw).toCharArray());
        } else if (cert != null && key != null) {
            tls = TlsContext.fromPem(cert, key);
        } else {
            throw new ParameterException(cli, "TLS needs --tls-cert FILE and --tls-key FILE, or --tls-keystore FILE");
        }
        if (reloadSeconds > 0) {
            tls.watch(Duration.ofSeconds(reloadSeconds));
        }
        if (rtmpsPort >= 0) {
            builder.rtmps(rtmpsPort, tls);
        }
        if (httpsPort >= 0) {
            builder.https(httpsPort, tls);
        }
        if (noPlainRtmp) {
            builder.noPlainRtmp();
        }
        return tls;
    }

    /**
     * Prints the TLS listeners' URLs once the server listens.
     *
     * @param server the started server
     * @param out the console
     */
    void printListening(RtmpServer server, PrintWriter out) {
        String host = server.localAddress().getHostString();
        if (rtmpsPort >= 0) {
            out.printf("RTMPS listening on rtmps://%s:%d/ (publish and play rtmps://HOST:%d/live/KEY)%n", host,
                    server.rtmpsPort(), server.rtmpsPort());
        }
        if (httpsPort >= 0) {
            out.printf("HTTPS listening on https://%s:%d/%n", host, server.httpsPort());
        }
        out.flush();
    }
}
