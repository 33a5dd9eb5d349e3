package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rtmp4j.flv.FlvReader;

/**
 * Ctrl-C (SIGINT) and SIGTERM stop {@code server} and {@code play} gracefully with the command's own exit code
 * (README "Command line": 0 after a clean stop), not the 130 or 143 of a JVM killed by the signal. Runs the
 * shaded jar as a process.
 */
class GracefulStopIT {
    @TempDir
    Path tmp;

    private CliProcess server;
    private CliProcess player;

    @AfterEach
    void stopProcesses() throws InterruptedException {
        for (CliProcess p : new CliProcess[] {player, server}) {
            if (p != null) {
                p.close();
            }
        }
    }

    @Test
    void ctrlCStopsTheServerGracefullyWithExitCode0() throws Exception {
        server = CliProcess.start("server", "--host", "127.0.0.1", "--port", "0", "--status-interval", "0");
        server.awaitPort();
        server.signal("INT");
        assertThat(server.awaitExit()).as("exit code after Ctrl-C; stderr %s", server.allErr()).isZero();
        assertThat(server.allErr()).anyMatch(l -> l.contains("SIGINT: stopping gracefully"))
                .anyMatch(l -> l.contains("stopped"));
    }

    @Test
    void sigtermStopsTheServerGracefullyWithExitCode0() throws Exception {
        server = CliProcess.start("server", "--host", "127.0.0.1", "--port", "0", "--status-interval", "0");
        server.awaitPort();
        server.signal("TERM");
        assertThat(server.awaitExit()).as("exit code after SIGTERM; stderr %s", server.allErr()).isZero();
        assertThat(server.allErr()).anyMatch(l -> l.contains("SIGTERM: stopping gracefully"));
    }

    @Test
    void ctrlCEndsAWaitingPlayWithPlaysOwnExitCodeNot130() throws Exception {
        server = CliProcess.start("server", "--host", "127.0.0.1", "--port", "0", "--status-interval", "0");
        int port = server.awaitPort();
        Path out = tmp.resolve("out.flv");
        player = CliProcess.start("play", "rtmp://127.0.0.1:" + port + "/live/cam", out.toString());
        server.awaitErr("the waiting play", l -> l.contains(" play ") && l.contains("waiting for a publisher"));
        player.signal("INT");
        assertThat(player.awaitExit()).as("play's exit code after Ctrl-C: 1 for no media, not 130; stderr %s",
                player.allErr()).isEqualTo(1);
        assertThat(player.allErr()).last().asString().startsWith("rtmp4j play: no media received from");
        try (FlvReader reader = FlvReader.open(out)) {
            assertThat(reader.next()).as("a closed FLV file with no tags").isEmpty();
        }
    }
}
