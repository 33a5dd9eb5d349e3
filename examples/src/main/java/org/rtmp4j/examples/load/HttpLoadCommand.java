package org.rtmp4j.examples.load;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code load-http URL --clients N --duration S}: the load tool's mode for cached HTTP objects (an HLS
 * segment, a playlist, an init segment): N keep-alive connections each GET the URL again as soon as
 * the previous response has been read whole, for S seconds, on a few selector threads; prints
 * requests per second, latency p50/p99/max (request written to the response's last byte), body
 * throughput, non-200 responses and connection failures. Works against any HTTP/1.1 server that
 * answers with {@code Content-Length} (rtmp4j, nginx serving {@code --hls-dir}), so both are measured
 * by the same client in the same run. Exit code 1 when no 200 response arrived.
 */
@Command(
        name = "load-http",
        mixinStandardHelpOptions = true,
        description = {
            "Load test for a cached HTTP object (an HLS segment or playlist): N keep-alive clients GET the URL in a",
            "closed loop for S seconds; prints requests/s, latency p50/p99 and failures. Exits with 1 when no 200 arrived."
        })
public final class HttpLoadCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "URL", description = "http://HOST[:PORT]/PATH to fetch again and again.")
    URI url;

    @Option(names = "--clients", paramLabel = "N", defaultValue = "500", description = "Concurrent connections (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "10",
            description = "Seconds to run (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "1",
            description = "Selector threads sharing the clients (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--per-source-address", paramLabel = "K", defaultValue = "50",
            description = {"Against a 127.x.y.z server, connect at most K clients from each loopback source address",
                "(127.0.1.1, 127.0.1.2, ...), so per-IP connection limits do not apply; 0 = off (default: ${DEFAULT-VALUE})."})
    int perSourceAddress;

    @Option(names = "--json", description = "Also print the result as one JSON line (for scripts).")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (url.getScheme() == null || !url.getScheme().equalsIgnoreCase("http") || url.getHost() == null) {
            throw new ParameterException(spec.commandLine(), "URL must be http://HOST[:PORT]/PATH: " + url);
        }
        if (clients <= 0 || durationSeconds <= 0 || threads <= 0) {
            throw new ParameterException(spec.commandLine(), "--clients, --duration and --threads must be > 0");
        }
        int port = url.getPort() > 0 ? url.getPort() : 80;
        InetSocketAddress server = new InetSocketAddress(url.getHost(), port);
        String target = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() != null ? "?" + url.getRawQuery() : "");
        ByteBuffer request = ByteBuffer.wrap(("GET " + target + " HTTP/1.1\r\nHost: " + url.getHost() + ":" + port
                + "\r\nUser-Agent: rtmp4j-load-http\r\nAccept: */*\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        Histogram latency = new Histogram();
        long begin = System.nanoTime();
        long end = begin + TimeUnit.SECONDS.toNanos(durationSeconds);
        List<HttpGetLoop> loops = new ArrayList<>();
        List<Thread> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            List<InetAddress> sources = new ArrayList<>();
            for (int i = t; i < clients; i += threads) {
                sources.add(sourceAddress(i));
            }
            HttpGetLoop loop = new HttpGetLoop(server, sources, request, latency, end);
            loops.add(loop);
            Thread thread = new Thread(loop, "load-http-" + t);
            thread.start();
            running.add(thread);
        }
        for (Thread thread : running) {
            thread.join();
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        long responses = 0;
        long notOk = 0;
        long failures = 0;
        long bytes = 0;
        for (HttpGetLoop l : loops) {
            responses += l.responses.get();
            notOk += l.notOk.get();
            failures += l.failures.get();
            bytes += l.bytes.get();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "%s: %d clients, %.1f s on %d thread(s)%n", url, clients, seconds, threads);
        out.printf(Locale.ROOT, "requests/s %.0f  responses %d  non-200 %d  failures %d  MB/s %.1f%n",
                responses / seconds, responses, notOk, failures, bytes / seconds / 1e6);
        out.printf(Locale.ROOT, "latency ms p50 %.2f  p99 %.2f%n", latency.quantileMillis(0.50), latency.quantileMillis(0.99));
        if (json) {
            out.printf(Locale.ROOT, "{\"url\":\"%s\",\"clients\":%d,\"seconds\":%.3f,\"requestsPerSecond\":%.1f,"
                    + "\"responses\":%d,\"non200\":%d,\"failures\":%d,\"bytes\":%d,\"latencyP50Ms\":%.2f,\"latencyP99Ms\":%.2f}%n",
                    url.toString().replace("\\", "\\\\").replace("\"", "\\\""), clients, seconds, responses / seconds,
                    responses, notOk, failures, bytes, latency.quantileMillis(0.50), latency.quantileMillis(0.99));
        }
        out.flush();
        if (responses - notOk == 0) {
            spec.commandLine().getErr().printf("%s: no 200 response from %s%n", spec.qualifiedName(), url);
            spec.commandLine().getErr().flush();
            return 1;
        }
        return 0;
    }

    private InetAddress sourceAddress(int index) {
        return LoopbackSources.forClient(url.getHost(), perSourceAddress, index);
    }
}
