package org.rtmp4j.examples;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rtmp4j.server.RtmpServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code record}: a server that only records ({@link RecordToFlv}); nothing can be played from it. */
@Command(
        name = "record",
        mixinStandardHelpOptions = true,
        description = "Runs an RTMP server that records each published stream to DIR/APP/KEY-yyyyMMdd-HHmmss.flv (UTC; "
                + "see --record-mode) with no playback: a play gets NetStream.Play.Failed.")
final class RecordCommand implements Callable<Integer> {
    @Mixin
    ServerOptions server = new ServerOptions();

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            defaultValue = "${env:RTMP_RECORD_DIR:-recordings}",
            description = "Recording directory (env RTMP_RECORD_DIR; default: ${DEFAULT-VALUE}).")
    Path dir;

    @Mixin
    RecordModeOption recordMode = new RecordModeOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        server.logging.apply();
        return server.runUntilShutdown(
                RtmpServer.builder().controller(new AccessLog(new RecordToFlv(dir, recordMode.mode), null)),
                spec.commandLine().getOut(),
                "recorder",
                "Publish to rtmp://HOST:PORT/APP/KEY; it is recorded to " + dir.toAbsolutePath() + "/APP/"
                        + RecordingFiles.pattern(recordMode.mode));
    }
}
