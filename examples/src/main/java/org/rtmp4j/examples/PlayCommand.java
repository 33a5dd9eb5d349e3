package org.rtmp4j.examples;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rtmp4j.client.FlvRecording;
import org.rtmp4j.client.RtmpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code play URL FILE}: records what a server plays into an FLV file with {@link RtmpClient#playToFile}. */
@Command(
        name = "play",
        mixinStandardHelpOptions = true,
        description = "Plays rtmp://HOST[:PORT]/APP/KEY into an FLV file until the stream ends or Ctrl-C.")
final class PlayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "URL", description = "rtmp://HOST[:PORT]/APP/KEY")
    URI url;

    @Parameters(index = "1", paramLabel = "FILE", description = "The FLV file to write (replaced if it exists).")
    Path file;

    @Mixin
    ReplyTimeoutOption timeout = new ReplyTimeoutOption();

    @Mixin
    LoggingOptions logging = new LoggingOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        logging.apply();
        Urls.requireRtmp(spec.commandLine(), url);
        FlvRecording playing = RtmpClient.playToFile(url, file, timeout.duration());
        // Ctrl-C closes the file properly (FLV duration patched) before the JVM exits.
        Runtime.getRuntime().addShutdownHook(new Thread(playing::close, "rtmp4j-play-stop"));
        playing.done().get();
        spec.commandLine().getOut().println("Stream ended; recorded " + url + " into " + file);
        return 0;
    }
}
