package org.rtmp4j.examples;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rtmp4j.core.session.RtmpController;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveOptions;
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
            "With --record-dir, also records each stream to DIR/APP/KEY.flv."
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
            names = "--record-dir",
            paramLabel = "DIR",
            defaultValue = "${env:RTMP_RECORD_DIR}",
            description = "Also record every published stream to DIR/APP/KEY.flv (env RTMP_RECORD_DIR).")
    Path recordDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        server.logging.apply();
        if (maxStreams < 0) {
            throw new ParameterException(spec.commandLine(), "--max-streams must be 0 (no limit) or more: " + maxStreams);
        }
        RtmpController controller = new LiveBroadcastController(LiveOptions.DEFAULT.withMaxStreams(maxStreams));
        String hint = "Publish to rtmp://HOST:PORT/live/KEY (OBS: server rtmp://HOST:PORT/live, stream key KEY); play the same URL.";
        if (recordDir != null) {
            controller = new RecordingRelay(controller, new RecordToFlv(recordDir));
            hint += System.lineSeparator() + "Recording each stream to " + recordDir.toAbsolutePath() + "/APP/KEY.flv";
        }
        return server.runUntilShutdown(RtmpServer.builder().controller(controller), spec.commandLine().getOut(), "live server", hint);
    }
}
