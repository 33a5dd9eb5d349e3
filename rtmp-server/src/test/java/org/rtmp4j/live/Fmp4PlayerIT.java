package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.flv.FlvReader;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.http.Fmp4StreamPath;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.server.LoopbackServer;
import org.rtmp4j.server.MediaSink;
import org.rtmp4j.server.RtmpServer;

/**
 * The hub's live fMP4 players ({@code GET /APP/KEY.mp4} and WebSocket on the same path; issue 13, "fMP4 live stream")
 * over loopback with an RTMP publisher of {@code media/h264-aac-avatar.flv}: the body is {@code ftyp}, {@code moov},
 * then {@code moof}+{@code mdat} whose first video sample is the cached GOP's keyframe; the play decision sees the
 * kind and the query; a stalled player is closed at the hard cap like HTTP-FLV while the RTMP player gets everything.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class Fmp4PlayerIT {
    private static final Path AVATAR = Path.of(System.getProperty("rtmp4j.media.dir", "../media"), "h264-aac-avatar.flv");
    /** The file's tags published before the players come: 3 s, so the GOP cache starts at a later keyframe. */
    private static final int PUBLISHED_MS = 3_000;

    private final AtomicReference<PlayAttempt> lastAttempt = new AtomicReference<>();
    private final LiveBroadcastController relay = new LiveBroadcastController() {
        @Override
        protected Status authorizePlay(PlayAttempt attempt) {
            lastAttempt.set(attempt);
            return attempt.query().contains("token=bad") ? Status.error("NetStream.Play.Failed", "bad token") : null;
        }
    };
    private final LoopbackServer fixture = new LoopbackServer();
    private RtmpServer server;
    private Socket stalled;

    @AfterEach
    void tearDown() throws Exception {
        if (stalled != null) {
            stalled.close();
        }
        fixture.close();
    }

    private void start(OutboundLimits limits) throws Exception {
        server = fixture.start(RtmpServer.builder().http(new InetSocketAddress("127.0.0.1", 0))
                .httpRoute(HttpMethod.GET, Fmp4StreamPath::matches, new Fmp4Player(relay, limits, false)), relay);
    }

    private static List<FlvTag> avatar() throws Exception {
        List<FlvTag> tags = new ArrayList<>();
        try (FlvReader reader = FlvReader.open(AVATAR)) {
            for (Optional<FlvTag> t = reader.next(); t.isPresent(); t = reader.next()) {
                if (t.get().type() != FlvTagType.SCRIPT) {
                    tags.add(t.get());
                }
            }
        }
        return tags;
    }

    private static boolean isKeyframe(FlvTag t) {
        return t.type() == FlvTagType.VIDEO && (t.body().get(0) & 0xF0) == 0x10 && t.body().get(1) == 1;
    }

    /** Publishes the tags before {@link #PUBLISHED_MS}; returns the last keyframe's timestamp among them. */
    private long publishFirstSeconds(Publisher publisher, List<FlvTag> tags) throws Exception {
        MediaSink rtmpPlayer = new MediaSink();
        fixture.client().play("cam", rtmpPlayer);
        long lastKey = -1;
        int sent = 0;
        for (FlvTag t : tags) {
            if (t.timestamp() >= PUBLISHED_MS) {
                break;
            }
            publisher.send(t);
            sent++;
            lastKey = isKeyframe(t) ? t.timestamp() : lastKey;
        }
        rtmpPlayer.take(sent); // the relay has cached everything
        return lastKey;
    }

    /** Live: one more second, so the cached GOP's fragments are complete (one frame late) and more follow. */
    private static void publishNextSecond(Publisher publisher, List<FlvTag> tags) throws Exception {
        for (FlvTag t : tags) {
            if (t.timestamp() >= PUBLISHED_MS && t.timestamp() < PUBLISHED_MS + 1_000) {
                publisher.send(t);
            }
        }
    }

    private URI uri(String scheme, String path) {
        return URI.create(scheme + "://127.0.0.1:" + server.httpPort() + path);
    }

    @Test
    void aGetGetsVideoMp4WithCorsThenTheInitSegmentThenFragmentsFromTheCachedGopsKeyframe() throws Exception {
        start(OutboundLimits.DEFAULT);
        List<FlvTag> tags = avatar();
        Publisher publisher = fixture.keep(fixture.client().publish("cam"));
        long keyframe = publishFirstSeconds(publisher, tags);
        assertThat(keyframe).as("a keyframe after the first").isPositive();

        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(uri("http", "/live/cam.mp4?token=good")).header("Origin", "http://player.example")
                        .build(), HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
        assertThat(lastAttempt.get()).isEqualTo(new PlayAttempt(new StreamKey("live", "cam"), PlayerKind.HTTP_FMP4,
                lastAttempt.get().remoteAddress(), "token=good"));
        publishNextSecond(publisher, tags);
        List<Mp4Boxes.Box> boxes = new ArrayList<>();
        try (InputStream in = response.body()) {
            Mp4Boxes parser = new Mp4Boxes();
            byte[] buf = new byte[64 * 1024];
            while (boxes.size() < 4) {
                int n = in.read(buf);
                assertThat(n).as("the body goes on until the first fragment").isPositive();
                boxes.addAll(parser.feed(buf, 0, n));
            }
            assertThat(boxes.subList(0, 4)).extracting(Mp4Boxes.Box::type).containsExactly("ftyp", "moov", "moof", "mdat");
            Mp4Boxes.TrackFragment video = Mp4Boxes.tracks(boxes.get(2)).stream().filter(t -> t.trackId() == 1)
                    .findFirst().orElseThrow();
            assertThat(video.firstSampleIsSync()).as("the first video sample is a sync sample").isTrue();
            assertThat(video.baseMediaDecodeTime()).as("the cached GOP's keyframe, at 90 kHz").isEqualTo(keyframe * 90);

            int moofs = (int) boxes.stream().filter(b -> b.type().equals("moof")).count();
            while (moofs < 10) { // the live second's fragments follow
                int n = in.read(buf);
                assertThat(n).as("live fragments follow").isPositive();
                moofs += (int) parser.feed(buf, 0, n).stream().filter(b -> b.type().equals("moof")).count();
            }
        }
    }

    @Test
    void aNameThatIsNotLiveIs404AndARefusedPlayIs403() throws Exception {
        start(OutboundLimits.DEFAULT);
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> notLive = http.send(HttpRequest.newBuilder(uri("http", "/live/nobody.mp4")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notLive.statusCode()).isEqualTo(404);
        assertThat(relay.streams().get(new StreamKey("live", "nobody"))).isEmpty();

        fixture.keep(fixture.client().publish("cam"));
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(uri("http", "/live/cam.mp4?token=bad")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("bad token");
        assertThat(relay.streams().get(new StreamKey("live", "cam")).orElseThrow().playerCount()).isZero();
    }

    @Test
    void aWebSocketOnTheSamePathGetsTheInitSegmentAndFragmentsAsBinaryMessages() throws Exception {
        start(OutboundLimits.DEFAULT);
        Publisher publisher = fixture.keep(fixture.client().publish("cam"));
        List<FlvTag> tags = avatar();
        publishFirstSeconds(publisher, tags);
        Mp4Boxes parser = new Mp4Boxes();
        List<String> types = new ArrayList<>();
        CompletableFuture<Void> fragment = new CompletableFuture<>();
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(uri("ws", "/live/cam.mp4"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        synchronized (types) {
                            parser.feed(bytes, 0, bytes.length).forEach(b -> types.add(b.type()));
                            if (types.size() >= 4) {
                                fragment.complete(null);
                            }
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        try {
            publishNextSecond(publisher, tags);
            fragment.get(10, TimeUnit.SECONDS);
            synchronized (types) {
                assertThat(types.subList(0, 4)).containsExactly("ftyp", "moov", "moof", "mdat");
            }
            assertThat(lastAttempt.get().kind()).isEqualTo(PlayerKind.WS_FMP4);
        } finally {
            ws.abort();
        }
    }

    @Test
    void aStalledPlayerIsClosedAtTheHardCapWhileTheRtmpPlayerGetsEveryFrame() throws Exception {
        start(new OutboundLimits(64 * 1024, 256 * 1024, 1024 * 1024, OutboundLimits.DropPolicy.NEVER));
        StreamKey key = new StreamKey("live", "cam");
        FlvTag avcHeader = avatar().get(0);
        assertThat(avcHeader.body().get(1)).as("the file starts with its AVC sequence header").isEqualTo((byte) 0);
        MediaSink rtmpPlayer = new MediaSink();
        fixture.client().play("cam", rtmpPlayer);
        Publisher publisher = fixture.keep(fixture.client().publish("cam"));
        publisher.send(avcHeader);
        rtmpPlayer.take(1);
        stalled = new Socket();
        stalled.setReceiveBufferSize(16 * 1024);
        stalled.connect(new InetSocketAddress("127.0.0.1", server.httpPort()), 5_000);
        stalled.setSoTimeout(10_000);
        stalled.getOutputStream().write("GET /live/cam.mp4 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));

        InputStream in = stalled.getInputStream();
        StringBuilder head = new StringBuilder();
        while (head.indexOf("\r\n\r\n") < 0) {
            int b = in.read();
            assertThat(b).as("the response head").isNotNegative();
            head.append((char) b);
        }
        assertThat(head.toString()).startsWith("HTTP/1.1 200");

        int sent = 0;
        boolean bothPlaying = false;
        while (sent < 2_000) {
            publisher.send(frame(sent++));
            rtmpPlayer.take(1); // paced by the RTMP player, not by time
            int players = relay.streams().get(key).orElseThrow().playerCount();
            if (players == 2) {
                bothPlaying = true;
            } else if (bothPlaying) {
                break;
            }
        }

        assertThat(sent).as("the stalled player was closed before 2000 frames of 50 kB").isLessThan(2_000);
        assertThat(relay.streams().get(key).orElseThrow().outputStats()).singleElement().satisfies(s -> {
            assertThat(s.droppedMessages()).isZero();
            assertThat(s.closedForOverflow()).isFalse();
        });
        byte[] buf = new byte[64 * 1024];
        boolean ended = false;
        try {
            while (in.read(buf) > 0) {
                // what the kernel held, then the server's close
            }
            ended = true;
        } catch (java.net.SocketException reset) {
            ended = true;
        }
        assertThat(ended).isTrue();
    }

    /** A 50 kB AVC frame (a keyframe every 25), one length-prefixed NAL unit (ISO/IEC 14496-15 §5.3.2). */
    private static FlvTag frame(int i) {
        int size = 50_000;
        ByteBuffer body = ByteBuffer.allocate(size);
        body.put((byte) (i % 25 == 0 ? 0x17 : 0x27)).put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0);
        body.putInt(size - 9).put((byte) (i % 25 == 0 ? 0x65 : 0x41));
        return new FlvTag(FlvTagType.VIDEO, i * 40, body.position(0).asReadOnlyBuffer());
    }
}
