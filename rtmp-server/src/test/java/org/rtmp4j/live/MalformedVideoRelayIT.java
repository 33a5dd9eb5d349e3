package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.server.MediaSink;
import org.rtmp4j.server.RtmpServer;
import org.rtmp4j.testkit.MalformedVideo;

/**
 * Issue 12's hostile sequence over loopback with the real server and clients: a publisher sends video
 * with unknown legacy CodecIDs and truncated E-RTMP headers ({@code 0x90 'hvc1'} without a record,
 * {@code 0x91 'av01'}), then the real H.264/AAC file; legacy players (no {@code fourCcList}) waiting
 * before it and joining halfway receive every later frame, byte for byte.
 */
@Timeout(60)
class MalformedVideoRelayIT {
    private static final Path AVATAR =
            Path.of(System.getProperty("rtmp4j.media.dir", "../media"), "h264-aac-avatar.flv");

    private final LiveBroadcastController relay = new LiveBroadcastController();
    private RtmpServer server;
    private final List<RtmpClient> clients = new ArrayList<>();

    @BeforeEach
    void startServer() throws Exception {
        server = RtmpServer.builder().port(0).eventLoops(2).controller(relay).build().start();
    }

    @AfterEach
    void stop() {
        clients.forEach(RtmpClient::close);
        server.close();
    }

    private RtmpClient connect() throws Exception {
        RtmpClient c = RtmpClient.connect(URI.create("rtmp://127.0.0.1:" + server.port() + "/live"),
                ClientOptions.defaults().withTimeout(Duration.ofSeconds(5)));
        clients.add(c);
        return c;
    }

    @Test
    void legacyPlayersGetEveryFrameAfterMalformedVideo() throws Exception {
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(AVATAR)) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                if (t.get().type() != FlvTagType.SCRIPT) {
                    tags.add(t.get());
                }
            }
        }
        MediaSink waiting = new MediaSink();
        connect().play("avatar", waiting);
        MediaSink late = new MediaSink();
        List<MediaMessage> firstHalf = new ArrayList<>();
        try (Publisher publisher = connect().publish("avatar")) {
            MalformedVideo.messages(0).forEach(publisher::send);
            for (int i = 0; i < tags.size(); i++) {
                if (i == tags.size() / 4) {
                    MalformedVideo.messages(tags.get(i).timestamp()).forEach(publisher::send); // inside a GOP
                }
                if (i == tags.size() / 2) {
                    firstHalf.addAll(waiting.take(i)); // the server has relayed the first half
                    connect().play("avatar", late);
                }
                publisher.send(tags.get(i));
            }
            List<MediaMessage> got = new ArrayList<>(firstHalf);
            got.addAll(waiting.take(tags.size() - got.size()));
            for (int i = 0; i < tags.size(); i++) {
                assertThat(got.get(i).timestamp()).as("message %d", i).isEqualTo(tags.get(i).timestamp());
                assertThat(TestTags.bytes(got.get(i).payload())).as("message %d", i).isEqualTo(TestTags.bytes(tags.get(i).body()));
            }
            assertThat(new ArrayList<>(waiting.statuses)).doesNotContain(StatusCodes.PLAY_FAILED, StatusCodes.PLAY_STOP);

            // the late legacy player: accepted, sequence headers, then a suffix of the file from a keyframe
            late.awaitStatus(StatusCodes.PLAY_START);
            late.assertJoinedAtAKeyFrameOf(tags);
            assertThat(late.media.poll(200, TimeUnit.MILLISECONDS)).as("nothing more, malformed video included").isNull();
        }
        StreamInfo info = relay.activeStreams().stream().findFirst().orElse(null);
        assertThat(info == null || info.videoFourCc() == null).isTrue();
    }
}
