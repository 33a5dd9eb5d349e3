package org.rtmp4j.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flv-info FILE [--json]}: prints an FLV file's header, {@code onMetaData}, streams, tag counts, key frame
 * times and any damage ({@link FlvInfo}). Exit code 0 for an intact file, 1 if it is damaged (the report is
 * printed either way) or cannot be read.
 */
@Command(
        name = "flv-info",
        mixinStandardHelpOptions = true,
        description = "Prints an FLV file's header, metadata, streams, tag counts, key frames and any damage."
                + " Exit code 1 if the file is damaged.")
final class FlvInfoCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The FLV file.")
    Path file;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(
            names = "--keyframes",
            paramLabel = "N",
            defaultValue = "20",
            description = "List the times of at most N key frames (the count covers all; default: ${DEFAULT-VALUE}).")
    int keyframeTimes;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (keyframeTimes < 0) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--keyframes must be 0 or more");
        }
        FlvInfo info;
        try {
            info = FlvInfo.read(file, keyframeTimes);
        } catch (FileSystemException e) {
            throw new IOException("cannot read " + file + " to describe it: " + FileErrors.reason(e), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.write(FlvInfoReport.jsonMap(info)));
        } else {
            FlvInfoReport.printText(info, out);
        }
        out.flush();
        return info.damage() == null ? 0 : 1;
    }
}
