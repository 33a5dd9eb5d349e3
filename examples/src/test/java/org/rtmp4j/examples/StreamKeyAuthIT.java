package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.session.RtmpStatusException;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveOptions;
import org.rtmp4j.server.RtmpServer;

/** {@link StreamKeyAuth} in front of the relay, over loopback with RtmpClient. */
@Timeout(30)
class StreamKeyAuthIT {
    @TempDir
    Path dir;

    private LiveBroadcastController relay;
    private final List<RtmpClient> clients = new ArrayList<>();
    private RtmpServer server;

    @BeforeEach
    void start() throws Exception {
        Path keys = dir.resolve("keys.txt");
        Files.write(keys, List.of("# allowed stream keys", "alice-123"));
        relay = new StreamKeyAuth(LiveOptions.DEFAULT, keys, "s3cret");
        server = RtmpServer.builder().port(0).eventLoops(1).controller(relay).build().start();
    }

    @AfterEach
    void stop() {
        clients.forEach(RtmpClient::close);
        server.close();
    }

    private RtmpClient connect(ClientOptions options) throws Exception {
        RtmpClient c = RtmpClient.connect(URI.create("rtmp://127.0.0.1:" + server.port() + "/live"), options);
        clients.add(c);
        return c;
    }

    private static ClientOptions options() {
        return ClientOptions.defaults().withTimeout(Duration.ofSeconds(5));
    }

    @Test
    void aListedKeyPublishes() throws Exception {
        try (Publisher p = connect(options()).publish("alice-123")) {
            assertThat(relay.stats().activeStreams()).isEqualTo(1);
        }
    }

    @Test
    void anUnknownKeyIsRejectedWithPublishRejectedAndTheConnectionMayRetry() throws Exception {
        RtmpClient c = connect(options());
        RtmpStatusException e = catchThrowableOfType(() -> c.publish("mallory"), RtmpStatusException.class);
        assertThat(e).isNotNull();
        assertThat(e.status().code()).isEqualTo(StatusCodes.PUBLISH_REJECTED);
        assertThat(e.status().description()).isEqualTo("invalid stream key");
        assertThat(e.status().isError()).isTrue();
        assertThat(relay.stats().totalStreams()).isZero();

        try (Publisher p = c.publish("alice-123")) {
            assertThat(relay.stats().activeStreams()).isEqualTo(1);
        }
    }

    @Test
    void theTokenInThePublishQueryPublishesUnderTheKeyWithoutQuery() throws Exception {
        try (Publisher p = connect(options()).publish("cam?token=s3cret")) {
            assertThat(relay.activeStreams()).singleElement()
                    .satisfies(i -> assertThat(i.key().name()).isEqualTo("cam"));
        }
        RtmpStatusException e = catchThrowableOfType(() -> connect(options()).publish("cam?token=wrong"),
                RtmpStatusException.class);
        assertThat(e.status().code()).isEqualTo(StatusCodes.PUBLISH_REJECTED);
    }

    @Test
    void theTokenInTheConnectUrlPublishes() throws Exception {
        ClientOptions withToken = options().withConnectProperties(
                Map.of("tcUrl", "rtmp://127.0.0.1:" + server.port() + "/live?token=s3cret"));
        try (Publisher p = connect(withToken).publish("cam")) {
            assertThat(relay.stats().activeStreams()).isEqualTo(1);
        }
    }
}
