package org.rtmp4j.examples;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.rtmp4j.core.session.RtmpController;
import org.rtmp4j.examples.api.ApiRoutes;
import org.rtmp4j.hls.HlsHandler;
import org.rtmp4j.http.FlvStreamPath;
import org.rtmp4j.http.Fmp4StreamPath;
import org.rtmp4j.http.HttpHandler;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.live.Fmp4Player;
import org.rtmp4j.live.HttpFlvIngest;
import org.rtmp4j.live.HttpFlvPlayer;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveOptions;
import org.rtmp4j.relay.Relays;
import org.rtmp4j.server.RtmpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code server}: the live relay (publish → play with a GOP cache), optionally recording every stream. */
@Command(
        name = "server",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a live RTMP server: publish to rtmp://HOST:PORT/APP/KEY, play the same URL.",
            "With --record-dir, also records each stream to DIR/APP/KEY-yyyyMMdd-HHmmss.flv (UTC; see --record-mode)."
        })
final class ServerCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server = new ServerOptions();

    @Option(
            names = "--max-streams",
            defaultValue = "${env:RTMP_MAX_STREAMS:-" + LiveOptions.DEFAULT_MAX_STREAMS + "}",
            description = "Streams published at once, 0 for no limit (env RTMP_MAX_STREAMS; default: ${DEFAULT-VALUE}).")
    int maxStreams;

    @Option(
            names = "--audio-hold",
            paramLabel = "MS",
            defaultValue = "${env:RTMP_AUDIO_HOLD_MS:-" + LiveOptions.DEFAULT_AUDIO_HOLD_MS + "}",
            description = "Milliseconds an audio message may wait for the player's next video message to leave in one "
                    + "socket write with it (at most one video frame interval; RTMP and HTTP-FLV players); fewer writes, "
                    + "no video delay; 0 = off, 0..1000 (env RTMP_AUDIO_HOLD_MS; default: ${DEFAULT-VALUE}).")
    int audioHoldMs;

    @Option(
            names = "--record-dir",
            paramLabel = "DIR",
            defaultValue = "${env:RTMP_RECORD_DIR}",
            description = "Also record every published stream to DIR/APP/KEY-yyyyMMdd-HHmmss.flv (env RTMP_RECORD_DIR).")
    Path recordDir;

    @Mixin
    RecordModeOption recordMode = new RecordModeOption();

    @Option(
            names = "--status-interval",
            paramLabel = "SECONDS",
            defaultValue = "${env:RTMP_STATUS_INTERVAL:-10}",
            description = "Look every SECONDS and log a status line (connections, streams, players, bitrates, drops, busiest streams) when it changed, at least once a minute; 0 for never (env RTMP_STATUS_INTERVAL; default: ${DEFAULT-VALUE}).")
    int statusInterval;

    @Option(
            names = "--publish-keys",
            paramLabel = "FILE",
            defaultValue = "${env:RTMP_PUBLISH_KEYS}",
            description = "Accept publishing only with a stream key listed in FILE (one per line, # comments; re-read when it changes) or the --publish-token (env RTMP_PUBLISH_KEYS).")
    Path publishKeys;

    @Option(
            names = "--publish-token",
            paramLabel = "TOKEN",
            defaultValue = "${env:RTMP_PUBLISH_TOKEN}",
            description = "Accept publishing with ?token=TOKEN in the stream key or the URL (env RTMP_PUBLISH_TOKEN).")
    String publishToken;

    @Option(
            names = "--wait-for-publisher",
            negatable = true,
            defaultValue = "${env:RTMP_WAIT_FOR_PUBLISHER:-true}",
            fallbackValue = "true",
            description = "A player of a key that is not live waits for its publisher (logged as waiting); "
                    + "--no-wait-for-publisher answers NetStream.Play.StreamNotFound instead (env RTMP_WAIT_FOR_PUBLISHER; default: ${DEFAULT-VALUE}).")
    boolean waitForPublisher = true;

    @Option(
            names = "--jmx-domain",
            paramLabel = "DOMAIN",
            defaultValue = "${env:RTMP_JMX_DOMAIN}",
            description = "Register the server's and the relay's MXBeans under DOMAIN, e.g. rtmp4j (env RTMP_JMX_DOMAIN).")
    String jmxDomain;

    @Option(
            names = "--http-port",
            paramLabel = "PORT",
            defaultValue = "${env:RTMP_HTTP_PORT:-8080}",
            description = "HTTP port on the same host (HTTP-FLV, WebSocket-FLV, fMP4), 0 for any free port (env RTMP_HTTP_PORT; default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--no-http", description = "Do not listen for HTTP.")
    boolean noHttp;

    @Option(names = "--no-rtmpt", description = "Do not serve RTMPT (RTMP over HTTP: rtmpt://HOST:<http port>/APP/KEY), "
            + "which is on with the HTTP port.")
    boolean noRtmpt;

    @Mixin
    ApiOptions api = new ApiOptions();

    @Mixin
    SnapshotCliOptions snapshots = new SnapshotCliOptions();

    @Mixin
    HlsCliOptions hls = new HlsCliOptions();

    @Mixin
    ConsoleOptions console = new ConsoleOptions();

    @Mixin
    ExecCliOptions exec = new ExecCliOptions();

    @Mixin
    PushCliOptions push = new PushCliOptions();

    @Mixin
    PullCliOptions pull = new PullCliOptions();

    @Mixin
    TlsCliOptions tls = new TlsCliOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        server.logging.apply();
        if (maxStreams < 0) {
            throw new ParameterException(spec.commandLine(), "--max-streams must be 0 (no limit) or more: " + maxStreams);
        }
        if (audioHoldMs < 0 || audioHoldMs > LiveOptions.MAX_AUDIO_HOLD_MS) {
            throw new ParameterException(spec.commandLine(),
                    "--audio-hold must be 0 (off).." + LiveOptions.MAX_AUDIO_HOLD_MS + " ms: " + audioHoldMs);
        }
        if (statusInterval < 0) {
            throw new ParameterException(spec.commandLine(), "--status-interval must be 0 (off) or more seconds: " + statusInterval);
        }
        if (!noHttp && (httpPort < 0 || httpPort > 65535)) {
            throw new ParameterException(spec.commandLine(), "--http-port must be 0..65535: " + httpPort);
        }
        snapshots.validate(spec.commandLine());
        exec.validate(spec.commandLine());
        pull.validate(spec.commandLine());
        LiveOptions options = LiveOptions.DEFAULT.withMaxStreams(maxStreams).withWaitForPublisher(waitForPublisher)
                .withAudioHoldMax(java.time.Duration.ofMillis(audioHoldMs));
        boolean auth = publishKeys != null || (publishToken != null && !publishToken.isEmpty());
        // the keys/token check is the relay's one publish decision: RTMP and HTTP-FLV uploads alike
        LiveBroadcastController relay = auth ? new StreamKeyAuth(options, publishKeys, publishToken)
                : new LiveBroadcastController(options);
        RtmpController controller = relay;
        String hint = "Publish to rtmp://HOST:PORT/live/KEY (OBS: server rtmp://HOST:PORT/live, stream key KEY); play the same URL.";
        if (recordDir != null) {
            controller = new RecordingRelay(relay, recordDir, recordMode.mode);
            hint += System.lineSeparator() + "Recording each stream to " + recordDir.toAbsolutePath() + "/APP/"
                    + RecordingFiles.pattern(recordMode.mode);
        }
        if (auth) {
            hint += System.lineSeparator() + "Publishing needs "
                    + (publishKeys != null ? "a stream key listed in " + publishKeys.toAbsolutePath() : "")
                    + (publishKeys != null && publishToken != null && !publishToken.isEmpty() ? " or " : "")
                    + (publishToken != null && !publishToken.isEmpty() ? "KEY?token=TOKEN" : "");
        }
        // push, pull and exec relays (issue 15) register here; stopped before the server closes
        Relays relays = new Relays();
        push.install(relays, relay, spec.commandLine());
        String pulling = pull.install(relays, relay);
        hint += pulling == null ? "" : System.lineSeparator() + pulling;
        RtmpServer.Builder builder = RtmpServer.builder().controller(new AccessLog(controller, relay));
        AutoCloseable tlsWatch = tls.install(builder, spec.commandLine());
        boolean routed = !noHttp || tls.https(); // HTTP and HTTPS serve the same routes
        AutoCloseable snapshotRoutes = SnapshotCliOptions.closingBoth(tlsWatch,
                snapshots.install(relay, builder, routed)); // exact paths, mounted first
        ApiRoutes routes = routed ? api.mount(relay, relays, builder, spec) : null;
        if (!noHttp) {
            builder.http(httpPort);
        }
        if (routed) {
            HttpHandler ingest = new HttpFlvIngest(relay);
            builder.httpRoute(HttpMethod.GET, FlvStreamPath::matches, new HttpFlvPlayer(relay))
                    .httpRoute(HttpMethod.GET, Fmp4StreamPath::matches, new Fmp4Player(relay))
                    .httpRoute(HttpMethod.POST, FlvStreamPath::matches, ingest)
                    .httpRoute(HttpMethod.PUT, FlvStreamPath::matches, ingest);
            if (noRtmpt) {
                builder.noRtmpt();
            }
        }
        HlsHandler hlsHandler = routed ? hls.mount(builder, relay, spec.commandLine()) : null;
        if (hlsHandler != null) {
            hint += System.lineSeparator() + "HLS and LL-HLS: http://HOST:<http port>/live/KEY.m3u8";
        }
        if (routed && console.mount(builder) != null) { // last: earlier routes win, an app may be named "web"
            hint += System.lineSeparator() + "Web console: http://HOST:<http port>/";
        }
        if (jmxDomain != null && !jmxDomain.isEmpty()) {
            builder.jmx(jmxDomain);
            relay.registerMBean(jmxDomain);
        }
        PrintWriter out = spec.commandLine().getOut();
        return server.runUntilShutdown(builder, out, "live server", hint, s -> {
            if (routes != null) {
                routes.attach(s);
            }
            tls.printListening(s, out);
            exec.start(relays, relay, s, spec.commandLine());
            AutoCloseable status = SnapshotCliOptions.closingBoth(snapshotRoutes, statusInterval == 0 ? () -> { }
                    : StatusReporter.start(s, () -> PlayerCounts.stats(relay), () -> PlayerCounts.streams(relay),
                            Duration.ofSeconds(statusInterval)));
            AutoCloseable outputs = hlsHandler == null ? status : SnapshotCliOptions.closingBoth(status, hlsHandler);
            return SnapshotCliOptions.closingBoth(relays, outputs);
        });
    }
}
