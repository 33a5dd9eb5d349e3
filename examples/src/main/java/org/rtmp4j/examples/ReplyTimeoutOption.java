package org.rtmp4j.examples;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The {@code --timeout} option of the client commands ({@code publish}, {@code play}). */
final class ReplyTimeoutOption {
    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "10",
            description = "Seconds to wait for the connection and each server reply (default: ${DEFAULT-VALUE}).")
    int seconds;

    /** @return the timeout as a duration */
    Duration duration() {
        return Duration.ofSeconds(seconds);
    }
}
