package org.rtmp4j.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.core.session.RtmpStatusException;
import org.rtmp4j.flv.FlvHeader;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.flv.FlvWriter;
import org.rtmp4j.server.RecordingController;
import org.rtmp4j.server.RtmpServer;

/** RtmpClient against RtmpServer over loopback, with a small recording/relaying controller. */
@Timeout(60)
class RtmpClientIT {
    private static final Path AVATAR =
            Path.of(System.getProperty("rtmp4j.media.dir", "../media"), "h264-aac-avatar.flv");

    private final RecordingController controller = new RecordingController();
    private RtmpServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = RtmpServer.builder().port(0).eventLoops(2).controller(controller).build().start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private URI url(String path) {
        return URI.create("rtmp://127.0.0.1:" + server.port() + "/" + path);
    }

    private static ClientOptions options() {
        return ClientOptions.defaults().withTimeout(Duration.ofSeconds(5));
    }

    @Test
    void theClientSocketHasTcpNoDelay() throws Exception {
        try (RtmpClient client = RtmpClient.connect(url("live"), options())) {
            assertThat(client.socketChannel().getOption(java.net.StandardSocketOptions.TCP_NODELAY)).isTrue();
        }
    }

    @Test
    void publishedMediaReachesTheControllerByteForByte() throws Exception {
        byte[] video = new byte[100_000]; // spans many chunks
        for (int i = 0; i < video.length; i++) {
            video[i] = (byte) (i * 7);
        }
        video[0] = 0x17;
        try (RtmpClient client = RtmpClient.connect(url("live/cam"), options())) {
            assertThat(client.app()).isEqualTo("live");
            assertThat(client.streamName()).isEqualTo("cam");
            try (Publisher publisher = client.publish(client.streamName())) {
                Map<String, Object> meta = new LinkedHashMap<>();
                meta.put("width", 640.0);
                publisher.sendMetadata(meta);
                publisher.send(new VideoMessage(0, 0, ByteBuffer.wrap(video)));
                publisher.send(new AudioMessage(21, 0, ByteBuffer.wrap(new byte[] {(byte) 0xAF, 1, 5, 6})));

                assertThat(controller.metadata.poll(5, TimeUnit.SECONDS)).containsEntry("width", 640.0);
                RecordingController.Received v = controller.media.poll(5, TimeUnit.SECONDS);
                assertThat(v).isNotNull();
                assertThat(v.streamName()).isEqualTo("cam");
                assertThat(v.media()).isInstanceOf(VideoMessage.class);
                assertThat(bytes(v.media())).isEqualTo(video);
                RecordingController.Received a = controller.media.poll(5, TimeUnit.SECONDS);
                assertThat(a.media()).isInstanceOf(AudioMessage.class);
                assertThat(a.media().timestamp()).isEqualTo(21);
                assertThat(bytes(a.media())).containsExactly(0xAF, 1, 5, 6);
            }
            assertThat(controller.awaitEvent("unpublish")).isEqualTo("unpublish cam");
        }
        assertThat(controller.awaitEvent("close")).isEqualTo("close");
    }

    @Test
    void mediaIsRelayedFromAPublisherToAPlayer() throws Exception {
        BlockingQueue<MediaMessage> played = new LinkedBlockingQueue<>();
        BlockingQueue<String> statuses = new LinkedBlockingQueue<>();
        ClientListener listener = new ClientListener() {
            @Override
            public void onMedia(int streamId, MediaMessage media) {
                played.add(media);
            }

            @Override
            public void onStatus(int streamId, Status status) {
                statuses.add(status.code());
            }
        };
        try (RtmpClient playerClient = RtmpClient.connect(url("live"), options());
                RtmpClient publisherClient = RtmpClient.connect(url("live"), options())) {
            Subscription subscription = playerClient.play("relay", listener);
            controller.awaitEvent("play relay");
            try (Publisher publisher = publisherClient.publish("relay")) {
                for (int i = 0; i < 20; i++) {
                    byte[] body = new byte[] {(byte) (i == 0 ? 0x17 : 0x27), 1, 0, 0, 0, (byte) i};
                    publisher.send(new VideoMessage(i * 40, 0, ByteBuffer.wrap(body)));
                }
                for (int i = 0; i < 20; i++) {
                    MediaMessage m = played.poll(5, TimeUnit.SECONDS);
                    assertThat(m).isNotNull();
                    assertThat(m.timestamp()).isEqualTo(i * 40);
                    assertThat(m.streamId()).isEqualTo(subscription.streamId());
                    assertThat(bytes(m)[5]).isEqualTo((byte) i);
                }
            }
            assertThat(pollFor(statuses, StatusCodes.PLAY_UNPUBLISH_NOTIFY)).isTrue();
            subscription.close();
            assertThat(controller.awaitEvent("stop")).isEqualTo("stop relay");
        }
    }

    @Test
    void aListenerMaySendFromTheReaderThreadButNotBlockOnIt() throws Exception {
        try (RtmpClient client = RtmpClient.connect(url("live"), options());
                RtmpClient source = RtmpClient.connect(url("live"), options())) {
            Publisher echo = client.publish("echo");
            java.util.concurrent.CompletableFuture<Throwable> blockingCall = new java.util.concurrent.CompletableFuture<>();
            client.play("src", new ClientListener() {
                @Override
                public void onMedia(int streamId, MediaMessage media) {
                    echo.send(media); // deferred until this callback returns
                    try {
                        client.publish("not-from-here");
                        blockingCall.complete(null);
                    } catch (Throwable t) {
                        blockingCall.complete(t);
                    }
                }
            });
            controller.awaitEvent("play src");
            try (Publisher p = source.publish("src")) {
                p.send(new AudioMessage(7, 0, ByteBuffer.wrap(new byte[] {(byte) 0xAF, 1, 42})));
                assertThat(controller.media.poll(5, TimeUnit.SECONDS).streamName()).isEqualTo("src");
                RecordingController.Received echoed = controller.media.poll(5, TimeUnit.SECONDS);
                assertThat(echoed.streamName()).isEqualTo("echo");
                assertThat(bytes(echoed.media())).containsExactly(0xAF, 1, 42);
            }
            assertThat(blockingCall.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void aRejectedPublishThrowsWithTheStatus() throws Exception {
        try (RtmpClient client = RtmpClient.connect(url("live"), options())) {
            assertThatThrownBy(() -> client.publish("forbidden"))
                    .isInstanceOfSatisfying(RtmpStatusException.class,
                            e -> assertThat(e.status().code()).isEqualTo(StatusCodes.PUBLISH_BAD_NAME));
            try (Publisher ok = client.publish("allowed")) {
                assertThat(ok.streamId()).isPositive();
            }
        }
    }

    @Test
    void anAmf3ScriptTagOnMetaDataIsSentAsMetadata() throws Exception {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("width", 1280.0);
        meta.put("encoder", "amf3");
        ByteBuffer body = org.rtmp4j.flv.media.Amf3ScriptData.encodeOnMetaData(meta);
        try (RtmpClient client = RtmpClient.connect(url("live"), options());
                Publisher publisher = client.publish("amf3meta")) {
            publisher.send(new FlvTag(FlvTagType.SCRIPT_AMF3, 0, body));
            assertThat(controller.metadata.poll(5, TimeUnit.SECONDS))
                    .containsEntry("width", 1280.0).containsEntry("encoder", "amf3");
        }
    }

    @Test
    void publishFileSendsEveryTagOfARealFile() throws Exception {
        List<FlvTag> tags = readAll(AVATAR);
        long media = tags.stream().filter(t -> t.type() != FlvTagType.SCRIPT).count();
        RtmpClient.publishFile(url("live/avatar"), AVATAR, false, Duration.ofSeconds(5));
        for (int i = 0; i < media; i++) {
            RecordingController.Received r = controller.media.poll(5, TimeUnit.SECONDS);
            assertThat(r).as("media message %d of %d", i, media).isNotNull();
        }
        assertThat(controller.metadata.poll(5, TimeUnit.SECONDS)).containsKey("duration");
        assertThat(controller.awaitEvent("unpublish")).isEqualTo("unpublish avatar");
    }

    @Test
    void playToFileRecordsTheRelayedStreamUntilUnpublish(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.flv");
        List<FlvTag> tags = readAll(AVATAR).subList(0, 200);
        FlvRecording recording = RtmpClient.playToFile(url("live/rec"), out, Duration.ofSeconds(5));
        controller.awaitEvent("play rec");
        int sent = 0;
        try (RtmpClient client = RtmpClient.connect(url("live"), options());
                Publisher publisher = client.publish("rec")) {
            for (FlvTag t : tags) {
                publisher.send(t);
                if (t.type() != FlvTagType.SCRIPT) {
                    sent++;
                }
            }
            for (int i = 0; i < sent; i++) {
                assertThat(controller.media.poll(5, TimeUnit.SECONDS)).isNotNull();
            }
        }
        recording.done().get(10, TimeUnit.SECONDS);
        List<FlvTag> written = readAll(out);
        List<FlvTag> writtenMedia = written.stream().filter(t -> t.type() != FlvTagType.SCRIPT).toList();
        List<FlvTag> sentMedia = tags.stream().filter(t -> t.type() != FlvTagType.SCRIPT).toList();
        assertThat(writtenMedia).hasSize(sentMedia.size());
        for (int i = 0; i < sentMedia.size(); i++) {
            assertThat(writtenMedia.get(i).type()).isEqualTo(sentMedia.get(i).type());
            assertThat(writtenMedia.get(i).timestamp()).isEqualTo(sentMedia.get(i).timestamp());
            assertThat(writtenMedia.get(i).body()).isEqualTo(sentMedia.get(i).body());
        }
        assertThat(written.get(0).type()).isEqualTo(FlvTagType.SCRIPT);
        assertThat(Files.size(out)).isGreaterThan(1000);
    }

    @Test
    void publishFileInRealTimePacesTagsByTheirTimestamps(@TempDir Path dir) throws Exception {
        Path flv = dir.resolve("paced.flv");
        try (FlvWriter w = FlvWriter.create(flv, new FlvHeader(true, false))) {
            for (int i = 0; i < 10; i++) {
                w.write(new FlvTag(FlvTagType.AUDIO, 1000 + i * 50, ByteBuffer.wrap(new byte[] {(byte) 0xAF, 1, (byte) i})));
            }
        }
        long start = System.nanoTime();
        RtmpClient.publishFile(url("live/paced"), flv, true, Duration.ofSeconds(5));
        long elapsed = System.nanoTime() - start;
        assertThat(elapsed).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(450));
        for (int i = 0; i < 10; i++) {
            RecordingController.Received r = controller.media.poll(5, TimeUnit.SECONDS);
            assertThat(r).isNotNull();
            assertThat(r.media().timestamp()).isEqualTo(1000 + i * 50);
        }
    }

    @Test
    void connectingToANonRtmpPortFailsWithinTheTimeout() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> RtmpClient.connect(
                            URI.create("rtmp://127.0.0.1:" + silent.getLocalPort() + "/live"),
                            ClientOptions.defaults().withTimeout(Duration.ofMillis(500))))
                    .isInstanceOf(java.io.IOException.class)
                    .hasMessageContaining("timed out");
            assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
        }
    }

    private static boolean pollFor(BlockingQueue<String> q, String code) throws InterruptedException {
        String s;
        while ((s = q.poll(5, TimeUnit.SECONDS)) != null) {
            if (s.equals(code)) {
                return true;
            }
        }
        return false;
    }

    private static List<FlvTag> readAll(Path file) throws Exception {
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader r = FlvReader.open(file)) {
            Optional<FlvTag> t;
            while ((t = r.next()).isPresent()) {
                tags.add(t.get());
            }
        }
        return tags;
    }

    private static byte[] bytes(MediaMessage m) {
        ByteBuffer b = m.payload().duplicate();
        byte[] a = new byte[b.remaining()];
        b.get(a);
        return a;
    }
}
