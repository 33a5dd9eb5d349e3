package org.rtmp4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --log-level} and {@code --log-file} options shared by every command. */
final class LoggingOptions {
    @Option(
            names = "--log-level",
            defaultValue = "${env:RTMP_LOG_LEVEL:-info}",
            description = "trace, debug, info, warn, error or off (env RTMP_LOG_LEVEL; default: ${DEFAULT-VALUE}).")
    LogLevel level = LogLevel.INFO;

    @Option(
            names = "--log-file",
            paramLabel = "FILE",
            defaultValue = "${env:RTMP_LOG_FILE}",
            description = "Also append the log (and the status line) to FILE, besides stderr (env RTMP_LOG_FILE).")
    Path file;

    /**
     * Applies the level and opens the log file; call before anything creates a logger.
     *
     * @throws IOException naming the file if {@code --log-file} cannot be opened for appending
     */
    void apply() throws IOException {
        if (file != null) {
            LogFile.teeStandardError(file);
        }
        level.apply();
    }
}
