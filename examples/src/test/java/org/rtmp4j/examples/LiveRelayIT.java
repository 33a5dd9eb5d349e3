package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rtmp4j.live.LiveBroadcastController;

/** ffmpeg publishes a real H.264/AAC file to the live relay; three ffmpeg players, one joining late, record it. */
@Tag("ffmpeg")
@Timeout(180)
class LiveRelayIT {
    /** About two seconds of video at 25 fps: when the late player joins. */
    private static final int LATE_JOIN_AFTER_VIDEO_MESSAGES = 50;

    @RegisterExtension
    final FfmpegServer fixture = FfmpegServer.perTestMethod();

    @Test
    void threeFfmpegPlayersIncludingALateOneGetThePublishedFramesFromAKeyFrameOn() throws Exception {
        Path source = Media.h264Aac();
        FlvFrames published = FlvFrames.read(source);
        ObservingController observed = fixture.startObserved(new LiveBroadcastController());
        String url = fixture.url("live/test");
        Ffmpeg ffmpeg = fixture.ffmpeg();

        Ffmpeg.Run publisher = ffmpeg.start("publisher", "-re", "-i", source.toString(), "-c", "copy", "-f", "flv", url);
        observed.await("publish test", 20);
        observed.afterVideoMessages(1).get(20, TimeUnit.SECONDS);
        List<Ffmpeg.Run> players = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            if (i == 3) {
                observed.afterVideoMessages(LATE_JOIN_AFTER_VIDEO_MESSAGES).get(30, TimeUnit.SECONDS);
            }
            Path output = fixture.out().resolve("player" + i + ".flv");
            outputs.add(output);
            players.add(ffmpeg.start("player" + i, "-i", url, "-c", "copy", "-f", "flv", output.toString()));
        }

        publisher.awaitSuccess(Duration.ofSeconds(60));
        for (Ffmpeg.Run player : players) {
            player.awaitSuccess(Duration.ofSeconds(30)); // players end on NetStream.Play.UnpublishNotify
        }
        for (int i = 0; i < 3; i++) {
            assertThat(ffmpeg.decodeErrors(outputs.get(i))).as("player %d decode errors", i + 1).isEmpty();
            published.assertReceivedFromKeyFrameToEnd(FlvFrames.read(outputs.get(i)), "player " + (i + 1));
        }
    }
}
