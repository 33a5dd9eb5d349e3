package org.rtmp4j.examples.load;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.NioClient;
import org.rtmp4j.client.NioClientGroup;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.core.session.RtmpStatusException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code load URL --players N --duration S [--publish FILE | --synthetic KBPS]}: optionally
 * publishes to URL, then plays it with N players, all on one {@link NioClientGroup} (a few event
 * loops, not a thread per player), runs S seconds and prints players kept up, bytes delivered,
 * video and audio latency p50/p99 (synthetic video frames carry their send time, synthetic AAC frames are
 * looked up in the publisher's {@link AudioSendTimes}) and time to first keyframe. The synthetic publisher
 * sends video at {@code --fps} (30) and real AAC audio (44.1 kHz, 43.07 frames/s, about 128 kbit/s) unless
 * {@code --no-audio}, together at {@code --synthetic} kbit/s. With
 * {@code --publisher-restart-every D} the publisher's connection is closed and a new one publishes the same
 * source every D, while the players stay connected (a soak test for per-publisher state). With {@code --http-flv URL} the
 * players play HTTP-FLV instead ({@code HttpFlvLoadPlayer}: a plain connection on the same loops, measured
 * the same way) while the publisher stays RTMP. Latency figures
 * print as {@code n/a (needs --synthetic)} without synthetic frames; the exit code is 1 when no player received
 * any audio or video message.
 */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = {
            "Load test: publishes (optionally) and plays rtmp://HOST[:PORT]/APP/KEY with N players on one event loop group,",
            "then prints players kept up, bytes delivered, video and audio latency p50/p99 and time to first keyframe.",
            "Exits with 1 when no player received media."
        })
public final class LoadCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "URL",
            description = "rtmp[s]://HOST[:PORT]/APP/KEY, or http://HOST[:PORT]/APP/KEY.flv to play HTTP-FLV without publishing")
    URI url;

    @Option(names = "--http-flv", paramLabel = "URL",
            description = {"Players play this HTTP-FLV URL (http://HOST[:PORT]/APP/KEY.flv, a chunked GET) instead of",
                "the RTMP URL, on the same event loops; the publisher still publishes to the RTMP URL."})
    URI httpFlv;

    @Option(names = "--players", paramLabel = "N", defaultValue = "10", description = "Players (default: ${DEFAULT-VALUE}).")
    int players;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = "30",
            description = "Seconds to run once every player has started (default: ${DEFAULT-VALUE}).")
    int durationSeconds;

    @ArgGroup(exclusive = true)
    Source source;

    /** What to publish, if anything. */
    static final class Source {
        @Option(names = "--publish", paramLabel = "FILE", description = "Publish this FLV file in real time (looped).")
        Path file;

        @Option(names = "--synthetic", paramLabel = "KBPS",
                description = {"Publish synthetic H.264-like video (--fps, keyframe every 2 s, carrying send times) and real",
                    "AAC-LC audio (44.1 kHz, about 128 kbit/s; unless --no-audio) at KBPS kbit/s in all."})
        Integer kbps;
    }

    @Option(names = "--fps", paramLabel = "FPS", defaultValue = "30",
            description = "Video frames per second of --synthetic, 1 to 240 (default: ${DEFAULT-VALUE}).")
    int fps;

    @Option(names = "--no-audio", description = "--synthetic publishes video only (default: video and AAC audio).")
    boolean noAudio;

    @Option(names = "--ramp-rate", paramLabel = "PER_SECOND", defaultValue = "0",
            description = "Start at most this many players per second; 0 = as fast as connections open (default).")
    int rampRate;

    @Option(names = "--loops", paramLabel = "N", defaultValue = "0",
            description = "Event loops (threads) for all clients; 0 = available processors (default).")
    int loops;

    @Option(names = "--lag-limit", paramLabel = "MS", defaultValue = "2000",
            description = "A player is kept up if its newest media lags the publisher's by less than MS (default: ${DEFAULT-VALUE}).")
    long lagLimitMs;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "Seconds to wait for the publisher and for all players to start (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--per-source-address", paramLabel = "K", defaultValue = "50",
            description = {"Against a 127.x.y.z server, connect at most K clients from each loopback source address",
                "(127.0.1.1, 127.0.1.2, ...), so per-IP connection limits (rtmp4j: 64) do not apply; 0 = off (default: ${DEFAULT-VALUE})."})
    int perSourceAddress;

    @Option(names = "--publisher-restart-every", paramLabel = "DURATION", defaultValue = "0",
            converter = DurationConverter.class,
            description = "Every DURATION (e.g. 60s, 2m, 500ms; a bare number is seconds) close the publisher's"
                    + " connection and publish again on a new one, while the players stay; 0 = never (default).")
    Duration publisherRestartEvery;

    @Option(names = "--tls-pin", paramLabel = "SHA256",
            description = "For rtmps:// URLs: trust only the server certificate with this SHA-256 fingerprint (default: the JDK's trust store).")
    String tlsPin;

    @Option(names = "--json", description = "Also print the result as one JSON line (for scripts).")
    boolean json;

    @Option(names = "--log-level", paramLabel = "LEVEL", defaultValue = "warn",
            description = "error, warn, info, debug or trace (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", logLevel.toLowerCase(java.util.Locale.ROOT));
        URI playUrl = httpFlv != null ? httpFlv : url;
        if (isHttp(url) && (source != null || httpFlv != null)) {
            throw new ParameterException(spec.commandLine(), "--publish, --synthetic and --http-flv need an rtmp:// URL"
                    + " to publish to; give the HTTP-FLV URL with --http-flv: " + url);
        }
        if (!isHttp(url) && (url.getScheme() == null || !(url.getScheme().equalsIgnoreCase("rtmp")
                || url.getScheme().equalsIgnoreCase("rtmps")))) {
            throw new ParameterException(spec.commandLine(), "URL must be rtmp[s]://HOST[:PORT]/APP/KEY or http://HOST[:PORT]/APP/KEY.flv: " + url);
        }
        if (httpFlv != null && (!isHttp(httpFlv) || httpFlv.getHost() == null)) {
            throw new ParameterException(spec.commandLine(), "--http-flv must be http://HOST[:PORT]/APP/KEY.flv: " + httpFlv);
        }
        if (players < 0 || rampRate < 0 || durationSeconds <= 0 || timeoutSeconds <= 0 || lagLimitMs <= 0) {
            throw new ParameterException(spec.commandLine(), "--players and --ramp-rate must be >= 0; --duration, --timeout, --lag-limit > 0");
        }
        if (fps <= 0 || fps > 240) {
            throw new ParameterException(spec.commandLine(), "--fps must be 1 to 240: " + fps);
        }
        if (source != null && source.kbps != null) {
            try {
                new SyntheticVideo(source.kbps, fps, noAudio ? 0 : SyntheticAudio.aac().bytesPerSecond());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        if (!publisherRestartEvery.isZero() && source == null) {
            throw new ParameterException(spec.commandLine(), "--publisher-restart-every needs --publish or --synthetic");
        }
        PrintWriter out = spec.commandLine().getOut();
        int loopCount = loops > 0 ? loops : Runtime.getRuntime().availableProcessors();
        ClientOptions options = ClientOptions.defaults().withTimeout(Duration.ofSeconds(timeoutSeconds));
        if (tlsPin != null) {
            try {
                options = options.withTlsTrust(org.rtmp4j.tls.TlsTrust.pin(tlsPin));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--tls-pin: " + e.getMessage());
            }
        }
        Latencies latencies = Latencies.create();
        AudioSendTimes audioSendTimes = noAudio ? null : new AudioSendTimes();
        AtomicLong steadyFrom = new AtomicLong(Long.MIN_VALUE);
        try (NioClientGroup group = new NioClientGroup(loopCount)) {
            LoadPublisher publisher = startPublisher(group, options, audioSendTimes);
            long begin = System.nanoTime();
            LoadPlayer[] all = new LoadPlayer[players];
            List<CompletableFuture<Void>> started = new ArrayList<>(players);
            for (int i = 0; i < players; i++) {
                if (rampRate > 0) {
                    long due = begin + i * 1_000_000_000L / rampRate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                all[i] = new LoadPlayer(latencies, steadyFrom, audioSendTimes);
                started.add(isHttp(playUrl) ? startHttpFlvPlayer(group, playUrl, all[i], sourceAddress(i + 1))
                        : startPlayer(group, options, all[i], sourceAddress(i + 1)));
            }
            int playing = awaitStarted(started, begin + TimeUnit.SECONDS.toNanos(timeoutSeconds));
            steadyFrom.set(System.nanoTime());
            long steadyStartMs = System.currentTimeMillis();
            long steadyBytes = LoadResults.bytesIn(all);
            out.printf("%d of %d players playing after %.1f s; running %d s on %d event loop(s)%n", playing, players,
                    (System.nanoTime() - begin) / 1e9, durationSeconds, loopCount);
            out.flush();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(durationSeconds);
            long restartNanos = publisherRestartEvery.toNanos();
            long earlierMessages = 0;
            int restarts = 0;
            for (long next = System.nanoTime() + restartNanos; publisher != null && restartNanos > 0 && next < end;
                    next += restartNanos) {
                TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
                earlierMessages += publisher.messages();
                publisher = restartPublisher(group, options, publisher);
                restarts++;
                out.printf("publisher restart %d after %.1f s: %d of %d players open%n", restarts,
                        (System.nanoTime() - begin) / 1e9, open(all, started), players);
                out.flush();
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(0, end - System.nanoTime()));
            var window = new LoadReport.SteadyWindow(steadyStartMs, System.currentTimeMillis(),
                    LoadResults.bytesIn(all) - steadyBytes);
            if (publisher != null) {
                publisher.stop();
            }
            if (restarts > 0) {
                out.printf("publisher restarts: %d%n", restarts);
            }
            LoadReport report = LoadResults.report(playUrl, all, started, publisher, earlierMessages, latencies, begin,
                    lagLimitMs, source != null && source.file == null, window);
            report.printTable(out);
            if (json) {
                out.println(report.json());
            }
            out.flush();
            if (report.withMedia() == 0 && players > 0) {
                spec.commandLine().getErr().printf("%s: no player received media from %s%s%n",
                        spec.qualifiedName(), url, source == null
                                ? " (is a stream published there? --synthetic KBPS or --publish FILE publishes one)" : "");
                spec.commandLine().getErr().flush();
                return 1;
            }
            return 0;
        }
    }

    private LoadPublisher startPublisher(NioClientGroup group, ClientOptions options, AudioSendTimes audioSendTimes)
            throws Exception {
        if (source == null) {
            return null;
        }
        NioClient client = connectPublisher(group, options);
        int streamId = client.createStream().get(timeoutSeconds, TimeUnit.SECONDS);
        client.publish(streamId, requireStreamName(client)).get(timeoutSeconds, TimeUnit.SECONDS);
        LoadPublisher p = source.file != null ? LoadPublisher.file(client, streamId, source.file)
                : LoadPublisher.synthetic(client, streamId, source.kbps, fps, audioSendTimes);
        p.start();
        return p;
    }

    /**
     * Closes {@code old}'s connection, then publishes the same source on a new one. The server may not have
     * seen the old connection close yet and refuse the name (NetStream.Publish.BadName); that is retried every
     * 100 ms on a fresh connection until {@code --timeout}.
     */
    private LoadPublisher restartPublisher(NioClientGroup group, ClientOptions options, LoadPublisher old)
            throws Exception {
        old.close();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (true) {
            NioClient client = connectPublisher(group, options);
            try {
                int streamId = client.createStream().get(timeoutSeconds, TimeUnit.SECONDS);
                client.publish(streamId, requireStreamName(client)).get(timeoutSeconds, TimeUnit.SECONDS);
                LoadPublisher p = old.restartOn(client, streamId);
                p.start();
                return p;
            } catch (ExecutionException e) {
                client.close();
                if (!isBadName(e) || System.nanoTime() - deadline > 0) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
        }
    }

    private static boolean isBadName(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RtmpStatusException s && StatusCodes.PUBLISH_BAD_NAME.equals(s.status().code())) {
                return true;
            }
        }
        return false;
    }

    private NioClient connectPublisher(NioClientGroup group, ClientOptions options) throws Exception {
        return group.connect(url, options, new ClientListener() { }, sourceAddress(0)).get(timeoutSeconds, TimeUnit.SECONDS);
    }

    private static int open(LoadPlayer[] all, List<CompletableFuture<Void>> started) {
        int n = 0;
        for (int i = 0; i < all.length; i++) {
            CompletableFuture<Void> f = started.get(i);
            if (f.isDone() && !f.isCompletedExceptionally() && !all[i].closed()) {
                n++;
            }
        }
        return n;
    }

    private String requireStreamName(NioClient client) {
        if (client.streamName().isEmpty()) {
            throw new ParameterException(spec.commandLine(), "URL has no stream name: " + url);
        }
        return client.streamName();
    }

    /** @return the local address for client {@code index} (0 = publisher), or null for the system's choice */
    private InetAddress sourceAddress(int index) {
        return LoopbackSources.forClient(url.getHost(), perSourceAddress, index);
    }

    private CompletableFuture<Void> startPlayer(NioClientGroup group, ClientOptions options, LoadPlayer player,
            InetAddress source) {
        return group.connect(url, options, player, source).thenCompose(c -> {
            player.client(c);
            return c.createStream();
        }).thenCompose(id -> {
            NioClient c = player.client();
            player.playSent();
            return c.play(id, requireStreamName(c));
        });
    }

    private static boolean isHttp(URI u) {
        return u.getScheme() != null && u.getScheme().equalsIgnoreCase("http");
    }

    /** An HTTP-FLV player: a plain connection on the group's loops, GET sent on this thread, then parsed on its loop. */
    private CompletableFuture<Void> startHttpFlvPlayer(NioClientGroup group, URI playUrl, LoadPlayer player,
            InetAddress source) {
        int port = playUrl.getPort() > 0 ? playUrl.getPort() : 80;
        String path = playUrl.getRawPath() == null || playUrl.getRawPath().isEmpty() ? "/" : playUrl.getRawPath();
        if (playUrl.getRawQuery() != null) {
            path += "?" + playUrl.getRawQuery();
        }
        player.playSent();
        return group.openStream(new InetSocketAddress(playUrl.getHost(), port), source, Duration.ofSeconds(timeoutSeconds),
                HttpFlvLoadPlayer.request(path, playUrl.getHost() + ":" + port), new HttpFlvLoadPlayer(player));
    }

    private static int awaitStarted(List<CompletableFuture<Void>> started, long deadline) {
        int ok = 0;
        for (CompletableFuture<Void> f : started) {
            try {
                f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                ok++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (Exception failedOrLate) {
                // counted as not playing
            }
        }
        return ok;
    }
}
