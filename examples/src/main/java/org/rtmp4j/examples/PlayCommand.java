package org.rtmp4j.examples;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rtmp4j.client.FlvRecording;
import org.rtmp4j.client.RtmpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code play URL FILE}: records what a server plays into an FLV file with {@link RtmpClient#playToFile}. */
@Command(
        name = "play",
        mixinStandardHelpOptions = true,
        description = {
            "Plays rtmp://HOST[:PORT]/APP/KEY into an FLV file until the stream ends or Ctrl-C.",
            "Exits 1 with \"no media received\" if the file got no audio or video."
        })
final class PlayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "URL", description = "rtmp:// or rtmps://HOST[:PORT]/APP/KEY")
    URI url;

    @Parameters(index = "1", paramLabel = "FILE", description = "The FLV file to write (replaced if it exists).")
    Path file;

    @Option(
            names = "--wait",
            paramLabel = "SECONDS",
            defaultValue = "0",
            description = "Give up when no audio or video arrived SECONDS after the play was accepted (a key nobody "
                    + "publishes); 0 waits for the publisher as long as it takes (default: ${DEFAULT-VALUE}).")
    long waitSeconds;

    @Mixin
    ReplyTimeoutOption timeout = new ReplyTimeoutOption();

    @Mixin
    ClientTlsOptions tls = new ClientTlsOptions();

    @Mixin
    LoggingOptions logging = new LoggingOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        logging.apply();
        Urls.requireRtmp(spec.commandLine(), url);
        if (waitSeconds < 0) {
            throw new ParameterException(spec.commandLine(), "--wait must be 0 (no limit) or more seconds: " + waitSeconds);
        }
        // Ctrl-C or SIGTERM closes the file properly (FLV duration patched) and ends the play as the end of
        // the stream does (exit 0 with media, 1 without); installed before connecting, so no signal can find
        // the JVM's default (exit 130) in place. Any other JVM shutdown still closes the file.
        CompletableFuture<Void> stopRequested = new CompletableFuture<>();
        StopSignals.onStop(() -> stopRequested.complete(null));
        FlvRecording playing = RtmpClient.playToFile(url, file, tls.options(spec.commandLine(), timeout.duration()));
        stopRequested.thenRun(playing::close);
        Runtime.getRuntime().addShutdownHook(new Thread(playing::close, "rtmp4j-play-stop"));
        boolean gaveUp = false;
        if (waitSeconds > 0) {
            try {
                playing.done().get(waitSeconds, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                gaveUp = playing.tagsWritten() == 0;
                if (gaveUp) {
                    playing.close();
                }
            }
        }
        playing.done().get();
        if (playing.tagsWritten() == 0) {
            spec.commandLine().getErr().println("rtmp4j play: no media received from " + url
                    + (gaveUp ? " within " + waitSeconds + " s" : " before the stream ended")
                    + "; " + file + " has no audio or video");
            spec.commandLine().getErr().flush();
            return 1;
        }
        spec.commandLine().getOut().println("Stream ended; recorded " + playing.tagsWritten() + " audio and video tags of "
                + url + " into " + file);
        return 0;
    }
}
