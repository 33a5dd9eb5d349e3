package org.rtmp4j.core.handshake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(120)
class HandshakeTest {
    private static final int PACKET = 1536;
    private static final byte[] KEY_TAIL = HexFormat.of().parseHex(
            "F0EEC24A8068BEE82E00D0D1029E7E576EEC5D2D29806FAB93B8E636CFEB31AE");
    private static final byte[] FP_KEY = key("Genuine Adobe Flash Player 001");
    private static final byte[] FMS_KEY = key("Genuine Adobe Flash Media Server 001");

    private static byte[] key(String text) {
        byte[] head = text.getBytes(StandardCharsets.US_ASCII);
        byte[] k = Arrays.copyOf(head, head.length + KEY_TAIL.length);
        System.arraycopy(KEY_TAIL, 0, k, head.length, KEY_TAIL.length);
        return k;
    }

    /** Independent HMAC-SHA256, so the constants in HandshakeDigest are checked against these. */
    private static byte[] hmac(byte[] key, int keyLength, byte[] data, int from, int to) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, 0, keyLength, "HmacSHA256"));
            mac.update(data, from, to - from);
            return mac.doFinal();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static int digestOffset(byte[] packet, int base) {
        int sum = 0;
        for (int i = base; i < base + 4; i++) {
            sum += packet[i] & 0xFF;
        }
        return sum % 728 + base + 4;
    }

    /** Digest over a 1536-byte packet minus the 32 bytes at offset. */
    private static byte[] packetDigest(byte[] packet, int offset, byte[] key, int keyLength) {
        byte[] without = new byte[PACKET - 32];
        System.arraycopy(packet, 0, without, 0, offset);
        System.arraycopy(packet, offset + 32, without, offset, PACKET - offset - 32);
        return hmac(key, keyLength, without, 0, without.length);
    }

    /** A C0+C1 as ffmpeg sends it: version 80 00 07 02 and a digest at the given scheme base. */
    private static byte[] ffmpegC0C1(long seed, int base) {
        byte[] c1 = new byte[PACKET];
        new Random(seed).nextBytes(c1);
        Arrays.fill(c1, 0, 4, (byte) 0);
        c1[4] = (byte) 0x80;
        c1[5] = 0x00;
        c1[6] = 0x07;
        c1[7] = 0x02;
        int offset = digestOffset(c1, base);
        byte[] digest = packetDigest(c1, offset, FP_KEY, 30);
        System.arraycopy(digest, 0, c1, offset, 32);
        byte[] c0c1 = new byte[1 + PACKET];
        c0c1[0] = 3;
        System.arraycopy(c1, 0, c0c1, 1, PACKET);
        return c0c1;
    }

    /** Feeds {@code data} in pieces, asserting each piece is fully consumed; returns all bytes to send. */
    private static byte[] feed(Handshake h, byte[] data, int pieceSize) {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (int i = 0; i < data.length; i += pieceSize) {
            ByteBuffer piece = ByteBuffer.wrap(data, i, Math.min(pieceSize, data.length - i));
            Handshake.Step step = h.process(piece);
            assertThat(piece.hasRemaining()).isFalse();
            assertThat(step.complete()).isEqualTo(h.isComplete());
            sent.write(bytes(step.toSend()), 0, step.toSend().remaining());
        }
        return sent.toByteArray();
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static byte[] range(byte[] b, int from, int to) {
        return Arrays.copyOfRange(b, from, to);
    }

    @ParameterizedTest(name = "pieces of {0} bytes")
    @ValueSource(ints = {1, 7, 1000, 1537, 100_000})
    void simpleClientAndServerCompleteAndEchoEachOther(int pieceSize) {
        Handshake client = Handshake.client(false, HandshakeOptions.deterministic(1));
        Handshake server = Handshake.server(HandshakeOptions.deterministic(2));
        byte[] c0c1 = bytes(client.start());
        assertThat(c0c1).hasSize(1537);
        assertThat(c0c1[0]).isEqualTo((byte) 3);
        assertThat(range(c0c1, 5, 9)).containsOnly(0);

        byte[] s0s1s2 = feed(server, c0c1, pieceSize);
        assertThat(s0s1s2).hasSize(1 + 2 * PACKET);
        assertThat(server.isComplete()).isFalse();
        assertThat(server.digestScheme()).isEqualTo(-1);
        // S2 echoes C1's time and random bytes
        assertThat(range(s0s1s2, 1 + PACKET, 1 + PACKET + 4)).isEqualTo(range(c0c1, 1, 5));
        assertThat(range(s0s1s2, 1 + PACKET + 8, 1 + 2 * PACKET)).isEqualTo(range(c0c1, 9, 1537));

        byte[] c2 = feed(client, s0s1s2, pieceSize);
        assertThat(client.isComplete()).isTrue();
        assertThat(c2).hasSize(PACKET);
        assertThat(range(c2, 0, 4)).isEqualTo(range(s0s1s2, 1, 5));
        assertThat(range(c2, 8, PACKET)).isEqualTo(range(s0s1s2, 9, 1 + PACKET));

        assertThat(feed(server, c2, pieceSize)).isEmpty();
        assertThat(server.isComplete()).isTrue();
        assertThat(server.bytesConsumed()).isEqualTo(1537 + 1536);
    }

    @ParameterizedTest(name = "pieces of {0} bytes")
    @ValueSource(ints = {1, 13, 1537, 100_000})
    void digestClientAndServerAgreeOnSchemeZero(int pieceSize) {
        Handshake client = Handshake.client(true, HandshakeOptions.deterministic(3));
        Handshake server = Handshake.server(HandshakeOptions.deterministic(4));
        byte[] c0c1 = bytes(client.start());
        assertThat(range(c0c1, 5, 9)).isNotEqualTo(new byte[4]);
        byte[] s0s1s2 = feed(server, c0c1, pieceSize);
        assertThat(server.digestScheme()).isZero();
        byte[] c2 = feed(client, s0s1s2, pieceSize);
        assertThat(client.isComplete()).isTrue();
        assertThat(client.digestScheme()).isZero();
        feed(server, c2, pieceSize);
        assertThat(server.isComplete()).isTrue();
    }

    @ParameterizedTest(name = "pieces of {0} bytes")
    @ValueSource(ints = {1, 100, 100_000})
    void serverAnswersAnFfmpegStyleDigestC1WithValidS1DigestAndS2Signature(int pieceSize) {
        byte[] c0c1 = ffmpegC0C1(42, 8);
        Handshake server = Handshake.server(HandshakeOptions.deterministic(5));
        byte[] reply = feed(server, c0c1, pieceSize);
        assertThat(server.digestScheme()).isZero();
        assertThat(reply[0]).isEqualTo((byte) 3);
        byte[] s1 = range(reply, 1, 1 + PACKET);
        byte[] s2 = range(reply, 1 + PACKET, 1 + 2 * PACKET);

        // ffmpeg only checks S1 when its byte 5 of S0+S1 (S1 version byte 1) is >= 3
        assertThat(s1[5] & 0xFF).isGreaterThanOrEqualTo(3);
        int serverOffset = digestOffset(s1, 8);
        assertThat(range(s1, serverOffset, serverOffset + 32)).isEqualTo(packetDigest(s1, serverOffset, FMS_KEY, 36));

        int clientOffset = digestOffset(range(c0c1, 1, 1537), 8);
        byte[] clientDigest = range(c0c1, 1 + clientOffset, 1 + clientOffset + 32);
        byte[] signingKey = hmac(FMS_KEY, FMS_KEY.length, clientDigest, 0, 32);
        assertThat(range(s2, PACKET - 32, PACKET)).isEqualTo(hmac(signingKey, 32, s2, 0, PACKET - 32));

        // ffmpeg answers with its own signed C2, which the server does not check
        byte[] c2 = new byte[PACKET];
        new Random(9).nextBytes(c2);
        assertThat(feed(server, c2, pieceSize)).isEmpty();
        assertThat(server.isComplete()).isTrue();
    }

    @ParameterizedTest(name = "pieces of {0} bytes")
    @ValueSource(ints = {1, 100_000})
    void serverFindsADigestAtSchemeOneAndAnswersAtSchemeOne(int pieceSize) {
        byte[] c0c1 = ffmpegC0C1(7, 772);
        Handshake server = Handshake.server(HandshakeOptions.deterministic(6));
        byte[] reply = feed(server, c0c1, pieceSize);
        assertThat(server.digestScheme()).isEqualTo(1);
        byte[] s1 = range(reply, 1, 1 + PACKET);
        int offset = digestOffset(s1, 772);
        assertThat(range(s1, offset, offset + 32)).isEqualTo(packetDigest(s1, offset, FMS_KEY, 36));
    }

    @ParameterizedTest(name = "pieces of {0} bytes")
    @ValueSource(ints = {1, 100_000})
    void serverFallsBackToSimpleWhenAVersionedC1HasNoValidDigest(int pieceSize) {
        byte[] c0c1 = ffmpegC0C1(8, 8);
        c0c1[1 + 100] ^= 1; // corrupt a covered byte: digest no longer validates at either scheme
        Handshake server = Handshake.server(HandshakeOptions.deterministic(7));
        byte[] reply = feed(server, c0c1, pieceSize);
        assertThat(server.digestScheme()).isEqualTo(-1);
        assertThat(range(reply, 1 + PACKET + 8, 1 + 2 * PACKET)).isEqualTo(range(c0c1, 9, 1537));
    }

    @ParameterizedTest(name = "C0 version {0}")
    @ValueSource(ints = {0, 2, 4, 6, 'G', 255})
    void serverRejectsEveryVersionButThree(int version) {
        Handshake server = Handshake.server();
        ByteBuffer in = ByteBuffer.wrap(new byte[] {(byte) version});
        assertThatThrownBy(() -> server.process(in))
                .isInstanceOf(HandshakeException.class)
                .hasMessageContaining("at offset 0")
                .hasMessageContaining("version " + version)
                .satisfies(e -> assertThat(((HandshakeException) e).offset()).isZero());
    }

    @Test
    void clientRejectsAnS0VersionOtherThanThree() {
        Handshake client = Handshake.client();
        client.start();
        byte[] s0s1 = new byte[1537];
        s0s1[0] = 6;
        assertThatThrownBy(() -> client.process(ByteBuffer.wrap(s0s1)))
                .isInstanceOf(HandshakeException.class)
                .hasMessageContaining("version 6");
    }

    @Test
    void serverLeavesBytesAfterC2InTheBuffer() {
        Handshake client = Handshake.client(false, HandshakeOptions.deterministic(10));
        Handshake server = Handshake.server(HandshakeOptions.deterministic(11));
        byte[] c0c1 = bytes(client.start());
        byte[] reply = bytes(server.process(ByteBuffer.wrap(c0c1)).toSend());
        byte[] c2 = bytes(client.process(ByteBuffer.wrap(reply)).toSend());
        ByteBuffer in = ByteBuffer.allocate(c2.length + 5);
        in.put(c2).put(new byte[] {1, 2, 3, 4, 5}).flip();
        Handshake.Step step = server.process(in);
        assertThat(step.complete()).isTrue();
        assertThat(in.position()).isEqualTo(c2.length);
        assertThat(in.remaining()).isEqualTo(5);
        assertThat(in.get()).isEqualTo((byte) 1);
    }

    @Test
    void bytesAfterC2FedOneAtATimeAreNeverConsumed() {
        Handshake client = Handshake.client(false, HandshakeOptions.deterministic(30));
        Handshake server = Handshake.server(HandshakeOptions.deterministic(31));
        byte[] reply = feed(server, bytes(client.start()), 1);
        byte[] c2 = bytes(client.process(ByteBuffer.wrap(reply)).toSend());
        byte[] wire = Arrays.copyOf(c2, c2.length + 4);
        ByteBuffer in = ByteBuffer.wrap(wire);
        for (int i = 0; i < wire.length; i++) {
            in.limit(i + 1);
            Handshake.Step step = server.process(in);
            assertThat(step.complete()).isEqualTo(i >= c2.length - 1);
        }
        assertThat(in.position()).isEqualTo(c2.length);
        assertThat(in.remaining()).isEqualTo(4);
    }

    @Test
    void serverHandlesC0C1AndC2InOneBufferWithTrailingChunkData() {
        Handshake client = Handshake.client(false, HandshakeOptions.deterministic(12));
        Handshake server = Handshake.server(HandshakeOptions.deterministic(13));
        byte[] c0c1 = bytes(client.start());
        Handshake probe = Handshake.server(HandshakeOptions.deterministic(13));
        byte[] reply = bytes(probe.process(ByteBuffer.wrap(c0c1)).toSend());
        byte[] c2 = bytes(client.process(ByteBuffer.wrap(reply)).toSend());
        ByteBuffer all = ByteBuffer.allocate(c0c1.length + c2.length + 3);
        all.put(c0c1).put(c2).put(new byte[] {9, 9, 9}).flip();
        Handshake.Step step = server.process(all);
        assertThat(step.complete()).isTrue();
        assertThat(bytes(step.toSend())).isEqualTo(reply);
        assertThat(all.remaining()).isEqualTo(3);
    }

    @Test
    void clientLeavesBytesAfterS2InTheBuffer() {
        Handshake client = Handshake.client();
        Handshake server = Handshake.server();
        byte[] reply = bytes(server.process(client.start()).toSend());
        ByteBuffer in = ByteBuffer.allocate(reply.length + 2);
        in.put(reply).put((byte) 0x02).put((byte) 0x00).flip();
        Handshake.Step step = client.process(in);
        assertThat(step.complete()).isTrue();
        assertThat(step.toSend().remaining()).isEqualTo(PACKET);
        assertThat(in.remaining()).isEqualTo(2);
    }

    @Test
    void digestClientAcceptsASimpleServerAndEchoesS1() {
        Handshake client = Handshake.client(true, HandshakeOptions.deterministic(14));
        client.start();
        byte[] reply = new byte[1 + 2 * PACKET];
        new Random(15).nextBytes(reply);
        reply[0] = 3;
        Arrays.fill(reply, 5, 9, (byte) 0);
        byte[] c2 = feed(client, reply, 100);
        assertThat(client.isComplete()).isTrue();
        assertThat(client.digestScheme()).isEqualTo(-1);
        assertThat(range(c2, 8, PACKET)).isEqualTo(range(reply, 9, 1 + PACKET));
    }

    @Test
    void digestClientRejectsAForgedS2FromADigestServer() {
        Handshake client = Handshake.client(true, HandshakeOptions.deterministic(16));
        Handshake server = Handshake.server(HandshakeOptions.deterministic(17));
        byte[] reply = bytes(server.process(client.start()).toSend());
        reply[reply.length - 1] ^= 0x55;
        assertThatThrownBy(() -> client.process(ByteBuffer.wrap(reply)))
                .isInstanceOf(HandshakeException.class)
                .hasMessageContaining("S2 signature")
                .hasMessageContaining("at offset " + (1 + PACKET + PACKET - 32));
    }

    @Test
    void digestClientSignsC2WithTheServerDigest() {
        Handshake client = Handshake.client(true, HandshakeOptions.deterministic(18));
        Handshake server = Handshake.server(HandshakeOptions.deterministic(19));
        byte[] reply = bytes(server.process(client.start()).toSend());
        byte[] c2 = bytes(client.process(ByteBuffer.wrap(reply)).toSend());
        byte[] s1 = range(reply, 1, 1 + PACKET);
        int offset = digestOffset(s1, 8);
        byte[] signingKey = hmac(FP_KEY, FP_KEY.length, range(s1, offset, offset + 32), 0, 32);
        assertThat(range(c2, PACKET - 32, PACKET)).isEqualTo(hmac(signingKey, 32, c2, 0, PACKET - 32));
    }

    @Test
    void sameSeedsGiveIdenticalBytesWhateverTheSplit() {
        byte[] whole = runSimple(100_000);
        byte[] byByte = runSimple(1);
        assertThat(byByte).isEqualTo(whole);
    }

    private static byte[] runSimple(int pieceSize) {
        Handshake client = Handshake.client(true, HandshakeOptions.deterministic(20));
        Handshake server = Handshake.server(HandshakeOptions.deterministic(21));
        byte[] reply = feed(server, bytes(client.start()), pieceSize);
        byte[] c2 = feed(client, reply, pieceSize);
        byte[] all = Arrays.copyOf(reply, reply.length + c2.length);
        System.arraycopy(c2, 0, all, reply.length, c2.length);
        return all;
    }

    @Test
    void serverStartIsEmptyAndClientMustStartBeforeProcessing() {
        assertThat(Handshake.server().start().remaining()).isZero();
        Handshake client = Handshake.client();
        assertThatThrownBy(() -> client.process(ByteBuffer.allocate(1))).isInstanceOf(IllegalStateException.class);
        client.start();
        assertThatThrownBy(client::start).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void processAfterCompletionConsumesNothing() {
        Handshake client = Handshake.client();
        Handshake server = Handshake.server();
        byte[] reply = bytes(server.process(client.start()).toSend());
        server.process(client.process(ByteBuffer.wrap(reply)).toSend());
        assertThat(server.isComplete()).isTrue();
        ByteBuffer more = ByteBuffer.wrap(new byte[] {1, 2, 3});
        Handshake.Step step = server.process(more);
        assertThat(step.complete()).isTrue();
        assertThat(step.toSend().remaining()).isZero();
        assertThat(more.remaining()).isEqualTo(3);
    }

    @Test
    void timeFieldsCarryTheEpochAndTime2TheReadTime() {
        long[] now = {0};
        HandshakeOptions options = new HandshakeOptions(new Random(1), () -> now[0], 1000);
        Handshake server = Handshake.server(options);
        Handshake client = Handshake.client(false, HandshakeOptions.deterministic(2));
        byte[] c0c1 = bytes(client.start());
        now[0] = 250_000_000L; // 250 ms later
        byte[] reply = bytes(server.process(ByteBuffer.wrap(c0c1)).toSend());
        assertThat(ByteBuffer.wrap(reply, 1, 4).getInt()).isEqualTo(1000);
        assertThat(ByteBuffer.wrap(reply, 1 + PACKET + 4, 4).getInt()).isEqualTo(1250);
    }
}
