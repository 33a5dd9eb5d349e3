package org.rtmp4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
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
import org.rtmp4j.testkit.TestCertificates;
import org.rtmp4j.tls.TlsContext;
import org.rtmp4j.tls.TlsTrust;

/**
 * Back-pressure through TLS (issue 16 §1, "same back-pressure"): an RTMPS player that stops reading fills the
 * socket, then its one pending TLS record, then the plaintext queue, and is disconnected at {@code maxQueued}
 * exactly as a plain one is ({@link SlowPlayerIT}); the RTMPS publisher is never throttled.
 */
@Timeout(60)
class TlsSlowPlayerIT {
    @Test
    void aStalledRtmpsPlayerIsDisconnectedWhileTheRtmpsPublisherKeepsStreaming() throws Exception {
        TestCertificates certs = TestCertificates.generate(Path.of("target", "tls-slow-player-it"), "EC");
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
        ClientOptions options = ClientOptions.defaults().withTimeout(Duration.ofSeconds(5))
                .withTlsTrust(TlsTrust.certificates(List.of(certs.certificate())));
        try (RtmpServer server = RtmpServer.builder().port(0).eventLoops(2).sessionConfig(config)
                        .rtmps(0, TlsContext.fromPem(certs.chainPem(), certs.keyPem()))
                        .controller(controller).build().start()) {
            URI url = URI.create("rtmps://localhost:" + server.rtmpsPort() + "/live");
            try (RtmpClient player = RtmpClient.connect(url, options);
                    RtmpClient publisherClient = RtmpClient.connect(url, options)) {
                player.play("slow", stalling);
                controller.awaitEvent("play slow");
                try (Publisher publisher = publisherClient.publish("slow")) {
                    byte[] frame = new byte[100 * 1024];
                    frame[0] = 0x17;
                    String stopped = null;
                    int sent = 0;
                    for (; sent < 2000 && stopped == null; sent++) {
                        publisher.send(new VideoMessage(sent * 40, 0, ByteBuffer.wrap(frame)));
                        assertThat(controller.media.poll(5, TimeUnit.SECONDS)).as("publisher frame %d", sent).isNotNull();
                        stopped = controller.events.stream().filter(e -> e.equals("stop slow")).findFirst().orElse(null);
                    }
                    assertThat(stopped).as("player disconnected after %d frames", sent).isEqualTo("stop slow");
                    assertThat(sent).as("more than the 1 MiB queue limit was sent before").isGreaterThan(10);
                    publisher.send(new VideoMessage(sent * 40, 0, ByteBuffer.wrap(frame)));
                    assertThat(controller.media.poll(5, TimeUnit.SECONDS)).isNotNull();
                    assertThat(publisherClient.isOpen()).isTrue();
                } finally {
                    release.countDown();
                }
            }
        }
    }
}
