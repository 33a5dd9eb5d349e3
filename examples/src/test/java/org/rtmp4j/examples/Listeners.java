package org.rtmp4j.examples;

import static org.rtmp4j.testkit.Eventually.eventually;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Waits for a listening socket without connecting to it: ffmpeg as a server ({@code -listen 1} for RTMP,
 * {@code -rtsp_flags listen} for RTSP) serves exactly one session, so a probe connection would spend it. Linux only
 * ({@code /proc/net/tcp}).
 */
final class Listeners {
    private Listeners() {
    }

    /**
     * Returns once something listens on IPv4 loopback {@code port} ({@code /proc/net/tcp} shows a socket in state
     * {@code 0A}, LISTEN), or fails after {@code timeout}.
     */
    static void awaitListening(int port, Duration timeout) {
        String hexPort = String.format(Locale.ROOT, ":%04X", port);
        eventually(timeout, "a listener on port " + port, () -> {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/net/tcp"), StandardCharsets.US_ASCII)) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[1].endsWith(hexPort) && f[3].equals("0A")) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                throw new AssertionError("cannot read /proc/net/tcp", e);
            }
        });
    }
}
