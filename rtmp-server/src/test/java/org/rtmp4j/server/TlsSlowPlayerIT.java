package org.rtmp4j.server;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.testkit.TestCertificates;
import org.rtmp4j.tls.TlsContext;
import org.rtmp4j.tls.TlsTrust;

/**
 * Back-pressure through TLS (issue 16 §1, "same back-pressure"): an RTMPS player that stops reading fills the
 * socket, then its one pending TLS record, then the plaintext queue, and is disconnected at {@code maxQueued}
 * exactly as a plain one is ({@link SlowPlayerIT}, the same {@link StalledPlayerScenario}); the RTMPS publisher is
 * never throttled.
 */
@Timeout(60)
class TlsSlowPlayerIT {
    @Test
    void aStalledRtmpsPlayerIsDisconnectedWhileTheRtmpsPublisherKeepsStreaming() throws Exception {
        TestCertificates certs = TestCertificates.generate(Path.of("target", "tls-slow-player-it"), "EC");
        ClientOptions options = ClientOptions.defaults().withTimeout(Duration.ofSeconds(5))
                .withTlsTrust(TlsTrust.certificates(List.of(certs.certificate())));
        StalledPlayerScenario.run(RtmpServer.builder().rtmps(0, TlsContext.fromPem(certs.chainPem(), certs.keyPem())),
                s -> URI.create("rtmps://localhost:" + s.rtmpsPort() + "/live"), options);
    }
}
