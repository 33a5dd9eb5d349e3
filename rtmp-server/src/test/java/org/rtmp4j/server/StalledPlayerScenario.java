package org.rtmp4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.core.session.SessionConfig;

/**
 * The scenario of {@link SlowPlayerIT} (plain RTMP) and {@link TlsSlowPlayerIT} (RTMPS): a player that stops reading
 * (its reader thread blocks in {@code onMedia}) is disconnected at the server's {@code maxQueued} (1 MiB, never
 * dropping), while the publisher, sending 100 KiB keyframes, is never throttled and keeps streaming after it.
 */
final class StalledPlayerScenario {
    /** 256 KiB low, 512 KiB high watermark, 1 MiB cap, no drops: a stalled player is disconnected at the cap. */
    static final SessionConfig CONFIG = SessionConfig.defaults()
            .withOutbound(new OutboundLimits(256 * 1024, 512 * 1024, 1024 * 1024, OutboundLimits.DropPolicy.NEVER));

    private StalledPlayerScenario() {
    }

    /**
     * @param builder the server's listeners (the scenario adds port 0, two loops, {@link #CONFIG} and its controller)
     * @param url the {@code .../live} URL of the started server both clients connect to
     * @param options the clients' options (trust for RTMPS)
     */
    static void run(RtmpServer.Builder builder, Function<RtmpServer, URI> url, ClientOptions options) throws Exception {
        RecordingController controller = new RecordingController();
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
        try (RtmpServer server = builder.port(0).eventLoops(2).sessionConfig(CONFIG).controller(controller).build()
                        .start();
                RtmpClient player = RtmpClient.connect(url.apply(server), options);
                RtmpClient publisherClient = RtmpClient.connect(url.apply(server), options)) {
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
                assertThat(sent).as("more than the 1 MiB queue limit was sent before").isGreaterThan(10);
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
