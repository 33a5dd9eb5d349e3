package org.rtmp4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.tls.PemFiles;
import org.rtmp4j.tls.TlsTrust;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The TLS options of the client commands ({@code publish}, {@code play}) for {@code rtmps://} URLs:
 * trust a PEM certificate (a self-signed server, a private CA) or pin the server certificate's
 * SHA-256 fingerprint; without either, the JDK's trust store.
 */
final class ClientTlsOptions {
    @Option(
            names = "--tls-trust",
            paramLabel = "FILE",
            description = "For rtmps://: trust the PEM certificate(s) in FILE instead of the JDK's trust store (host name still checked).")
    Path trust;

    @Option(
            names = "--tls-pin",
            paramLabel = "SHA256",
            description = "For rtmps://: accept only a server certificate with this SHA-256 fingerprint (64 hex digits, colons allowed); no other check.")
    String pin;

    /**
     * @param cli for usage errors
     * @param timeout the connect and reply timeout
     * @return the client options with the trust asked for
     * @throws ParameterException if both are given, the pin is malformed or the file has no certificate
     * @throws IOException if the file cannot be read
     */
    ClientOptions options(CommandLine cli, Duration timeout) throws IOException {
        ClientOptions o = ClientOptions.defaults().withTimeout(timeout);
        if (trust != null && pin != null) {
            throw new ParameterException(cli, "give --tls-trust or --tls-pin, not both");
        }
        try {
            if (trust != null) {
                return o.withTlsTrust(TlsTrust.certificates(PemFiles.certificates(PemFiles.read(trust))));
            }
            if (pin != null) {
                return o.withTlsTrust(TlsTrust.pin(pin));
            }
        } catch (IllegalArgumentException e) {
            throw new ParameterException(cli, "--tls-pin: " + e.getMessage());
        } catch (org.rtmp4j.tls.PemFormatException e) {
            throw new ParameterException(cli, "--tls-trust " + trust + ": " + e.getMessage());
        }
        return o;
    }
}
