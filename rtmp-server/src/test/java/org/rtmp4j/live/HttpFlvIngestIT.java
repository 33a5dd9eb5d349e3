package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.flv.FlvDemuxer;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.http.FlvStreamPath;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.server.LoopbackServer;
import org.rtmp4j.server.MediaSink;
import org.rtmp4j.server.RtmpServer;

/**
 * HTTP-FLV ingest ({@link HttpFlvIngest}) over loopback: raw sockets (chunked and Content-Length)
 * and the JDK HttpClient (a chunked {@code BodyPublishers.ofInputStream} body) publish, RTMP and
 * HTTP-FLV players receive (issue 12 §3).
 */
@Timeout(60)
class HttpFlvIngestIT {
    private static final FlvTag AVC_HEADER = TestTags.tag(FlvTagType.VIDEO, 0,
            0x17, 0x00, 0, 0, 0, 0x01, 0x64, 0x00, 0x1F, 0xFF, 0xE1, 0x00, 0x00, 0x01, 0x00);
    private static final FlvTag AAC_HEADER = TestTags.tag(FlvTagType.AUDIO, 0, 0xAF, 0x00, 0x12, 0x10);
    private static final FlvTag KEYFRAME = TestTags.tag(FlvTagType.VIDEO, 0, 0x17, 0x01, 0, 0, 0, 0, 0, 0, 2, 0x65, 0x88);
    private static final FlvTag INTER = TestTags.tag(FlvTagType.VIDEO, 40, 0x27, 0x01, 0, 0, 0, 0, 0, 0, 2, 0x41, 0x9A);

    private final LoopbackServer fixture = new LoopbackServer();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private RtmpServer server;

    /** @return an FLV header, onMetaData, both sequence headers, a keyframe and an inter frame */
    private static byte[] flv() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(TestTags.bytes(FlvTags.header(true, true)));
        out.writeBytes(TestTags.bytes(FlvTags.metadata(Map.of("width", 320.0))));
        for (FlvTag t : List.of(AVC_HEADER, AAC_HEADER, KEYFRAME, INTER)) {
            out.writeBytes(TestTags.bytes(FlvTags.encode(t)));
        }
        return out.toByteArray();
    }

    private void start(LiveBroadcastController relay) throws Exception {
        HttpFlvIngest ingest = new HttpFlvIngest(relay, 64 * 1024);
        server = fixture.start(RtmpServer.builder().http(new InetSocketAddress("127.0.0.1", 0))
                .httpRoute(HttpMethod.GET, FlvStreamPath::matches, new HttpFlvPlayer(relay))
                .httpRoute(HttpMethod.POST, FlvStreamPath::matches, ingest)
                .httpRoute(HttpMethod.PUT, FlvStreamPath::matches, ingest), relay);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.httpPort() + path);
    }

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void aChunkedPostPublishesWhileItStreamsAndItsEndUnpublishesAndEndsTheHttpFlvPlayersBody() throws Exception {
        LiveBroadcastController relay = new LiveBroadcastController(LiveOptions.DEFAULT.withWaitForPublisher(true));
        start(relay);
        MediaSink player = new MediaSink();
        fixture.client().play("cam", player);
        Socket publisher = new Socket("127.0.0.1", server.httpPort());
        publisher.setSoTimeout(10_000);
        OutputStream body = publisher.getOutputStream();
        byte[] flv = flv();
        body.write(("POST /live/cam.flv HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(flv.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        body.write(flv);
        body.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        body.flush();
        List<MediaMessage> got = player.take(4);
        assertThat(got).extracting(m -> TestTags.bytes(m.payload())).containsExactly(
                TestTags.bytes(AVC_HEADER.body()), TestTags.bytes(AAC_HEADER.body()), TestTags.bytes(KEYFRAME.body()), TestTags.bytes(INTER.body()));
        assertThat(got.get(3).timestamp()).isEqualTo(40);
        assertThat(relay.isLive(new StreamKey("live", "cam"))).as("live while the body streams").isTrue();
        HttpResponse<InputStream> httpPlayer = http.send(HttpRequest.newBuilder(uri("/live/cam.flv")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(httpPlayer.statusCode()).isEqualTo(200);

        body.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII)); // the last chunk
        body.flush();
        assertThat(statusLine(publisher.getInputStream())).startsWith("HTTP/1.1 200");
        publisher.close();
        player.awaitStatus(StatusCodes.PLAY_UNPUBLISH_NOTIFY);
        assertThat(relay.isLive(new StreamKey("live", "cam"))).isFalse();
        List<FlvTag> played = new ArrayList<>();
        FlvDemuxer demuxer = new FlvDemuxer();
        try (InputStream in = httpPlayer.body()) {
            demuxer.feed(ByteBuffer.wrap(in.readAllBytes()), played::add); // ends with the publisher
        }
        demuxer.finish();
        assertThat(played.get(0).type()).isEqualTo(FlvTagType.SCRIPT);
        assertThat(org.rtmp4j.flv.media.ScriptData.metadata(played.get(0).body())).containsEntry("width", 320.0);
        assertThat(played.subList(1, played.size())).extracting(t -> TestTags.bytes(t.body())).containsExactly(
                TestTags.bytes(AVC_HEADER.body()), TestTags.bytes(AAC_HEADER.body()), TestTags.bytes(KEYFRAME.body()), TestTags.bytes(INTER.body()));
    }

    @Test
    void aRawPutWithContentLengthTrickledOneByteAtATimePublishesTheSameTags() throws Exception {
        LiveBroadcastController relay = new LiveBroadcastController(LiveOptions.DEFAULT.withWaitForPublisher(true));
        start(relay);
        MediaSink player = new MediaSink();
        fixture.client().play("cam", player);
        byte[] flv = flv();
        try (Socket s = new Socket("127.0.0.1", server.httpPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("PUT /live/cam.flv HTTP/1.1\r\nHost: x\r\nContent-Length: " + flv.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            for (byte b : flv) {
                out.write(b);
                out.flush();
            }
            assertThat(player.take(4)).extracting(m -> TestTags.bytes(m.payload())).containsExactly(
                    TestTags.bytes(AVC_HEADER.body()), TestTags.bytes(AAC_HEADER.body()), TestTags.bytes(KEYFRAME.body()), TestTags.bytes(INTER.body()));
            assertThat(statusLine(s.getInputStream())).startsWith("HTTP/1.1 200");
        }
        player.awaitStatus(StatusCodes.PLAY_UNPUBLISH_NOTIFY);
    }

    @Test
    void aBodyThatIsNotFlvIs400AndOtherStreamsGoOn() throws Exception {
        LiveBroadcastController relay = new LiveBroadcastController();
        start(relay);
        MediaSink player = new MediaSink();
        fixture.client().play("other", player);
        var other = fixture.keep(fixture.client().publish("other"));
        other.send(AVC_HEADER);
        player.take(1);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/live/cam.flv"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII))))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(relay.isLive(new StreamKey("live", "cam"))).isFalse();
        other.send(KEYFRAME);
        assertThat(TestTags.bytes(player.take(1).get(0).payload())).isEqualTo(TestTags.bytes(KEYFRAME.body()));
        assertThat(relay.isLive(new StreamKey("live", "other"))).isTrue();
    }

    @Test
    void aTagOverMaxTagSizeIs400() throws Exception {
        LiveBroadcastController relay = new LiveBroadcastController();
        start(relay);
        ByteArrayOutputStream flv = new ByteArrayOutputStream();
        flv.writeBytes(TestTags.bytes(FlvTags.header(false, true)));
        flv.writeBytes(TestTags.bytes(FlvTags.encode(new FlvTag(FlvTagType.VIDEO, 0, ByteBuffer.allocate(64 * 1024 + 1)))));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/live/cam.flv"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(flv.toByteArray())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(relay.isLive(new StreamKey("live", "cam"))).isFalse();
    }

    @Test
    void aBodyEndingInsideATagIs400AndUnpublishes() throws Exception {
        LiveBroadcastController relay = new LiveBroadcastController();
        start(relay);
        byte[] flv = flv();

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/live/cam.flv"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(flv, 0, flv.length - 6)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(relay.isLive(new StreamKey("live", "cam"))).isFalse();
    }

    @Test
    void aNameInUseIs409WithTheReasonAndTheFirstPublisherStays() throws Exception {
        LiveBroadcastController relay = new LiveBroadcastController();
        start(relay);
        var first = fixture.keep(fixture.client().publish("cam"));
        first.send(AVC_HEADER);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/live/cam.flv"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(flv())).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.body()).contains(StatusCodes.PUBLISH_BAD_NAME, "already being published");
        assertThat(relay.isLive(new StreamKey("live", "cam"))).isTrue();
    }

    @Test
    void aPublishTheHostRefusesIs403AndTheConnectionCloses() throws Exception {
        LiveBroadcastController relay = new LiveBroadcastController() {
            @Override
            protected Status authorizePublish(StreamKey key, IngestSource source) {
                return Status.error(StatusCodes.PUBLISH_REJECTED, "no token for " + key.name());
            }
        };
        start(relay);
        try (Socket s = new Socket("127.0.0.1", server.httpPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("POST /live/cam.flv HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = response(in);
            assertThat(answer).startsWith("HTTP/1.1 403").contains("Connection: close", "no token for cam");
            out.write("10\r\n0123456789abcdef\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readsToEnd(in)).as("closed once more body comes").isTrue();
        }
        assertThat(relay.isLive(new StreamKey("live", "cam"))).isFalse();
    }

    @Test
    void aTakenOverHttpPublisherIsAnswered409AndClosed() throws Exception {
        LiveBroadcastController relay = new LiveBroadcastController(
                LiveOptions.DEFAULT.withPublisherPolicy(PublisherPolicy.TAKEOVER));
        start(relay);
        try (Socket s = new Socket("127.0.0.1", server.httpPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            byte[] flv = flv();
            out.write(("POST /live/cam.flv HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + Integer.toHexString(flv.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(flv);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            MediaSink player = new MediaSink();
            fixture.client().play("cam", player);
            player.take(1); // the HTTP publisher is live

            fixture.keep(fixture.client().publish("cam")).send(AVC_HEADER);
            InputStream in = s.getInputStream();
            assertThat(statusLine(in)).startsWith("HTTP/1.1 409");
            out.write("4\r\nabcd\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(readsToEnd(in)).isTrue();
        }
    }

    /** @return the head and Content-Length body of the next response, as text */
    private static String response(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int length = 0;
        for (String line = statusLine(in); !line.isEmpty(); line = statusLine(in)) {
            sb.append(line).append("\r\n");
            if (line.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return sb.append("\r\n").append(new String(in.readNBytes(length), StandardCharsets.UTF_8)).toString();
    }

    private static String statusLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            sb.append((char) c);
        }
        return sb.toString().trim();
    }

    /** @return whether the server closed the connection (EOF or reset) within the socket timeout */
    private static boolean readsToEnd(InputStream in) {
        try {
            while (in.read() >= 0) {
                // the rest of the answer
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
