package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.client.Subscription;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.core.session.RtmpStatusException;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.live.LiveBroadcastController;

/** {@code server --record-dir}: the live relay plays a stream and its {@link HubRecorder} records it at the same time. */
@Timeout(30)
class RecordingRelayTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final LoopbackServer server = new LoopbackServer();

    private ObservingController observed;

    @BeforeEach
    void startServer() throws Exception {
        observed = server.startObserved(new RecordingRelay(new LiveBroadcastController(), dir, RecordMode.OVERWRITE));
    }

    private URI app() {
        return server.uri("live");
    }

    private static FlvTag video(int timestamp, int frameTypeAndCodec, int packetType, int data) {
        ByteBuffer body = ByteBuffer.wrap(new byte[] {(byte) frameTypeAndCodec, (byte) packetType, 0, 0, 0, (byte) data});
        return new FlvTag(FlvTagType.VIDEO, timestamp, body.asReadOnlyBuffer());
    }

    @Test
    void aPlayerGetsTheStreamWhileItIsRecorded() throws Exception {
        List<FlvTag> sent = List.of(video(0, 0x17, 0, 0x01), video(0, 0x17, 1, 0x65), video(40, 0x27, 1, 0x41), video(80, 0x27, 1, 0x42));
        BlockingQueue<MediaMessage> played = new LinkedBlockingQueue<>();
        try (RtmpClient player = RtmpClient.connect(app(), ClientOptions.defaults());
                Subscription ignored = player.play("cam", new ClientListener() {
                    @Override
                    public void onMedia(int streamId, MediaMessage media) {
                        played.add(media);
                    }
                })) {
            observed.await("play cam", 10);
            try (RtmpClient publisher = RtmpClient.connect(app(), ClientOptions.defaults());
                    Publisher stream = publisher.publish("cam")) {
                for (FlvTag tag : sent) {
                    stream.send(tag);
                }
                for (FlvTag tag : sent) {
                    MediaMessage media = played.poll(10, TimeUnit.SECONDS);
                    assertThat(media).as("played media").isInstanceOf(VideoMessage.class);
                    assertThat(media.payload()).isEqualTo(tag.body());
                }
            }
        }
        observed.await("unpublish", 10);

        List<ByteBuffer> recorded = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(dir.resolve("live").resolve("cam.flv"))) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                if (t.get().type() == FlvTagType.VIDEO) {
                    recorded.add(t.get().body());
                }
            }
        }
        assertThat(recorded).containsExactlyElementsOf(sent.stream().map(FlvTag::body).toList());
    }

    @Test
    void aStreamPublishedAcrossTheTwoTo32WrapIsRelayedAsPublishedAndRecordedFromZero() throws Exception {
        int start = -400; // 2^32 - 400 ms: frame 10 is at the wrap
        List<FlvTag> sent = new ArrayList<>(List.of(video(start, 0x17, 0, 0x01)));
        for (int i = 0; i < 20; i++) {
            sent.add(video(start + 40 * i, i % 8 == 0 ? 0x17 : 0x27, 1, i));
        }
        BlockingQueue<MediaMessage> played = new LinkedBlockingQueue<>();
        try (RtmpClient player = RtmpClient.connect(app(), ClientOptions.defaults());
                Subscription ignored = player.play("wrap", new ClientListener() {
                    @Override
                    public void onMedia(int streamId, MediaMessage media) {
                        played.add(media);
                    }
                })) {
            observed.await("play wrap", 10);
            try (RtmpClient publisher = RtmpClient.connect(app(), ClientOptions.defaults());
                    Publisher stream = publisher.publish("wrap")) {
                for (FlvTag tag : sent) {
                    stream.send(tag);
                }
                for (FlvTag tag : sent) {
                    MediaMessage media = played.poll(10, TimeUnit.SECONDS);
                    assertThat(media).as("played media").isNotNull();
                    assertThat(media.timestamp()).as("relayed wire timestamp").isEqualTo(tag.timestamp());
                    assertThat(media.payload()).isEqualTo(tag.body());
                }
            }
        }
        observed.await("unpublish", 10);

        List<FlvTag> recorded = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(dir.resolve("live").resolve("wrap.flv"))) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                if (t.get().type() == FlvTagType.VIDEO) {
                    recorded.add(t.get());
                }
            }
        }
        assertThat(recorded).extracting(FlvTag::body).containsExactlyElementsOf(sent.stream().map(FlvTag::body).toList());
        assertThat(recorded).extracting(FlvTag::timestamp)
                .containsExactlyElementsOf(sent.stream().map(t -> t.timestamp() - start).toList())
                .isSorted()
                .endsWith(760);
    }

    @Test
    void aStreamNameThatIsNotAFileNameIsRefused() throws Exception {
        try (RtmpClient publisher = RtmpClient.connect(app(), ClientOptions.defaults())) {
            assertThatThrownBy(() -> publisher.publish(".."))
                    .isInstanceOfSatisfying(RtmpStatusException.class,
                            e -> assertThat(e.status().code()).isEqualTo("NetStream.Publish.BadName"));
        }
        try (var files = Files.list(dir)) {
            assertThat(files).isEmpty();
        }
    }
}
