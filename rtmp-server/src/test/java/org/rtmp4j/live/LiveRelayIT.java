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

/** The relay over loopback: a real server, a publisher and several players (RtmpClient). */
@Timeout(60)
class LiveRelayIT {
    private static final Path AVATAR =
            Path.of(System.getProperty("rtmp4j.media.dir", "../media"), "h264-aac-avatar.flv");

    private final LiveBroadcastController relay = new LiveBroadcastController();
    private RtmpServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = RtmpServer.builder().port(0).eventLoops(2).controller(relay).build().start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private URI url() {
        return URI.create("rtmp://127.0.0.1:" + server.port() + "/live");
    }

    private static ClientOptions options() {
        return ClientOptions.defaults().withTimeout(Duration.ofSeconds(5));
    }

    @Test
    void waitingPlayersGetEverythingAndALateJoinerStartsAtAKeyFrame() throws Exception {
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(AVATAR)) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                if (t.get().type() != FlvTagType.SCRIPT) {
                    tags.add(t.get());
                }
            }
        }
        List<RtmpClient> clients = new ArrayList<>();
        try {
            List<MediaSink> waiting = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                RtmpClient c = RtmpClient.connect(url(), options());
                clients.add(c);
                MediaSink sink = new MediaSink();
                c.play("avatar", sink);
                waiting.add(sink);
            }
            RtmpClient pubClient = RtmpClient.connect(url(), options());
            clients.add(pubClient);
            MediaSink late = new MediaSink();
            List<MediaMessage> firstHalf = new ArrayList<>();
            try (Publisher publisher = pubClient.publish("avatar")) {
                for (int i = 0; i < tags.size(); i++) {
                    if (i == tags.size() / 2) {
                        firstHalf.addAll(waiting.get(0).take(i)); // the server has relayed the first half
                        RtmpClient c = RtmpClient.connect(url(), options());
                        clients.add(c);
                        c.play("avatar", late);
                    }
                    publisher.send(tags.get(i));
                }
                for (int s = 0; s < waiting.size(); s++) {
                    List<MediaMessage> got = new ArrayList<>(s == 0 ? firstHalf : List.of());
                    got.addAll(waiting.get(s).take(tags.size() - got.size()));
                    for (int i = 0; i < tags.size(); i++) {
                        assertThat(got.get(i).timestamp()).isEqualTo(tags.get(i).timestamp());
                        assertThat(TestTags.bytes(got.get(i).payload())).isEqualTo(TestTags.bytes(tags.get(i).body()));
                    }
                    assertThat(new ArrayList<>(waiting.get(s).statuses))
                            .containsSubsequence(StatusCodes.PLAY_START, StatusCodes.PLAY_PUBLISH_NOTIFY);
                }
                // late joiner: two sequence headers, then a suffix of the file that starts at a keyframe
                late.assertJoinedAtAKeyFrameOf(tags);
            }
            for (MediaSink sink : waiting) {
                String code;
                do {
                    code = sink.statuses.poll(5, TimeUnit.SECONDS);
                } while (code != null && !code.equals(StatusCodes.PLAY_UNPUBLISH_NOTIFY));
                assertThat(code).isEqualTo(StatusCodes.PLAY_UNPUBLISH_NOTIFY);
            }
        } finally {
            for (RtmpClient c : clients) {
                c.close();
            }
        }
    }
}
