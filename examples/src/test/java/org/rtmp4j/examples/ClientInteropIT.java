package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rtmp4j.client.FlvRecording;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.live.LiveBroadcastController;

/** Our {@link RtmpClient} against ffmpeg: as publisher and player through our server, and against ffmpeg's own server. */
@Tag("ffmpeg")
@Timeout(120)
class ClientInteropIT {
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(10);

    @RegisterExtension
    final FfmpegServer fixture = FfmpegServer.perTestMethod();

    private ObservingController observed;
    private FlvFrames published;
    private Path source;

    @BeforeEach
    void setUp() throws Exception {
        source = Media.h264Aac();
        published = FlvFrames.read(source);
        observed = fixture.startObserved(new LiveBroadcastController());
    }

    private URI url() {
        return fixture.uri("live/test");
    }

    @Test
    void ffmpegPlaysWhatOurClientPublishes() throws Exception {
        Path output = fixture.out().resolve("ffmpeg-player.flv");
        Ffmpeg.Run player = fixture.ffmpeg().start("player", "-i", url().toString(), "-c", "copy", "-f", "flv", output.toString());
        observed.await("play test", 20);

        RtmpClient.publishFile(url(), source, true, CLIENT_TIMEOUT); // returns at the end of the file

        player.awaitSuccess(Duration.ofSeconds(30));
        assertThat(fixture.ffmpeg().decodeErrors(output)).as("decode errors").isEmpty();
        published.assertReceivedAll(FlvFrames.read(output), "ffmpeg player");
    }

    @Test
    void ourClientPlaysWhatFfmpegPublishes() throws Exception {
        Path output = fixture.out().resolve("client-player.flv");
        FlvRecording playing = RtmpClient.playToFile(url(), output, CLIENT_TIMEOUT);
        try {
            observed.await("play test", 20);
            fixture.ffmpeg().run("publisher", Duration.ofSeconds(60), "-re", "-i", source.toString(), "-c", "copy", "-f", "flv", url().toString());
            playing.done().get(30, TimeUnit.SECONDS); // ends on NetStream.Play.UnpublishNotify
        } finally {
            playing.close();
        }

        assertThat(fixture.ffmpeg().decodeErrors(output)).as("decode errors").isEmpty();
        published.assertReceivedAll(FlvFrames.read(output), "RtmpClient.playToFile");
    }

    @Test
    void ourClientPublishesToFfmpegAsServer() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        URI url = URI.create("rtmp://127.0.0.1:" + port + "/live/test");
        Path output = fixture.out().resolve("ffmpeg-server.flv");
        Ffmpeg.Run listener = fixture.ffmpeg().start("listener", "-listen", "1", "-timeout", "20", "-i", url.toString(), "-c", "copy", output.toString());

        publishWhenListening(listener, url);

        listener.awaitSuccess(Duration.ofSeconds(30));
        assertThat(fixture.ffmpeg().decodeErrors(output)).as("decode errors").isEmpty();
        published.assertReceivedAll(FlvFrames.read(output), "ffmpeg -listen");
    }

    /**
     * Retries the connect until ffmpeg listens (bounded: 20 s). A probe connection is not possible because
     * {@code ffmpeg -listen 1} serves exactly one connection; between attempts we wait on the listener's exit,
     * which also fails fast if ffmpeg died.
     */
    private void publishWhenListening(Ffmpeg.Run listener, URI url) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                RtmpClient.publishFile(url, source, true, CLIENT_TIMEOUT);
                return;
            } catch (ConnectException refused) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("ffmpeg -listen did not accept within 20 s; ffmpeg log:\n" + listener.logTail(), refused);
                }
            } catch (IOException e) {
                throw new AssertionError("publishing to ffmpeg -listen failed; ffmpeg log:\n" + listener.logTail(), e);
            }
            try {
                listener.process().onExit().get(50, TimeUnit.MILLISECONDS);
                throw new AssertionError("ffmpeg -listen exited before accepting; log:\n" + listener.logTail());
            } catch (TimeoutException stillListening) {
                // retry the connect
            }
        }
    }
}
