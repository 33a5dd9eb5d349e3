package org.rtmp4j.examples;

import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --log-level} and {@code --log-file} options shared by every command. */
final class LoggingOptions {
    private static final String DATE_TIME_FORMAT = "org.slf4j.simpleLogger.dateTimeFormat";

    @Option(
            names = "--log-level",
            defaultValue = "${env:RTMP_LOG_LEVEL:-info}",
            description = "trace, debug, info, warn, error or off (env RTMP_LOG_LEVEL; default: ${DEFAULT-VALUE}).")
    LogLevel level = LogLevel.INFO;

    @Option(
            names = "--log-file",
            paramLabel = "FILE",
            defaultValue = "${env:RTMP_LOG_FILE}",
            description = "Also append the log (access log, status line) to FILE, besides stderr; lines then carry the date (env RTMP_LOG_FILE).")
    Path file;

    /**
     * Applies the level and opens the log file (then log lines start with the date, {@code yyyy-MM-dd
     * HH:mm:ss.SSS}, unless {@code org.slf4j.simpleLogger.dateTimeFormat} is set); call before anything
     * creates a logger.
     *
     * @throws IOException naming the file if {@code --log-file} cannot be opened for appending
     */
    void apply() throws IOException {
        if (file != null) {
            LogFile.teeStandardError(file);
            // a log file outlives a day: put the date before simplelogger.properties' time of day
            if (System.getProperty(DATE_TIME_FORMAT) == null) {
                System.setProperty(DATE_TIME_FORMAT, "yyyy-MM-dd HH:mm:ss.SSS");
            }
        }
        level.apply();
    }
}
