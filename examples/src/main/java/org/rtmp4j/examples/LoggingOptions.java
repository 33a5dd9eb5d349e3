package org.rtmp4j.examples;

import picocli.CommandLine.Option;

/** The {@code --log-level} option shared by every command. */
final class LoggingOptions {
    @Option(
            names = "--log-level",
            defaultValue = "${env:RTMP_LOG_LEVEL:-info}",
            description = "trace, debug, info, warn, error or off (env RTMP_LOG_LEVEL; default: ${DEFAULT-VALUE}).")
    LogLevel level = LogLevel.INFO;

    /** Applies the level; call before anything creates a logger. */
    void apply() {
        level.apply();
    }
}
