package org.rtmp4j.core.handshake;

import java.nio.ByteBuffer;

/**
 * The RTMP handshake state machine (RTMP 1.0 §5.2), server or client side, simple or FP9 digest.
 * Not thread-safe.
 */
public final class Handshake {
    /** One step's result. @param toSend bytes to send now (may be empty) @param complete whether the handshake is done */
    public record Step(ByteBuffer toSend, boolean complete) {}

    private Handshake() {}

    /** @return a server-side handshake */
    public static Handshake server() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return a client-side handshake (simple, version 0) */
    public static Handshake client() {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return C0+C1 for a client; empty for a server */
    public ByteBuffer start() {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Consumes what it needs from {@code in}; bytes after the handshake stay in {@code in}.
     *
     * @throws HandshakeException on an invalid handshake
     */
    public Step process(ByteBuffer in) {
        throw new UnsupportedOperationException("TODO");
    }

    /** @return whether the handshake is complete */
    public boolean isComplete() {
        throw new UnsupportedOperationException("TODO");
    }
}
