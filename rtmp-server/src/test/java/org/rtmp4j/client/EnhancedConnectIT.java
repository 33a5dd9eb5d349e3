package org.rtmp4j.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.core.command.EnhancedCapabilities;
import org.rtmp4j.server.RecordingController;
import org.rtmp4j.server.RtmpServer;

/** E-RTMP capability negotiation and an AMF3 (objectEncoding 3) client over loopback. */
@Timeout(60)
class EnhancedConnectIT {
    private final RecordingController controller = new RecordingController();
    private RtmpServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = RtmpServer.builder().port(0).eventLoops(1).controller(controller).build().start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private URI url(String path) {
        return URI.create("rtmp://127.0.0.1:" + server.port() + "/" + path);
    }

    @Test
    void theServerAnswersAnEnhancedConnectWithItsCapabilities() throws Exception {
        ClientOptions options = ClientOptions.defaults().withTimeout(Duration.ofSeconds(5))
                .withEnhanced(new EnhancedCapabilities(List.of("hvc1", "av01"), Map.of(), Map.of(), 0));

        try (RtmpClient client = RtmpClient.connect(url("live"), options)) {
            EnhancedCapabilities server = EnhancedCapabilities.from((Map<?, ?>) client.connectResult().commandObject());
            assertThat(server.supportsVideo("av01")).isTrue();
            assertThat(server.hasCapsEx(EnhancedCapabilities.CAPS_MULTITRACK)).isTrue();
        }
    }

    @Test
    void anAmf3ClientPublishesWithType17Replies() throws Exception {
        ClientOptions options = ClientOptions.defaults().withTimeout(Duration.ofSeconds(5))
                .withConnectProperties(Map.of("objectEncoding", 3.0));

        try (RtmpClient client = RtmpClient.connect(url("live"), options)) {
            assertThat(((Map<?, ?>) client.connectResult().argument(0)).get("objectEncoding")).isEqualTo(3.0);
            try (Publisher publisher = client.publish("amf3")) {
                publisher.sendMetadata(Map.of("width", 320.0));
                Map<String, Object> metadata = controller.metadata.poll(5, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(metadata).containsEntry("width", 320.0);
            }
        }
    }
}
