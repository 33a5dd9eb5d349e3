package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.testkit.MalformedVideo;

/**
 * Issue 12's hostile video sequence with ffmpeg 7.1 as the legacy player (no {@code fourCcList}): a publisher
 * sends video with unknown legacy CodecIDs, {@code 0x90 'hvc1'} without a configuration record and {@code 0x91
 * 'av01'}, then the real H.264/AAC file (with the same messages again inside a GOP); ffmpeg, waiting before the
 * publisher, records every published frame and decodes them without an error. Relayed, the unknown CodecIDs stop
 * ffmpeg ("unknown codec"); taken for a codec, {@code 0x90 'hvc1'} ended its play with {@code NetStream.Play.Failed}.
 */
@Tag("ffmpeg")
@Timeout(120)
class MalformedVideoFfmpegIT {
    @RegisterExtension
    final FfmpegServer fixture = FfmpegServer.perTestMethod();

    @Test
    void aWaitingFfmpegPlayerGetsEveryFrameThatFollowsMalformedVideo() throws Exception {
        Path source = Media.h264Aac();
        FlvFrames published = FlvFrames.read(source);
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(source)) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                tags.add(t.get());
            }
        }
        ObservingController observed = fixture.startObserved(new LiveBroadcastController());
        Path output = fixture.out().resolve("player.flv");
        Ffmpeg.Run player = fixture.ffmpeg().start("player", "-i", fixture.url("live/test"), "-c", "copy", "-f", "flv",
                output.toString());
        String event;
        do {
            event = observed.events.poll(20, TimeUnit.SECONDS);
        } while (event != null && !event.equals("play test"));
        assertThat(event).as("ffmpeg plays").isEqualTo("play test");

        try (RtmpClient client = RtmpClient.connect(fixture.uri("live"), ClientOptions.defaults().withTimeout(Duration.ofSeconds(10)));
                Publisher publisher = client.publish("test")) {
            MalformedVideo.messages(0).forEach(publisher::send);
            for (int i = 0; i < tags.size(); i++) {
                if (i == tags.size() / 4) {
                    MalformedVideo.messages(tags.get(i).timestamp()).forEach(publisher::send);
                }
                publisher.send(tags.get(i));
            }
        }
        player.awaitSuccess(Duration.ofSeconds(60)); // ends on NetStream.Play.UnpublishNotify
        assertThat(fixture.ffmpeg().decodeErrors(output)).isEmpty();
        published.assertReceivedAll(FlvFrames.read(output), "ffmpeg player");
    }
}
