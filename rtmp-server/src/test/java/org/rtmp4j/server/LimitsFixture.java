package org.rtmp4j.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import org.rtmp4j.client.ClientOptions;
import org.rtmp4j.client.Publisher;
import org.rtmp4j.client.RtmpClient;
import org.rtmp4j.core.handshake.Handshake;
import org.rtmp4j.core.message.VideoMessage;

/** Helpers of the limit tests: a bystander publisher and player, raw RTMP peers, media. */
final class LimitsFixture {
    static final ClientOptions OPTIONS = LoopbackServer.OPTIONS;

    private LimitsFixture() {}

    static URI url(RtmpServer server) {
        return URI.create("rtmp://127.0.0.1:" + server.port() + "/live");
    }

    /** AVC sequence header (FLV 10.1 §E.4.3.1, AVCPacketType 0). */
    static VideoMessage sequenceHeader(int timestamp) {
        return new VideoMessage(timestamp, 0, ByteBuffer.wrap(new byte[] {0x17, 0, 0, 0, 0, 1, 0x64, 0, 0x1f, -1, -31, 0, 0}));
    }

    /** An AVC NALU video message; {@code key} selects frame type 1 (keyframe) or 2 (inter frame). */
    static VideoMessage frame(int timestamp, boolean key, int size) {
        byte[] b = new byte[size];
        b[0] = (byte) (key ? 0x17 : 0x27);
        b[1] = 1;
        return new VideoMessage(timestamp, 0, ByteBuffer.wrap(b));
    }

    /** A publisher and a player on another name of the same server: they must keep streaming. */
    static final class Bystander implements AutoCloseable {
        private final RtmpClient publishing;
        private final RtmpClient playing;
        private final Publisher publisher;
        private final MediaSink sink = new MediaSink();
        private int timestamp;

        Bystander(RtmpServer server) throws IOException, InterruptedException {
            publishing = RtmpClient.connect(url(server), OPTIONS);
            publisher = publishing.publish("bystander");
            publisher.send(sequenceHeader(0));
            playing = RtmpClient.connect(url(server), OPTIONS);
            playing.play("bystander", sink);
            assertStreaming();
        }

        /** Sends a keyframe and waits until the player has it. */
        void assertStreaming() throws InterruptedException {
            timestamp += 40;
            publisher.send(frame(timestamp, true, 64));
            sink.awaitTimestamp(timestamp);
            assertThat(publishing.isOpen()).isTrue();
            assertThat(playing.isOpen()).isTrue();
        }

        @Override
        public void close() {
            publishing.close();
            playing.close();
        }
    }

    /** A raw TCP peer that speaks just enough RTMP to cross protocol limits. */
    static final class RawPeer implements AutoCloseable {
        final Socket socket;
        final OutputStream out;
        final InputStream in;

        RawPeer(RtmpServer server, String localIp) throws IOException {
            socket = new Socket();
            if (localIp != null) {
                socket.bind(new InetSocketAddress(localIp, 0));
            }
            socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
            socket.setSoTimeout(5000);
            out = socket.getOutputStream();
            in = socket.getInputStream();
        }

        RawPeer(RtmpServer server) throws IOException {
            this(server, null);
        }

        /** Completes the simple handshake (RTMP 1.0 §5.2). */
        RawPeer handshake() throws IOException {
            Handshake h = Handshake.client(false);
            write(h.start());
            byte[] buf = new byte[4096];
            while (!h.isComplete()) {
                int n = in.read(buf);
                if (n < 0) {
                    throw new IOException("closed during the handshake");
                }
                write(h.process(ByteBuffer.wrap(buf, 0, n)).toSend());
            }
            return this;
        }

        private void write(ByteBuffer b) throws IOException {
            byte[] a = new byte[b.remaining()];
            b.get(a);
            out.write(a);
            out.flush();
        }

        /** Writes a type 0 chunk header (RTMP 1.0 §5.3.1) for a chunk stream id 2..63. */
        void header(int csid, int messageType, int length, int streamId) throws IOException {
            out.write(new byte[] {(byte) csid, 0, 0, 0, (byte) (length >> 16), (byte) (length >> 8), (byte) length,
                    (byte) messageType, (byte) streamId, (byte) (streamId >> 8), (byte) (streamId >> 16),
                    (byte) (streamId >> 24)});
        }

        /** Writes a whole message in 128-byte chunks (the default chunk size). */
        void message(int csid, int messageType, int streamId, byte[] payload) throws IOException {
            header(csid, messageType, payload.length, streamId);
            for (int off = 0; off < payload.length; off += 128) {
                if (off > 0) {
                    out.write(0xC0 | csid); // type 3 continuation
                }
                out.write(payload, off, Math.min(128, payload.length - off));
            }
            out.flush();
        }

        /** Sends a Ping Request (RTMP 1.0 §7.1.7) and waits for any reply bytes: the peer is served. */
        void assertServed(int csid) throws IOException {
            message(csid, 4, 0, new byte[] {0, 6, 0, 0, 0, 1});
            assertThat(in.read()).as("a reply from the server").isNotNegative();
            while (in.available() > 0) {
                in.read();
            }
        }

        /** Asserts the server closes the connection within the socket timeout. */
        void assertClosedByServer() throws IOException {
            byte[] buf = new byte[8192];
            try {
                while (in.read(buf) >= 0) {
                    // skip what the server sent before closing
                }
            } catch (SocketTimeoutException e) {
                fail("the server did not close the connection within 5 s");
            } catch (SocketException e) {
                // reset: closed as well
            }
        }

        /** Asserts the server has not closed the connection during {@code millis} of real time. */
        void assertOpenFor(int millis) throws IOException {
            socket.setSoTimeout(millis);
            try {
                int b = in.read();
                fail("expected no data and no close, got " + b);
            } catch (SocketTimeoutException expected) {
                // still open
            } finally {
                socket.setSoTimeout(5000);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
