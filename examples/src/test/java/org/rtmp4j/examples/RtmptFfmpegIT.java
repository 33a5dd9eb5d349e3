package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.server.ClientInfo;
import org.rtmp4j.server.RtmpServer;

/**
 * RTMPT with a real peer (issue 16 §2, "Proof"): ffmpeg 7.1 publishes to and plays from
 * {@code rtmpt://127.0.0.1:HTTP_PORT/live/KEY}, the server's HTTP listener; every player's coded video frames
 * equal the source's from its first keyframe on. RTMPT and TCP RTMP meet in the one live hub: publish over
 * RTMPT and play over RTMP, and the other way round.
 */
@Tag("ffmpeg")
@Timeout(180)
class RtmptFfmpegIT {
    @RegisterExtension
    final FfmpegServer fixture = FfmpegServer.perTestMethod();

    private RtmpServer server;

    private ObservingController start() throws Exception {
        ObservingController observed = new ObservingController(new LiveBroadcastController());
        server = fixture.start(observed, b -> b.http(new InetSocketAddress("127.0.0.1", 0)));
        return observed;
    }

    private String rtmpt(String path) {
        return "rtmpt://127.0.0.1:" + server.httpPort() + "/" + path;
    }

    @Test
    void ffmpegPublishesOverRtmptAndPlaysOverRtmptAndRtmp() throws Exception {
        Path source = Media.h264Aac();
        ObservingController observed = start();
        Ffmpeg ffmpeg = fixture.ffmpeg();
        Ffmpeg.Run publisher = ffmpeg.start("rtmpt-publisher", "-re", "-i", source.toString(), "-c", "copy", "-f",
                "flv", rtmpt("live/test"));
        observed.await("publish test", 20);
        observed.afterVideoMessages(1).get(20, TimeUnit.SECONDS);
        assertThat(server.clients().list()).as("the RTMPT publisher is an RTMP client of the server")
                .extracting(ClientInfo::kind).contains("rtmp-publisher");

        Path rtmptOutput = fixture.out().resolve("rtmpt-player.flv");
        Ffmpeg.Run rtmptPlayer = ffmpeg.start("rtmpt-player", "-i", rtmpt("live/test"), "-c", "copy", "-f", "flv",
                rtmptOutput.toString());
        Path rtmpOutput = fixture.out().resolve("rtmp-player.flv");
        Ffmpeg.Run rtmpPlayer = ffmpeg.start("rtmp-player", "-i", fixture.url("live/test"), "-c", "copy", "-f", "flv",
                rtmpOutput.toString());

        publisher.awaitSuccess(Duration.ofSeconds(90));
        rtmptPlayer.awaitSuccess(Duration.ofSeconds(30));
        rtmpPlayer.awaitSuccess(Duration.ofSeconds(30));
        FlvFrames published = FlvFrames.read(source);
        published.assertReceivedFromKeyFrameToEnd(FlvFrames.read(rtmptOutput), "ffmpeg RTMPT player");
        published.assertReceivedFromKeyFrameToEnd(FlvFrames.read(rtmpOutput), "ffmpeg RTMP player");
    }

    @Test
    void ffmpegPublishesOverRtmpAndPlaysOverRtmpt() throws Exception {
        Path source = Media.h264Aac();
        ObservingController observed = start();
        Ffmpeg ffmpeg = fixture.ffmpeg();
        Ffmpeg.Run publisher = ffmpeg.start("rtmp-publisher", "-re", "-i", source.toString(), "-c", "copy", "-f", "flv",
                fixture.url("live/test"));
        observed.await("publish test", 20);
        observed.afterVideoMessages(1).get(20, TimeUnit.SECONDS);

        Path output = fixture.out().resolve("rtmpt-player.flv");
        Ffmpeg.Run player = ffmpeg.start("rtmpt-player", "-i", rtmpt("live/test"), "-c", "copy", "-f", "flv",
                output.toString());

        publisher.awaitSuccess(Duration.ofSeconds(90));
        player.awaitSuccess(Duration.ofSeconds(30));
        assertThat(ffmpeg.decodeErrors(output)).isEmpty();
        FlvFrames.read(source).assertReceivedFromKeyFrameToEnd(FlvFrames.read(output), "ffmpeg RTMPT player");
    }
}
