package org.rtmp4j.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rtmp4j.amf.AmfException;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.client.Subscription;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.chunk.ChunkException;
import org.rtmp4j.core.message.AudioMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.ClientListener;
import org.rtmp4j.core.session.RtmpSession;
import org.rtmp4j.core.session.ForwardingRtmpController;
import org.rtmp4j.live.LiveBroadcastController;

/**
 * A peer that sends a malformed chunk or a malformed AMF command is closed with the specific
 * exception naming the offset and reason, while a bystander publisher and player on the same
 * server keep streaming through the live relay.
 */
@Timeout(30)
class BadInputIT {
    private final BlockingQueue<Throwable> closeCauses = new LinkedBlockingQueue<>();

    /** The live relay, recording every session's close cause (a clean close records a marker). */
    private final class ObservedRelay extends ForwardingRtmpController {
        ObservedRelay() {
            super(new LiveBroadcastController());
        }

        @Override
        public void onClose(RtmpSession session, Throwable causeOrNull) {
            super.onClose(session, causeOrNull);
            closeCauses.add(causeOrNull != null ? causeOrNull : new CleanClose());
        }
    }

    private static final class CleanClose extends Exception {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void aChunkOnAChunkStreamIdWithNoPreviousHeaderClosesOnlyThatPeer() throws Exception {
        // fmt 1 (no message stream id) on chunk stream id 3, never seen before: RTMP 1.0 §5.3.1.2.2
        byte[] chunk = {0x43, 0, 0, 0, 0, 0, 4, 20};
        Throwable cause = offenderIsClosedWhileBystandersStream(chunk);
        assertThat(cause).isInstanceOf(ChunkException.class);
        assertThat(cause.getMessage()).contains("offset 0").contains("chunk stream id 3");
    }

    @Test
    void aConnectCommandWithAnOverlongAmfStringClosesOnlyThatPeer() throws Exception {
        // "connect", 1.0, {app: <string declaring 65535 bytes with 2 present>}
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(new byte[] {0x02, 0x00, 0x07});
        body.write("connect".getBytes(StandardCharsets.US_ASCII));
        body.write(new byte[] {0x00, 0x3F, (byte) 0xF0, 0, 0, 0, 0, 0, 0});
        body.write(new byte[] {0x03, 0x00, 0x03, 'a', 'p', 'p', 0x02, (byte) 0xFF, (byte) 0xFF, 'l', 'i'});
        byte[] amf = body.toByteArray();
        ByteBuffer message = ByteBuffer.allocate(12 + amf.length);
        message.put((byte) 0x03); // fmt 0, chunk stream id 3
        message.put((byte) 0).put((byte) 0).put((byte) 0); // timestamp
        message.put((byte) (amf.length >> 16)).put((byte) (amf.length >> 8)).put((byte) amf.length);
        message.put((byte) 20); // command (AMF0)
        message.putInt(0); // message stream id 0 (little-endian; zero either way)
        message.put(amf);

        Throwable cause = offenderIsClosedWhileBystandersStream(message.array());
        assertThat(cause).isInstanceOf(RtmpProtocolException.class).hasCauseInstanceOf(AmfException.class);
        assertThat(cause.getCause().getMessage()).contains("offset").contains("65535");
    }

    /**
     * Streams audio from a bystander publisher to a bystander player, lets a raw socket complete the
     * handshake and send {@code afterHandshake}, and checks that only the raw socket is closed.
     *
     * @return the close cause the server reported for the offending session
     */
    private Throwable offenderIsClosedWhileBystandersStream(byte[] afterHandshake) throws Exception {
        try (RtmpServer server = RtmpServer.builder().host("127.0.0.1").port(0).eventLoops(2)
                        .controller(new ObservedRelay()).build().start();
                RtmpClient publisherClient = RtmpClient.connect(url(server), options());
                RtmpClient playerClient = RtmpClient.connect(url(server), options())) {
            BlockingQueue<MediaMessage> played = new LinkedBlockingQueue<>();
            try (Publisher publisher = publisherClient.publish("bystander");
                    Subscription player = playerClient.play("bystander", new ClientListener() {
                        @Override
                        public void onMedia(int streamId, MediaMessage media) {
                            played.add(media);
                        }
                    })) {
                sendAudio(publisher, 0, 20);
                expectAudio(played, 0, 20);

                try (Socket offender = new Socket()) {
                    offender.connect(server.localAddress(), 5000);
                    offender.setSoTimeout(10_000);
                    handshake(offender);
                    OutputStream out = offender.getOutputStream();
                    out.write(afterHandshake);
                    out.flush();
                    sendAudio(publisher, 20, 40);
                    assertThat(readsUntilClosed(offender.getInputStream())).isTrue();
                }
                Throwable cause = closeCauses.poll(10, TimeUnit.SECONDS);
                assertThat(cause).isNotNull().isNotInstanceOf(CleanClose.class);

                expectAudio(played, 20, 40);
                sendAudio(publisher, 40, 60);
                expectAudio(played, 40, 60);
                assertThat(closeCauses).as("no bystander was closed").isEmpty();
                return cause;
            }
        }
    }

    private static void sendAudio(Publisher publisher, int from, int to) throws IOException {
        for (int i = from; i < to; i++) {
            publisher.send(new AudioMessage(i * 23, 0, ByteBuffer.wrap(new byte[] {(byte) 0xAF, 1, (byte) i})));
        }
    }

    private static void expectAudio(BlockingQueue<MediaMessage> played, int from, int to) throws InterruptedException {
        for (int i = from; i < to; i++) {
            MediaMessage m = played.poll(5, TimeUnit.SECONDS);
            assertThat(m).as("audio message %d reached the bystander player", i).isNotNull();
            assertThat(m.timestamp()).isEqualTo(i * 23);
        }
    }

    /** Simple handshake (RTMP 1.0 §5.2.5): C0+C1, read S0+S1+S2, echo S1 as C2. */
    private static void handshake(Socket socket) throws IOException {
        OutputStream out = socket.getOutputStream();
        byte[] c0c1 = new byte[1 + 1536];
        c0c1[0] = 3;
        out.write(c0c1);
        out.flush();
        byte[] s0s1s2 = new byte[1 + 1536 + 1536];
        new DataInputStream(socket.getInputStream()).readFully(s0s1s2);
        assertThat(s0s1s2[0]).isEqualTo((byte) 3);
        out.write(s0s1s2, 1, 1536);
        out.flush();
    }

    private static boolean readsUntilClosed(InputStream in) throws IOException {
        byte[] buf = new byte[8192];
        try {
            while (in.read(buf) >= 0) {
                // protocol replies may precede the close; keep reading
            }
            return true;
        } catch (SocketException reset) {
            return true;
        }
    }

    private static URI url(RtmpServer server) {
        return URI.create("rtmp://127.0.0.1:" + server.port() + "/live");
    }

    private static ClientOptions options() {
        return ClientOptions.defaults().withTimeout(Duration.ofSeconds(5));
    }
}
