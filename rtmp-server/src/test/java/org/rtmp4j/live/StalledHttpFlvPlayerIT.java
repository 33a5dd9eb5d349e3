package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.flv.FlvDemuxer;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.http.FlvStreamPath;
import org.rtmp4j.http.HttpMethod;
import org.rtmp4j.server.LoopbackServer;
import org.rtmp4j.server.MediaSink;
import org.rtmp4j.server.RtmpServer;

/**
 * A stalled HTTP-FLV player over loopback (a socket that sends its GET and never reads, with a 16 KiB
 * receive buffer): the hub drops it to the next keyframe, or closes it at the hard cap, while an RTMP
 * player and a reading HTTP-FLV player on the same stream get every frame. The publisher is paced by
 * the two reading players (at most four frames ahead), not by time.
 */
@Timeout(120)
class StalledHttpFlvPlayerIT {
    private static final StreamKey KEY = new StreamKey("live", "cam");
    private static final int FRAME = 50_000;
    private static final int AHEAD = 4;

    private final LiveBroadcastController relay = new LiveBroadcastController();
    private final LoopbackServer fixture = new LoopbackServer();
    private RtmpServer server;
    private Socket stalled;
    private Socket reading;
    private Thread reader;

    @AfterEach
    void tearDown() throws Exception {
        for (Socket s : new Socket[] {stalled, reading}) {
            if (s != null) {
                s.close();
            }
        }
        if (reader != null) {
            reader.join(10_000);
        }
        fixture.close();
    }

    private static FlvTag frame(int i) {
        ByteBuffer body = ByteBuffer.allocate(FRAME);
        body.put((byte) (i % 25 == 0 ? 0x17 : 0x27)).put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0);
        body.putInt(5, i);
        return new FlvTag(FlvTagType.VIDEO, i * 40, body.position(0).asReadOnlyBuffer());
    }

    private Socket get(int receiveBuffer) throws Exception {
        Socket s = new Socket();
        s.setReceiveBufferSize(receiveBuffer);
        s.connect(new InetSocketAddress("127.0.0.1", server.httpPort()), 5_000);
        s.setSoTimeout(10_000);
        s.getOutputStream().write("GET /live/cam.flv HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return s;
    }

    /** Reads the chunked response and counts video tags; releases one permit per tag. */
    private Semaphore readAll(Socket s, AtomicInteger videoTags) {
        Semaphore seen = new Semaphore(0);
        reader = new Thread(() -> {
            FlvDemuxer demuxer = new FlvDemuxer();
            HttpChunks chunks = new HttpChunks();
            try (InputStream in = s.getInputStream()) {
                byte[] buf = new byte[64 * 1024];
                for (int n = in.read(buf); n > 0; n = in.read(buf)) {
                    for (ByteBuffer body : chunks.feed(buf, n)) {
                        demuxer.feed(body, t -> {
                            if (t.type() == FlvTagType.VIDEO) {
                                videoTags.incrementAndGet();
                                seen.release();
                            }
                        });
                    }
                }
            } catch (Exception e) {
                // the test closed the socket
            }
        }, "http-flv-reader");
        reader.start();
        return seen;
    }

    private void start(OutboundLimits limits) throws Exception {
        server = fixture.start(RtmpServer.builder().http(new InetSocketAddress("127.0.0.1", 0))
                .httpRoute(HttpMethod.GET, FlvStreamPath::matches, new HttpFlvPlayer(relay, limits, true)), relay);
    }

    /** Publishes frames, at most {@link #AHEAD} ahead of both reading players, until {@code done} or {@code max}. */
    private int publish(MediaSink rtmpPlayer, Semaphore httpSeen, java.util.function.BooleanSupplier done, int max)
            throws Exception {
        Publisher publisher = fixture.keep(fixture.client().publish("cam"));
        publisher.send(new FlvTag(FlvTagType.VIDEO, 0,
                ByteBuffer.wrap(new byte[] {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1F, (byte) 0xFF, (byte) 0xE1, 0, 0, 1, 0})));
        rtmpPlayer.take(1);
        assertThat(httpSeen.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
        int sent = 0;
        while (sent < max && !(done.getAsBoolean() && sent % 25 == 0)) {
            publisher.send(frame(sent++));
            if (sent > AHEAD) {
                rtmpPlayer.take(1);
                assertThat(httpSeen.tryAcquire(10, TimeUnit.SECONDS)).as("reading HTTP player, frame %d", sent).isTrue();
            }
        }
        List<MediaMessage> rest = rtmpPlayer.take(Math.min(sent, AHEAD));
        assertThat(rest).last().extracting(MediaMessage::timestamp).isEqualTo((sent - 1) * 40);
        assertThat(httpSeen.tryAcquire(Math.min(sent, AHEAD), 10, TimeUnit.SECONDS)).isTrue();
        return sent;
    }

    @Test
    void aStalledHttpPlayerIsDroppedToTheNextKeyframeWhileTheOthersGetEveryFrame() throws Exception {
        start(new OutboundLimits(64 * 1024, 256 * 1024, 1024L * 1024 * 1024, OutboundLimits.DropPolicy.DROP_TO_NEXT_KEYFRAME));
        MediaSink rtmpPlayer = new MediaSink();
        fixture.client().play("cam", rtmpPlayer);
        stalled = get(16 * 1024);
        AtomicInteger httpVideo = new AtomicInteger();
        reading = get(256 * 1024);
        Semaphore seen = readAll(reading, httpVideo);

        int sent = publish(rtmpPlayer, seen, () -> relay.streams().get(KEY).orElseThrow().outputStats().stream()
                .anyMatch(s -> s.keyframeWaits() > 0), 2_000);

        List<OutputStats> stats = relay.streams().get(KEY).orElseThrow().outputStats();
        assertThat(stats).hasSize(3);
        assertThat(stats).filteredOn(s -> s.droppedVideo() > 0).singleElement()
                .satisfies(s -> assertThat(s.keyframeWaits()).isPositive());
        assertThat(stats).filteredOn(s -> s.droppedMessages() == 0).hasSize(2);
        assertThat(httpVideo.get()).isEqualTo(1 + sent);
        assertThat(sent).isLessThan(2_000);
    }

    @Test
    void aStalledHttpPlayerThatMayNotDropIsClosedAtTheCapWhileTheOthersGetEveryFrame() throws Exception {
        start(new OutboundLimits(64 * 1024, 256 * 1024, 1024 * 1024, OutboundLimits.DropPolicy.NEVER));
        MediaSink rtmpPlayer = new MediaSink();
        fixture.client().play("cam", rtmpPlayer);
        stalled = get(16 * 1024);
        AtomicInteger httpVideo = new AtomicInteger();
        reading = get(256 * 1024);
        Semaphore seen = readAll(reading, httpVideo);

        int sent = publish(rtmpPlayer, seen, () -> relay.streams().get(KEY).orElseThrow().playerCount() < 3, 2_000);

        assertThat(relay.streams().get(KEY).orElseThrow().playerCount()).isEqualTo(2);
        assertThat(relay.streams().get(KEY).orElseThrow().outputStats()).allSatisfy(s -> {
            assertThat(s.droppedMessages()).isZero();
            assertThat(s.closedForOverflow()).isFalse();
        });
        assertThat(httpVideo.get()).isEqualTo(1 + sent);
        assertThat(sent).isLessThan(2_000);
        // the stalled socket now reads what the kernel held, then the server's close (FIN or RST)
        InputStream in = stalled.getInputStream();
        byte[] buf = new byte[64 * 1024];
        boolean ended = false;
        try {
            while (in.read(buf) > 0) {
                // drain
            }
            ended = true;
        } catch (java.net.SocketException reset) {
            ended = true;
        }
        assertThat(ended).isTrue();
    }

    /** A minimal HTTP/1.1 response reader: skips the head, then de-chunks (RFC 9112 §7.1). */
    private static final class HttpChunks {
        private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();
        private boolean headDone;
        private int chunkLeft = -1;

        List<ByteBuffer> feed(byte[] buf, int n) {
            pending.write(buf, 0, n);
            byte[] b = pending.toByteArray();
            int p = 0;
            java.util.ArrayList<ByteBuffer> out = new java.util.ArrayList<>();
            if (!headDone) {
                int end = indexOf(b, 0, "\r\n\r\n");
                if (end < 0) {
                    return out;
                }
                headDone = true;
                p = end + 4;
            }
            for (;;) {
                if (chunkLeft < 0) {
                    int eol = indexOf(b, p, "\r\n");
                    if (eol < 0) {
                        break;
                    }
                    chunkLeft = Integer.parseInt(new String(b, p, eol - p, StandardCharsets.US_ASCII).trim(), 16);
                    p = eol + 2;
                }
                if (chunkLeft > 0) {
                    int take = Math.min(chunkLeft, b.length - p);
                    if (take == 0) {
                        break;
                    }
                    out.add(ByteBuffer.wrap(b, p, take).slice());
                    p += take;
                    chunkLeft -= take;
                }
                if (chunkLeft == 0) {
                    if (b.length - p < 2) {
                        break;
                    }
                    p += 2; // CRLF after the chunk
                    chunkLeft = -1;
                }
            }
            pending.reset();
            pending.write(b, p, b.length - p);
            return out;
        }

        private static int indexOf(byte[] b, int from, String s) {
            byte[] t = s.getBytes(StandardCharsets.US_ASCII);
            outer:
            for (int i = from; i <= b.length - t.length; i++) {
                for (int j = 0; j < t.length; j++) {
                    if (b[i + j] != t[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
