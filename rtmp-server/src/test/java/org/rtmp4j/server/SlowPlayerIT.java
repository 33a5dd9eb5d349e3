package org.rtmp4j.server;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.ClientOptions;

/** A player that stops reading is disconnected at maxQueued; the publisher is never throttled. */
@Timeout(60)
class SlowPlayerIT {
    @Test
    void aStalledPlayerIsDisconnectedWhileThePublisherKeepsStreaming() throws Exception {
        StalledPlayerScenario.run(RtmpServer.builder(), s -> URI.create("rtmp://127.0.0.1:" + s.port() + "/live"),
                ClientOptions.defaults().withTimeout(Duration.ofSeconds(5)));
    }
}
