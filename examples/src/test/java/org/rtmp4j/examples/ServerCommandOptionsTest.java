package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code server} options for status lines, stream key authorisation and JMX. */
class ServerCommandOptionsTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private CommandLine commandLine() {
        return Main.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err));
    }

    private static String envOr(String name, String fallback) {
        String v = System.getenv(name);
        return v == null ? fallback : v;
    }

    private ServerCommand parse(String... args) {
        return (ServerCommand) commandLine().parseArgs(args).subcommand().commandSpec().userObject();
    }

    @Test
    void statusLinesDefaultToEvery10SecondsAndAuthorisationAndJmxToOff() {
        ServerCommand s = parse("server");
        assertThat(s.statusInterval).isEqualTo(Integer.parseInt(envOr("RTMP_STATUS_INTERVAL", "10")));
        assertThat(s.publishKeys).isEqualTo(System.getenv("RTMP_PUBLISH_KEYS") == null ? null : Path.of(System.getenv("RTMP_PUBLISH_KEYS")));
        assertThat(s.publishToken).isEqualTo(System.getenv("RTMP_PUBLISH_TOKEN"));
        assertThat(s.jmxDomain).isEqualTo(System.getenv("RTMP_JMX_DOMAIN"));
    }

    @Test
    void theOptionsParse() {
        ServerCommand s = parse("server", "--status-interval", "0", "--publish-keys", "keys.txt",
                "--publish-token", "s3cret", "--jmx-domain", "rtmp4j");
        assertThat(s.statusInterval).isZero();
        assertThat(s.publishKeys).isEqualTo(Path.of("keys.txt"));
        assertThat(s.publishToken).isEqualTo("s3cret");
        assertThat(s.jmxDomain).isEqualTo("rtmp4j");
    }

    @Test
    void perIpCapAndMergedWriteDelayParseAndDefaultTo64And0() {
        ServerCommand defaults = parse("server");
        assertThat(defaults.server.maxConnectionsPerIp)
                .isEqualTo(Integer.parseInt(envOr("RTMP_MAX_CONNECTIONS_PER_IP", "64")));
        assertThat(defaults.server.mergedWriteDelayMs)
                .isEqualTo(Integer.parseInt(envOr("RTMP_MERGED_WRITE_DELAY_MS", "0")));
        ServerCommand s = parse("server", "--max-connections-per-ip", "2000", "--merged-write-delay", "100");
        assertThat(s.server.maxConnectionsPerIp).isEqualTo(2000);
        assertThat(s.server.mergedWriteDelayMs).isEqualTo(100);
    }

    @Test
    void theEstablishedPerIpCapIsOffByDefaultAndParses() {
        ServerCommand defaults = parse("server");
        assertThat(defaults.server.maxEstablishedPerIp)
                .isEqualTo(Integer.parseInt(envOr("RTMP_MAX_ESTABLISHED_PER_IP", "0")));
        assertThat(parse("server", "--max-established-per-ip", "200").server.maxEstablishedPerIp).isEqualTo(200);
        RecordCommand record = (RecordCommand) commandLine().parseArgs("record", "--max-established-per-ip", "5")
                .subcommand().commandSpec().userObject();
        assertThat(record.server.maxEstablishedPerIp).isEqualTo(5);
    }

    @Test
    void aNegativeEstablishedPerIpCapIsRejected() {
        assertThat(commandLine().execute("server", "--port", "0", "--host", "127.0.0.1", "--max-established-per-ip", "-1"))
                .isNotZero();
        assertThat(err.toString()).contains("maxEstablishedPerIp must be >= 0, was -1");
    }

    @Test
    void aMergedWriteDelayOverOneSecondIsRejected() {
        assertThat(commandLine().execute("server", "--port", "0", "--host", "127.0.0.1", "--merged-write-delay", "1001"))
                .isNotZero();
        assertThat(err.toString()).contains("mergedWriteDelay must be 0..1 s");
    }

    @Test
    void audioHoldDefaultsTo50AndParses() {
        ServerCommand defaults = parse("server");
        assertThat(defaults.audioHoldMs).isEqualTo(Integer.parseInt(envOr("RTMP_AUDIO_HOLD_MS", "50")));
        assertThat(parse("server", "--audio-hold", "0").audioHoldMs).isZero();
        assertThat(parse("server", "--audio-hold", "20").audioHoldMs).isEqualTo(20);
        assertThat(commandLine().execute("server", "--help")).isZero();
        assertThat(out.toString()).contains("--audio-hold", "RTMP_AUDIO_HOLD_MS");
    }

    @Test
    void anAudioHoldOutOfRangeIsAUsageError() {
        assertThat(commandLine().execute("server", "--port", "0", "--host", "127.0.0.1", "--audio-hold", "1001")).isEqualTo(2);
        assertThat(err.toString()).contains("--audio-hold must be 0 (off)..1000 ms: 1001");
        assertThat(commandLine().execute("server", "--port", "0", "--host", "127.0.0.1", "--audio-hold", "-1")).isEqualTo(2);
    }

    @Test
    void aNegativeStatusIntervalIsAUsageError() {
        assertThat(commandLine().execute("server", "--port", "0", "--host", "127.0.0.1", "--status-interval", "-1")).isEqualTo(2);
        assertThat(err.toString()).contains("--status-interval must be 0 (off) or more");
    }

    @Test
    void httpDefaultsToPort8080AndNoHttpTurnsItOff() {
        ServerCommand defaults = parse("server");
        assertThat(defaults.httpPort).isEqualTo(Integer.parseInt(envOr("RTMP_HTTP_PORT", "8080")));
        assertThat(defaults.noHttp).isFalse();
        ServerCommand s = parse("server", "--http-port", "0", "--no-http");
        assertThat(s.httpPort).isZero();
        assertThat(s.noHttp).isTrue();
    }

    @Test
    void anHttpPortOutOfRangeIsAUsageError() {
        assertThat(commandLine().execute("server", "--port", "0", "--host", "127.0.0.1", "--http-port", "65536")).isEqualTo(2);
        assertThat(err.toString()).contains("--http-port must be 0..65535");
    }

    @Test
    void helpListsTheEnvironmentVariables() {
        assertThat(commandLine().execute("server", "--help")).isZero();
        assertThat(out.toString()).contains("RTMP_STATUS_INTERVAL", "RTMP_HTTP_PORT", "RTMP_PUBLISH_KEYS", "RTMP_PUBLISH_TOKEN", "RTMP_JMX_DOMAIN");
    }

    @Test
    void apiOptionsDefaultToLoopbackTrustedNoTokensAndParse() {
        ServerCommand defaults = parse("server");
        assertThat(defaults.api.trusted).isEqualTo(envOr("RTMP_API_TRUSTED", "127.0.0.0/8,::1/128"));
        assertThat(defaults.api.token).isEqualTo(System.getenv("RTMP_API_TOKEN"));
        assertThat(defaults.api.readToken).isEqualTo(System.getenv("RTMP_API_READ_TOKEN"));
        assertThat(defaults.api.noApi).isFalse();
        assertThat(defaults.api.metricsOpen).isFalse();
        ServerCommand s = parse("server", "--api-token", "w", "--api-read-token", "r", "--api-trusted", "10.0.0.0/8,::1",
                "--no-api", "--metrics-open");
        assertThat(s.api.token).isEqualTo("w");
        assertThat(s.api.readToken).isEqualTo("r");
        assertThat(s.api.trusted).isEqualTo("10.0.0.0/8,::1");
        assertThat(s.api.noApi).isTrue();
        assertThat(s.api.metricsOpen).isTrue();
    }

    @Test
    void aBadTrustedAddressListIsAUsageErrorNamingTheEntry() {
        assertThat(commandLine().execute("server", "--port", "0", "--host", "127.0.0.1", "--http-port", "0",
                "--api-trusted", "127.0.0.1,example.com")).isEqualTo(2);
        assertThat(err.toString()).contains("--api-trusted", "example.com");
        err.getBuffer().setLength(0);
        assertThat(commandLine().execute("server", "--port", "0", "--host", "127.0.0.1", "--http-port", "0",
                "--api-trusted", "10.0.0.0/33")).isEqualTo(2);
        assertThat(err.toString()).contains("--api-trusted", "33");
    }

    @Test
    void tlsIsOffByDefaultAndAnRtmpsPortWithoutACertificateOrWithABrokenOneIsRefused() throws Exception {
        ServerCommand defaults = parse("server");
        if (System.getenv("RTMP_RTMPS_PORT") == null) {
            assertThat(defaults.tls.rtmpsPort).isEqualTo(-1);
        }
        assertThat(commandLine().execute("server", "--port", "0", "--host", "127.0.0.1", "--no-http",
                "--rtmps-port", "0")).isNotZero();
        assertThat(err.toString()).contains("TLS needs --tls-cert FILE and --tls-key FILE, or --tls-keystore FILE");

        Path dir = java.nio.file.Files.createDirectories(Path.of("target", "server-options-test"));
        Path bad = java.nio.file.Files.writeString(dir.resolve("bad.pem"), "-----BEGIN CERTIFICATE-----\nAA*A\n-----END CERTIFICATE-----\n");
        assertThat(commandLine().execute("server", "--port", "0", "--host", "127.0.0.1", "--no-http",
                "--rtmps-port", "0", "--tls-cert", bad.toString(), "--tls-key", bad.toString())).isNotZero();
        assertThat(err.toString()).contains("PEM at offset 30").contains("not Base64");
    }
}
