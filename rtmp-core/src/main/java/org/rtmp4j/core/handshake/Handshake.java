package org.rtmp4j.core.handshake;

import static org.rtmp4j.core.handshake.HandshakeDigest.DIGEST_SIZE;
import static org.rtmp4j.core.handshake.HandshakeDigest.PACKET_SIZE;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The RTMP handshake state machine (RTMP 1.0 §5.2), server or client side, simple or FP9 digest.
 * Sans-I/O: bytes in through {@link #process}, bytes out in the returned {@link Step}. Not
 * thread-safe; drive one instance from one thread at a time.
 *
 * <p>Wire layout: C0/S0 is one byte, the RTMP version, which must be 3 (§5.2.2); anything else is
 * refused with a {@link HandshakeException} at offset 0. C1/S1 are 1536 bytes: time (4 bytes,
 * big-endian ms), zero or a version (4 bytes), 1528 random bytes (§5.2.3). C2/S2 are 1536 bytes:
 * the peer's time, time2 (when the peer's packet was read), and the peer's random bytes echoed
 * (§5.2.4).
 *
 * <p><b>Server.</b> After reading C0+C1 it sends S0+S1+S2 at once, and completes after reading C2,
 * whose content is not checked (lenient, like nginx-rtmp). If C1's bytes 4..7 (the version) are
 * non-zero it tries the FP9 digest handshake that Flash Player and ffmpeg send: a client digest
 * (HMAC-SHA256 keyed with the 30-byte "Genuine Adobe Flash Player 001") at the position of scheme
 * 0 ({@code (b8+b9+b10+b11) % 728 + 12}) or scheme 1 ({@code (b772+..+b775) % 728 + 776}). When
 * one validates, S1 carries a server digest at the same scheme's position (keyed with the 36-byte
 * "Genuine Adobe Flash Media Server 001") and S2 is 1504 random bytes followed by HMAC-SHA256 over
 * them, keyed with HMAC-SHA256(68-byte server key, client digest). When none validates the server
 * falls back to the simple handshake.
 *
 * <p><b>Client.</b> {@link #start()} returns C0+C1. After reading S0+S1 it sends C2, and completes
 * after reading S2. The simple client ({@link #client()}) sends version 0 and C2 = S1 echoed and
 * does not check S2. The digest client ({@link #client(boolean) client(true)}) signs C1 with
 * scheme 0; if S1 carries a valid server digest it answers with a signed C2 and requires S2 to be
 * signed, else it behaves like the simple client.
 *
 * <p>{@link #process} consumes only the handshake's bytes: anything after C2 (server) or S2
 * (client) stays in the buffer, whose position is then the first unconsumed byte. Partial packets
 * are buffered internally, so the input may arrive in pieces of any size.
 */
public final class Handshake {
    /**
     * One step's result.
     *
     * @param toSend bytes to send now (may be empty); position 0, limit the length
     * @param complete whether the handshake is done; bytes left in the input are then chunk data
     */
    public record Step(ByteBuffer toSend, boolean complete) {}

    /** The only RTMP version accepted in C0/S0 (RTMP 1.0 §5.2.2). */
    public static final int RTMP_VERSION = 3;

    private static final int HELLO_SIZE = 1 + PACKET_SIZE;
    /** Version rtmp4j's digest client writes into C1 bytes 4..7 (that of an FP9-style client). */
    private static final byte[] CLIENT_VERSION = {9, 0, 124, 2};
    /** Version the server writes into a digest S1; byte 1 >= 3 makes ffmpeg verify the digest. */
    private static final byte[] SERVER_VERSION = {4, 5, 0, 1};

    private enum State { CLIENT_NOT_STARTED, READ_HELLO, READ_ACK, DONE }

    private final boolean server;
    private final boolean digestClient;
    private final HandshakeOptions options;
    private final long createdNanos;
    private final byte[] buf = new byte[HELLO_SIZE];
    private State state;
    private int have;
    private long received;
    private int digestScheme = -1;
    private byte[] ownDigest;

    private Handshake(boolean server, boolean digestClient, HandshakeOptions options) {
        if (options == null) {
            throw new NullPointerException("options");
        }
        this.server = server;
        this.digestClient = digestClient;
        this.options = options;
        this.createdNanos = options.clockNanos().getAsLong();
        this.state = server ? State.READ_HELLO : State.CLIENT_NOT_STARTED;
    }

    /** @return a server-side handshake with {@link HandshakeOptions#DEFAULT} */
    public static Handshake server() {
        return server(HandshakeOptions.DEFAULT);
    }

    /**
     * @param options randomness and clock
     * @return a server-side handshake accepting simple and FP9 digest clients
     */
    public static Handshake server(HandshakeOptions options) {
        return new Handshake(true, false, options);
    }

    /** @return a client-side handshake (simple, version 0) with {@link HandshakeOptions#DEFAULT} */
    public static Handshake client() {
        return client(false, HandshakeOptions.DEFAULT);
    }

    /**
     * @param digest whether to send an FP9 digest C1 (scheme 0) instead of the simple one
     * @return a client-side handshake with {@link HandshakeOptions#DEFAULT}
     */
    public static Handshake client(boolean digest) {
        return client(digest, HandshakeOptions.DEFAULT);
    }

    /**
     * @param digest whether to send an FP9 digest C1 (scheme 0) instead of the simple one
     * @param options randomness and clock
     * @return a client-side handshake
     */
    public static Handshake client(boolean digest, HandshakeOptions options) {
        return new Handshake(false, digest, options);
    }

    /**
     * Starts the handshake.
     *
     * @return C0+C1 (1537 bytes) for a client, to send first; an empty buffer for a server
     * @throws IllegalStateException if a client was already started
     */
    public ByteBuffer start() {
        if (server) {
            return ByteBuffer.allocate(0);
        }
        if (state != State.CLIENT_NOT_STARTED) {
            throw new IllegalStateException("client handshake already started");
        }
        byte[] out = new byte[HELLO_SIZE];
        out[0] = RTMP_VERSION;
        byte[] c1 = newHello(digestClient ? CLIENT_VERSION : null);
        if (digestClient) {
            HandshakeDigest.writeDigest(c1, 0, HandshakeDigest.PLAYER_KEY, HandshakeDigest.PLAYER_KEY_TEXT_LENGTH);
            ownDigest = HandshakeDigest.digestAt(c1, 0);
        }
        System.arraycopy(c1, 0, out, 1, PACKET_SIZE);
        state = State.READ_HELLO;
        return ByteBuffer.wrap(out);
    }

    /**
     * Consumes what it needs from {@code in}; bytes after the handshake stay in {@code in}.
     * After completion it consumes nothing and returns an empty, complete step.
     *
     * @param in received bytes; its position advances past the consumed ones
     * @return what to send now and whether the handshake is complete
     * @throws HandshakeException on a C0/S0 version other than 3 (offset 0), or, for the digest
     *     client, an S2 whose signature does not validate (offset of the signature)
     * @throws IllegalStateException if a client is used before {@link #start()}
     */
    public Step process(ByteBuffer in) {
        if (state == State.CLIENT_NOT_STARTED) {
            throw new IllegalStateException("call start() before process() on a client handshake");
        }
        ByteBuffer toSend = ByteBuffer.allocate(0);
        if (state == State.READ_HELLO) {
            if (!fill(in, HELLO_SIZE)) {
                return new Step(toSend, false);
            }
            toSend = server ? serverReply() : clientAck();
            have = 0;
            state = State.READ_ACK;
        }
        if (state == State.READ_ACK) {
            if (!fill(in, PACKET_SIZE)) {
                return new Step(toSend, false);
            }
            if (!server) {
                verifyServerAck();
            }
            have = 0;
            state = State.DONE;
        }
        return new Step(toSend, true);
    }

    /** @return whether the handshake is complete */
    public boolean isComplete() {
        return state == State.DONE;
    }

    /**
     * @return the FP9 digest scheme in use (0 or 1) once the peer's C1 (server) or S1 (client) has
     *     been read and its digest validated; -1 for a simple handshake or before that point
     */
    public int digestScheme() {
        return digestScheme;
    }

    /** @return handshake bytes consumed from the peer so far (at most 3073) */
    public long bytesConsumed() {
        return received;
    }

    private boolean fill(ByteBuffer in, int needed) {
        while (have < needed && in.hasRemaining()) {
            int n = Math.min(needed - have, in.remaining());
            in.get(buf, have, n);
            if (state == State.READ_HELLO && have == 0 && buf[0] != RTMP_VERSION) {
                throw new HandshakeException(received, "unsupported RTMP version " + (buf[0] & 0xFF)
                        + " in " + (server ? "C0" : "S0") + ", only " + RTMP_VERSION + " is supported");
            }
            have += n;
            received += n;
        }
        return have == needed;
    }

    /** Builds S0+S1+S2 from C0+C1 in {@code buf}. */
    private ByteBuffer serverReply() {
        byte[] c1 = new byte[PACKET_SIZE];
        System.arraycopy(buf, 1, c1, 0, PACKET_SIZE);
        boolean versioned = c1[4] != 0 || c1[5] != 0 || c1[6] != 0 || c1[7] != 0;
        if (versioned) {
            digestScheme = HandshakeDigest.findDigest(c1, HandshakeDigest.PLAYER_KEY, HandshakeDigest.PLAYER_KEY_TEXT_LENGTH);
        }
        byte[] s1;
        byte[] s2;
        if (digestScheme >= 0) {
            s1 = newHello(SERVER_VERSION);
            HandshakeDigest.writeDigest(s1, digestScheme, HandshakeDigest.SERVER_KEY, HandshakeDigest.SERVER_KEY_TEXT_LENGTH);
            s2 = new byte[PACKET_SIZE];
            fillRandom(s2, 0, PACKET_SIZE - DIGEST_SIZE);
            HandshakeDigest.signResponse(s2, HandshakeDigest.SERVER_KEY, HandshakeDigest.digestAt(c1, digestScheme));
        } else {
            s1 = newHello(null);
            s2 = echo(c1);
        }
        ByteBuffer out = ByteBuffer.allocate(1 + 2 * PACKET_SIZE);
        out.put((byte) RTMP_VERSION).put(s1).put(s2).flip();
        return out;
    }

    /** Builds C2 from S0+S1 in {@code buf}. */
    private ByteBuffer clientAck() {
        byte[] s1 = new byte[PACKET_SIZE];
        System.arraycopy(buf, 1, s1, 0, PACKET_SIZE);
        byte[] c2;
        if (digestClient) {
            digestScheme = HandshakeDigest.findDigest(s1, HandshakeDigest.SERVER_KEY, HandshakeDigest.SERVER_KEY_TEXT_LENGTH);
        }
        if (digestScheme >= 0) {
            c2 = new byte[PACKET_SIZE];
            fillRandom(c2, 0, PACKET_SIZE - DIGEST_SIZE);
            HandshakeDigest.signResponse(c2, HandshakeDigest.PLAYER_KEY, HandshakeDigest.digestAt(s1, digestScheme));
        } else {
            c2 = echo(s1);
        }
        return ByteBuffer.wrap(c2);
    }

    /** Checks S2 in {@code buf} when the server proved it speaks the digest handshake. */
    private void verifyServerAck() {
        if (digestScheme < 0) {
            return;
        }
        byte[] s2 = new byte[PACKET_SIZE];
        System.arraycopy(buf, 0, s2, 0, PACKET_SIZE);
        if (!HandshakeDigest.verifyResponse(s2, HandshakeDigest.SERVER_KEY, ownDigest)) {
            throw new HandshakeException(HELLO_SIZE + PACKET_SIZE - DIGEST_SIZE,
                    "S2 signature does not match the client digest (digest scheme " + digestScheme + ")");
        }
    }

    /** A C1/S1: time = epoch, then version (or zero), then random bytes. */
    private byte[] newHello(byte[] version) {
        byte[] hello = new byte[PACKET_SIZE];
        putInt(hello, 0, options.epoch());
        if (version != null) {
            System.arraycopy(version, 0, hello, 4, 4);
        }
        fillRandom(hello, 8, PACKET_SIZE - 8);
        return hello;
    }

    /** A simple C2/S2: the peer's packet with time2 set to when it was read. */
    private byte[] echo(byte[] peerHello) {
        byte[] ack = peerHello.clone();
        long elapsedMillis = (options.clockNanos().getAsLong() - createdNanos) / 1_000_000L;
        putInt(ack, 4, options.epoch() + (int) elapsedMillis);
        return ack;
    }

    private void fillRandom(byte[] target, int offset, int length) {
        byte[] random = new byte[length];
        Random source = options.random() != null ? options.random() : ThreadLocalRandom.current();
        source.nextBytes(random);
        System.arraycopy(random, 0, target, offset, length);
    }

    private static void putInt(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 24);
        b[offset + 1] = (byte) (value >>> 16);
        b[offset + 2] = (byte) (value >>> 8);
        b[offset + 3] = (byte) value;
    }
}
