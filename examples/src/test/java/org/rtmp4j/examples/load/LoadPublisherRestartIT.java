package org.rtmp4j.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.server.RtmpServer;
import picocli.CommandLine;

/** {@code load --publisher-restart-every}: the publisher reconnects while the players stay and keep receiving. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LoadPublisherRestartIT {
    private RtmpServer server;

    @BeforeEach
    void start() throws Exception {
        server = RtmpServer.builder().port(0).eventLoops(1).controller(new LiveBroadcastController()).build().start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void thePublisherRestartsOnANewConnectionWhileThePlayersStayConnected() {
        StringWriter out = new StringWriter();
        int code = new CommandLine(new LoadCommand()).setOut(new PrintWriter(out)).execute(
                "rtmp://127.0.0.1:" + server.port() + "/live/soak", "--players", "3", "--duration", "5",
                "--synthetic", "200", "--publisher-restart-every", "2s", "--loops", "1", "--json");
        assertThat(code).isZero();
        assertThat(out.toString())
                .contains("publisher restart 1 after", "publisher restart 2 after", "publisher restarts: 2")
                .contains(": 3 of 3 players open")
                .contains("\"connected\":3").contains("\"disconnected\":0");
    }
}
