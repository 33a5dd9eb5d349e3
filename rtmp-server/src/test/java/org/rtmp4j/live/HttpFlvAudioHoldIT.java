package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.http.FlvStreamPath;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.server.LoopbackServer;
import org.rtmp4j.server.RtmpServer;

/**
 * Audio rides with video for HTTP-FLV players (DESIGN-NOTES.md, "Audio rides with video (issue 17)"): over a raw
 * loopback socket reading the chunked body, one chunk per FLV tag, a held AAC frame (chunk size line, tag, CRLF)
 * arrives at its deadline when no video follows, and together with the next video tag when one does.
 */
@Timeout(60)
class HttpFlvAudioHoldIT {
    private static final int HOLD_MS = 200;
    private final LoopbackServer fixture = new LoopbackServer();

    /** One chunk of the body: the FLV tag type (or -1 for the FLV header) and when it was read. */
    private record Chunk(int tagType, long nanos) {}

    @AfterEach
    void tearDown() throws Exception {
        fixture.close();
    }

    @Test
    void aHeldAudioTagWaitsForItsDeadlineOrTheNextVideoTag() throws Exception {
        LiveBroadcastController relay = new LiveBroadcastController(LiveOptions.DEFAULT.withAudioHoldMax(Duration.ofMillis(500)));
        RtmpServer server = fixture.start(RtmpServer.builder().http(new InetSocketAddress("127.0.0.1", 0))
                .httpRoute(HttpMethod.GET, FlvStreamPath::matches, new HttpFlvPlayer(relay)), relay);
        Publisher publisher = fixture.keep(fixture.client().publish("cam"));
        // a keyframe and an inter frame 200 ms later: the video frame interval (5 fps) is measured
        publisher.send(TestTags.tag(FlvTagType.VIDEO, 0, 0x17, 0x01, 0, 0, 0, 0, 0, 0, 2, 0x65, 0x88));
        publisher.send(TestTags.tag(FlvTagType.VIDEO, HOLD_MS, 0x27, 0x01, 0, 0, 0, 0, 0, 0, 2, 0x41, 0x9A));

        Socket socket = fixture.keep(new Socket("127.0.0.1", server.httpPort()));
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write("GET /live/cam.flv HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        DataInputStream in = new DataInputStream(socket.getInputStream());
        assertThat(line(in)).startsWith("HTTP/1.1 200");
        while (!line(in).isEmpty()) {
            // response header fields
        }
        BlockingQueue<Chunk> chunks = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readChunks(in, chunks), "http-flv-hold-reader");
        reader.setDaemon(true);
        reader.start();
        // FLV header, then the GOP from the keyframe
        assertThat(chunks.poll(10, TimeUnit.SECONDS).tagType()).isEqualTo(-1);
        assertThat(chunks.poll(10, TimeUnit.SECONDS).tagType()).isEqualTo(9);
        assertThat(chunks.poll(10, TimeUnit.SECONDS).tagType()).isEqualTo(9);

        long sent = System.nanoTime();
        publisher.send(aac(HOLD_MS + 10));
        Chunk alone = chunks.poll(10, TimeUnit.SECONDS);
        assertThat(alone.tagType()).isEqualTo(8);
        assertThat(TimeUnit.NANOSECONDS.toMillis(alone.nanos() - sent)).as("held alone until its deadline, ms")
                .isGreaterThanOrEqualTo(HOLD_MS - 5).isLessThan(5000);

        publisher.send(aac(HOLD_MS + 30));
        publisher.send(TestTags.tag(FlvTagType.VIDEO, 2 * HOLD_MS, 0x27, 0x01, 0, 0, 0, 0, 0, 0, 2, 0x41, 0x9A));
        Chunk audio = chunks.poll(10, TimeUnit.SECONDS);
        Chunk video = chunks.poll(10, TimeUnit.SECONDS);
        assertThat(List.of(audio.tagType(), video.tagType())).containsExactly(8, 9);
        assertThat(TimeUnit.NANOSECONDS.toMillis(video.nanos() - audio.nanos())).as("the audio left with the video")
                .isLessThan(HOLD_MS / 2);
    }

    private static FlvTag aac(int ts) {
        return TestTags.tag(FlvTagType.AUDIO, ts, 0xAF, 0x01, 0x21, 0x10);
    }

    private static void readChunks(DataInputStream in, BlockingQueue<Chunk> chunks) {
        try {
            while (true) {
                int size = Integer.parseInt(line(in).strip(), 16);
                if (size == 0) {
                    return;
                }
                byte[] data = new byte[size];
                in.readFully(data);
                line(in); // CRLF
                boolean header = size >= 3 && data[0] == 'F' && data[1] == 'L' && data[2] == 'V';
                chunks.add(new Chunk(header ? -1 : data[0] & 0x1F, System.nanoTime()));
            }
        } catch (IOException | RuntimeException e) {
            // the test closes the socket
        }
    }

    private static String line(DataInputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("end of stream");
            }
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        return sb.toString();
    }
}
