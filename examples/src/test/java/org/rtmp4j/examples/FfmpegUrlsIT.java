package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rtmp4j.core.command.Connect;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.session.PublishRequest;
import org.rtmp4j.core.session.RtmpSession;
import org.rtmp4j.core.session.ForwardingRtmpController;
import org.rtmp4j.live.LiveBroadcastController;

/**
 * Issue 11 §3 with ffmpeg as the publisher: {@code rtmp://HOST/live} without a key (an OBS user who forgot it) is
 * refused with {@code NetStream.Publish.BadName} "empty stream key" and ffmpeg fails, and
 * {@code rtmp://HOST/live/_definst_/KEY} reaches the server as app {@code live/_definst_} and key {@code KEY}, the
 * split {@code RtmpUrl} copies.
 */
@Tag("ffmpeg")
@Timeout(120)
class FfmpegUrlsIT {
    @RegisterExtension
    final FfmpegServer fixture = FfmpegServer.perTestMethod();

    /** What the relay decided about each publish: "app|name|accepted" or "app|name|CODE description". */
    private final BlockingQueue<String> decisions = new LinkedBlockingQueue<>();

    private ForwardingRtmpController observed() {
        return new ForwardingRtmpController(new LiveBroadcastController()) {
            @Override
            public void onPublish(RtmpSession session, PublishRequest request) {
                String app = session.connectCommand().map(Connect::app).orElse("?");
                String prefix = app + "|" + request.command().name() + "|";
                request.decision().thenAccept(rejection -> decisions.add(prefix
                        + rejection.map(AccessLog::reason).orElse("accepted")));
                super.onPublish(session, request);
            }
        };
    }

    private String nextDecision() throws InterruptedException {
        String d = decisions.poll(30, TimeUnit.SECONDS);
        assertThat(d).as("a publish decision").isNotNull();
        return d;
    }

    @Test
    void ffmpegPublishingWithoutAStreamKeyIsRefusedWithBadNameAndFails() throws Exception {
        fixture.start(observed());
        Ffmpeg.Run publisher = fixture.ffmpeg().start("publisher", "-re", "-i", Media.h264Aac().toString(),
                "-c", "copy", "-f", "flv", fixture.url("live"));
        assertThat(nextDecision()).isEqualTo("live||" + StatusCodes.PUBLISH_BAD_NAME
                + " empty stream key");
        assertThat(publisher.await(Duration.ofSeconds(30))).as("ffmpeg's exit code; log:%n%s", publisher.logTail())
                .isNotZero();
    }

    @Test
    void ffmpegSplitsTheAppAfterTwoSegmentsAndTheServerSeesAppAndKeyApart() throws Exception {
        fixture.start(observed());
        Ffmpeg.Run publisher = fixture.ffmpeg().start("publisher", "-i", Media.h264Aac().toString(),
                "-c", "copy", "-f", "flv", fixture.url("live/_definst_/cam"));
        assertThat(nextDecision()).isEqualTo("live/_definst_|cam|accepted");
        publisher.awaitSuccess(Duration.ofSeconds(60));
    }
}
