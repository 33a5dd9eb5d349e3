package org.rtmp4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.core.session.SessionConfig;

/** A player that stops reading is disconnected at maxQueued; the publisher is never throttled. */
@Timeout(60)
class SlowPlayerIT {
    @Test
    void aStalledPlayerIsDisconnectedWhileThePublisherKeepsStreaming() throws Exception {
        RecordingController controller = new RecordingController();
        SessionConfig config = SessionConfig.defaults()
                .withOutbound(new OutboundLimits(256 * 1024, 512 * 1024, 1024 * 1024, OutboundLimits.DropPolicy.NEVER));
        CountDownLatch release = new CountDownLatch(1);
        ClientListener stalling = new ClientListener() {
            @Override
            public void onMedia(int streamId, MediaMessage media) {
                try {
                    release.await(30, TimeUnit.SECONDS); // the reader thread stops reading
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ClientOptions options = ClientOptions.defaults().withTimeout(Duration.ofSeconds(5));
        try (RtmpServer server = RtmpServer.builder().port(0).eventLoops(2).sessionConfig(config)
                        .controller(controller).build().start();
                RtmpClient player = RtmpClient.connect(URI.create("rtmp://127.0.0.1:" + server.port() + "/live"), options);
                RtmpClient publisherClient = RtmpClient.connect(URI.create("rtmp://127.0.0.1:" + server.port() + "/live"), options)) {
            player.play("slow", stalling);
            controller.awaitEvent("play slow");
            try (Publisher publisher = publisherClient.publish("slow")) {
                byte[] frame = new byte[100 * 1024];
                frame[0] = 0x17;
                String stopped = null;
                int sent = 0;
                // far more than socket buffers plus maxQueued; stop once the player is gone
                for (; sent < 2000 && stopped == null; sent++) {
                    publisher.send(new VideoMessage(sent * 40, 0, ByteBuffer.wrap(frame)));
                    assertThat(controller.media.poll(5, TimeUnit.SECONDS)).as("publisher frame %d", sent).isNotNull();
                    stopped = controller.events.stream().filter(e -> e.equals("stop slow")).findFirst().orElse(null);
                }
                assertThat(stopped).as("player disconnected after %d frames", sent).isEqualTo("stop slow");
                // the publisher is unaffected
                publisher.send(new VideoMessage(sent * 40, 0, ByteBuffer.wrap(frame)));
                assertThat(controller.media.poll(5, TimeUnit.SECONDS)).isNotNull();
                assertThat(publisherClient.isOpen()).isTrue();
            } finally {
                release.countDown();
            }
        }
    }
}
