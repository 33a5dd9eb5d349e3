package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.session.PublishRequest;
import org.rtmp4j.core.session.RtmpSession;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.core.session.ForwardingRtmpController;
import org.rtmp4j.live.LiveBroadcastController;

/**
 * E-RTMP v2 Reconnect Request with ffmpeg as the player: an {@link RtmpClient} publishes the real
 * H.264/AAC file at real time to the live relay, ffmpeg 7.1.1 plays the relayed stream, the server
 * asks the publisher to reconnect, the client moves to a new connection at the next keyframe, and
 * ffmpeg keeps playing to the end: no message at {@code -v error}, no decode error, every frame
 * from its first keyframe on.
 */
@Tag("ffmpeg")
@Timeout(120)
class ReconnectIT {
    /** About two seconds of video at 25 fps: when the server asks the publisher to reconnect. */
    private static final int RECONNECT_AFTER_VIDEO_MESSAGES = 50;

    @RegisterExtension
    final FfmpegServer fixture = FfmpegServer.perTestMethod();

    private final ObservingController observed = new ObservingController(new LiveBroadcastController()); // PublisherPolicy.REFUSE
    private final BlockingQueue<RtmpSession> publishers = new LinkedBlockingQueue<>();

    @BeforeEach
    void startServer() throws Exception {
        fixture.start(new ForwardingRtmpController(observed) {
            @Override
            public void onPublish(RtmpSession session, PublishRequest request) {
                publishers.add(session);
                super.onPublish(session, request);
            }
        });
    }

    @Test
    void ffmpegKeepsPlayingWhileThePublisherFollowsAReconnectRequest() throws Exception {
        Path source = Media.h264Aac();
        FlvFrames published = FlvFrames.read(source);
        URI url = fixture.uri("live/test");
        Path output = fixture.out().resolve("player.flv");
        Ffmpeg ffmpeg = fixture.ffmpeg();

        try (RtmpClient client = RtmpClient.connect(url, ClientOptions.defaults().withTimeout(Duration.ofSeconds(10)))) {
            Publisher publisher = client.publish(client.streamName());
            CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> sendAtRealTime(source, publisher));
            observed.afterVideoMessages(1).get(20, TimeUnit.SECONDS);
            Ffmpeg.Run player = ffmpeg.start("player", "-v", "error", "-i", url.toString(), "-c", "copy", "-f", "flv",
                    output.toString());
            observed.await("play test", 20);
            observed.afterVideoMessages(RECONNECT_AFTER_VIDEO_MESSAGES).get(30, TimeUnit.SECONDS);
            RtmpSession first = publishers.poll(5, TimeUnit.SECONDS);
            assertThat(first.requestReconnect(null, "interop test")).isTrue();

            sending.get(60, TimeUnit.SECONDS);
            assertThat(publisher.switches()).isEqualTo(1);
            assertThat(publishers.poll(5, TimeUnit.SECONDS)).isNotSameAs(first);
            System.out.printf("ReconnectIT: publisher switch gap %.1f ms (last write on the old connection to the"
                    + " keyframe on the new)%n", publisher.lastSwitchGapMillis());
            publisher.close(); // unpublish: the relay's UnpublishNotify ends ffmpeg's playback
            player.awaitSuccess(Duration.ofSeconds(30));
            List<String> log = Files.readAllLines(player.log(), StandardCharsets.UTF_8);
            assertThat(log.subList(1, log.size())).as("ffmpeg -v error output after its command line").isEmpty();
        }
        assertThat(ffmpeg.decodeErrors(output)).as("decode errors").isEmpty();
        FlvFrames received = FlvFrames.read(output);
        published.assertReceivedFromKeyFrameToEnd(received, "ffmpeg player");
        assertThat(received.size()).as("frames received of %d", published.size())
                .isGreaterThan(published.size() - 10);
    }

    /** Sends every tag of {@code flv}, each audio/video tag when its timestamp has elapsed. */
    private static void sendAtRealTime(Path flv, Publisher publisher) {
        try (FlvReader reader = FlvReader.open(flv)) {
            long start = System.nanoTime();
            for (Optional<FlvTag> next = reader.next(); next.isPresent(); next = reader.next()) {
                FlvTag tag = next.get();
                if (tag.type() != FlvTagType.SCRIPT) {
                    long due = start + Integer.toUnsignedLong(tag.timestamp()) * 1_000_000L;
                    for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                        LockSupport.parkNanos(wait); // the source's clock, not synchronisation
                    }
                }
                publisher.send(tag);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
