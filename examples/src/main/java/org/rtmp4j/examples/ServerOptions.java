package org.rtmp4j.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.rtmp4j.server.RtmpServer;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Listening options shared by {@code server} and {@code record}, and the run-until-Ctrl-C loop. */
final class ServerOptions {
    @Option(
            names = "--host",
            defaultValue = "${env:RTMP_HOST:-0.0.0.0}",
            description = "Address to listen on; 127.0.0.1 for this machine only (env RTMP_HOST; default: ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--port",
            defaultValue = "${env:RTMP_PORT:-1935}",
            description = "TCP port, 0 for any free port (env RTMP_PORT; default: ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--max-connections",
            defaultValue = "${env:RTMP_MAX_CONNECTIONS:-1024}",
            description = "Connections accepted at once (env RTMP_MAX_CONNECTIONS; default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(
            names = "--max-connections-per-ip",
            defaultValue = "${env:RTMP_MAX_CONNECTIONS_PER_IP:-64}",
            description = "Connections at once from one IP address that do not publish or play yet; one more closes "
                    + "the oldest of them (env RTMP_MAX_CONNECTIONS_PER_IP; default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerIp;

    @Option(
            names = "--max-established-per-ip",
            defaultValue = "${env:RTMP_MAX_ESTABLISHED_PER_IP:-0}",
            description = "Publishers and players at once from one IP address; one more publish or play is refused, "
                    + "0 for no limit (env RTMP_MAX_ESTABLISHED_PER_IP; default: ${DEFAULT-VALUE}).")
    int maxEstablishedPerIp;

    @Option(
            names = "--merged-write-delay",
            defaultValue = "${env:RTMP_MERGED_WRITE_DELAY_MS:-0}",
            paramLabel = "MS",
            description = "Milliseconds output may wait to be merged with more into one socket write: less CPU per "
                    + "player, up to that much more latency; 0..1000 (env RTMP_MERGED_WRITE_DELAY_MS; default: ${DEFAULT-VALUE}).")
    int mergedWriteDelayMs;

    @Mixin
    LoggingOptions logging = new LoggingOptions();

    /**
     * Binds {@code builder}'s server to {@code --host}/{@code --port}, starts it, prints where it listens and
     * prints {@code hint} with PORT replaced, and blocks until Ctrl-C (SIGINT) or SIGTERM, which close the server
     * gracefully and return 0 ({@link StopSignals}); a JVM shutdown of any other kind closes it from a shutdown
     * hook.
     */
    int runUntilShutdown(RtmpServer.Builder builder, PrintWriter out, String what, String hint)
            throws IOException, InterruptedException {
        return runUntilShutdown(builder, out, what, hint, s -> () -> { });
    }

    /**
     * As {@link #runUntilShutdown(RtmpServer.Builder, PrintWriter, String, String)}, and once the server is
     * listening calls {@code onStarted}, whose result is closed before the server is.
     */
    int runUntilShutdown(RtmpServer.Builder builder, PrintWriter out, String what, String hint,
            Function<RtmpServer, AutoCloseable> onStarted) throws IOException, InterruptedException {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be 0..65535: " + port);
        }
        RtmpServer server = builder.bind(new InetSocketAddress(host, port))
                .maxConnections(maxConnections)
                .maxConnectionsPerIp(maxConnectionsPerIp)
                .maxEstablishedPerIp(maxEstablishedPerIp)
                .mergedWriteDelay(java.time.Duration.ofMillis(mergedWriteDelayMs))
                .build()
                .start();
        AutoCloseable extra = onStarted.apply(server);
        Runnable stop = () -> {
            try {
                extra.close();
            } catch (Exception e) {
                // best effort: the server still closes
            }
            server.close();
        };
        Thread hook = new Thread(stop, "rtmp4j-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        CountDownLatch stopRequested = new CountDownLatch(1);
        StopSignals.onStop(stopRequested::countDown);
        InetSocketAddress bound = server.localAddress();
        out.printf("rtmp4j %s listening on rtmp://%s:%d/ (Ctrl-C stops)%n", what, bound.getHostString(), bound.getPort());
        out.println(hint.replace("PORT", Integer.toString(bound.getPort())));
        if (server.hasHttp()) {
            InetSocketAddress http = server.httpAddress();
            out.printf("HTTP listening on http://%s:%d/%n", http.getHostString(), http.getPort());
        }
        out.flush();
        stopRequested.await();
        Runtime.getRuntime().removeShutdownHook(hook);
        stop.run();
        return 0;
    }
}
