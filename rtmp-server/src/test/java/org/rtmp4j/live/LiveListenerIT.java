package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.codec.MediaInfo;
import org.rtmp4j.server.LoopbackServer;
import org.rtmp4j.server.MediaSink;

/**
 * {@link LiveListener#onMediaInfo} over loopback: RtmpClient publishes the shared H.264/AAC file to a
 * real server; the listener hears the codecs on the publisher's I/O thread, each change once, ending
 * with what {@link StreamInfo} shows.
 */
@Timeout(60)
class LiveListenerIT {
    private static final Path AVATAR =
            Path.of(System.getProperty("rtmp4j.media.dir", "../media"), "h264-aac-avatar.flv");

    private final LiveBroadcastController relay = new LiveBroadcastController();
    private final LoopbackServer fixture = new LoopbackServer();

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void theListenerHearsEachCodecChangeOnceOnThePublishersThread() throws Exception {
        LiveListenerTest.Recorder rec = new LiveListenerTest.Recorder();
        relay.addListener(rec);
        fixture.start(relay);
        List<FlvTag> tags = new ArrayList<>();
        int media = 0;
        try (FlvReader reader = FlvReader.open(AVATAR)) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                tags.add(t.get());
                media += t.get().type() == FlvTagType.SCRIPT ? 0 : 1;
            }
        }
        MediaSink player = new MediaSink();
        fixture.client().play("avatar", player);
        try (Publisher publisher = fixture.client().publish("avatar")) {
            for (FlvTag t : tags) {
                publisher.send(t);
            }
            player.take(media); // every message was relayed, so every change was reported

            MediaInfo shown = relay.activeStreams().iterator().next().media();
            assertThat(shown.videoCodec()).isEqualTo("h264");
            assertThat(shown.width()).isEqualTo(768);
            assertThat(rec.calls).isNotEmpty().hasSizeLessThanOrEqualTo(4);
            assertThat(rec.calls.get(rec.calls.size() - 1).media()).isEqualTo(shown);
            for (int i = 1; i < rec.calls.size(); i++) {
                assertThat(rec.calls.get(i).media()).isNotEqualTo(rec.calls.get(i - 1).media());
            }
            assertThat(rec.calls).allSatisfy(c -> {
                assertThat(c.key()).isEqualTo(new StreamKey("live", "avatar"));
                assertThat(c.thread()).isSameAs(rec.calls.get(0).thread());
                assertThat(c.thread().getName()).startsWith("rtmp-loop-"); // the server's event loop
            });
        }
    }
}
