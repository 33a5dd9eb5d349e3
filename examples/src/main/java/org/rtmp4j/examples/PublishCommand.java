package org.rtmp4j.examples;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rtmp4j.client.RtmpClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code publish FILE URL}: sends an FLV file's tags to a server with {@link RtmpClient#publishFile}. */
@Command(
        name = "publish",
        mixinStandardHelpOptions = true,
        description = "Publishes an FLV file to rtmp://HOST[:PORT]/APP/KEY, paced by its timestamps unless --no-realtime.")
final class PublishCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The FLV file to send.")
    Path file;

    @Parameters(index = "1", paramLabel = "URL", description = "rtmp:// or rtmps://HOST[:PORT]/APP/KEY")
    URI url;

    @Option(
            names = "--realtime",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Pace the tags by their timestamps (default); --no-realtime sends as fast as possible.")
    boolean realtime;

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
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "Not a file: " + file
                    + (Files.isDirectory(file) ? " (a directory)" : " (no such file)"));
        }
        FlvSignature.require(file); // before connecting: an MP4 is the usual mistake
        RtmpClient.publishFile(url, file, realtime, tls.options(spec.commandLine(), timeout.duration())); // returns at the file's end
        spec.commandLine().getOut().println("Published " + file + " to " + url);
        return 0;
    }
}
