package org.rtmp4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveOptions;
import org.rtmp4j.testkit.TestCertificates;
import org.rtmp4j.tls.TlsContext;
import org.rtmp4j.tls.TlsTrust;

/**
 * Audio rides with video over RTMPS (DESIGN-NOTES.md, "Audio rides with video (issue 17)"): the transport holds
 * plaintext and its flush encrypts, so a held AAC frame reaches a TLS player only at its deadline (one measured video
 * frame interval) when no video follows, and together with the next video frame when one does.
 */
@Timeout(60)
class AudioHoldTlsIT {
    private static TestCertificates certs;
    private final LoopbackServer fixture = new LoopbackServer();

    @BeforeAll
    static void certificate() throws Exception {
        certs = TestCertificates.generate(Path.of("target", "audio-hold-tls-it"), "RSA");
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    /** A media message and when the player got it. */
    private record Arrival(MediaMessage media, long nanos) {}

    @Test
    void aHeldAudioFrameWaitsForItsDeadlineOrTheNextVideoFrameOverTls() throws Exception {
        TlsContext tls = TlsContext.fromPkcs12(certs.p12(), certs.password());
        long holdMs = 200;
        RtmpServer server = fixture.start(RtmpServer.builder().rtmps(0, tls), new LiveBroadcastController(
                LiveOptions.DEFAULT.withAudioHoldMax(Duration.ofMillis(500))));
        ClientOptions trust = LoopbackServer.OPTIONS.withTlsTrust(TlsTrust.certificates(List.of(certs.certificate())));
        URI url = URI.create("rtmps://localhost:" + server.rtmpsPort() + "/live");
        BlockingQueue<Arrival> got = new LinkedBlockingQueue<>();
        fixture.keep(RtmpClient.connect(url, trust)).play("cam", new ClientListener() {
            @Override
            public void onMedia(int streamId, MediaMessage media) {
                got.add(new Arrival(media, System.nanoTime()));
            }
        });
        Publisher publisher = fixture.keep(fixture.keep(RtmpClient.connect(url, trust)).publish("cam"));
        // a keyframe and an inter frame 200 ms later: the video frame interval (5 fps) is measured
        publisher.send(new VideoMessage(0, 0, ByteBuffer.wrap(new byte[] {0x17, 1, 0, 0, 0, 9})));
        publisher.send(new VideoMessage((int) holdMs, 0, ByteBuffer.wrap(new byte[] {0x27, 1, 0, 0, 0, 9})));
        for (int i = 0; i < 2; i++) {
            assertThat(got.poll(10, TimeUnit.SECONDS)).as("video %d", i).isNotNull();
        }

        long sent = System.nanoTime();
        publisher.send(new AudioMessage((int) holdMs + 10, 0, ByteBuffer.wrap(new byte[] {(byte) 0xAF, 1, 5})));
        Arrival alone = got.poll(10, TimeUnit.SECONDS);
        assertThat(alone).isNotNull();
        assertThat(alone.media()).isInstanceOf(AudioMessage.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(alone.nanos() - sent)).as("held alone until its deadline, ms")
                .isGreaterThanOrEqualTo(holdMs - 5).isLessThan(5000);

        publisher.send(new AudioMessage((int) holdMs + 30, 0, ByteBuffer.wrap(new byte[] {(byte) 0xAF, 1, 6})));
        publisher.send(new VideoMessage((int) holdMs * 2, 0, ByteBuffer.wrap(new byte[] {0x27, 1, 0, 0, 0, 9})));
        Arrival audio = got.poll(10, TimeUnit.SECONDS);
        Arrival video = got.poll(10, TimeUnit.SECONDS);
        assertThat(audio.media()).isInstanceOf(AudioMessage.class);
        assertThat(video.media()).isInstanceOf(VideoMessage.class);
        assertThat(TimeUnit.NANOSECONDS.toMillis(video.nanos() - audio.nanos())).as("audio left with the video")
                .isLessThan(holdMs / 2);
    }
}
