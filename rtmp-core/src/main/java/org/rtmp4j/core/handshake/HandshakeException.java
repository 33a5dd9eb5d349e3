package org.rtmp4j.core.handshake;

import org.rtmp4j.core.RtmpProtocolException;

/** A malformed or unsupported handshake (RTMP 1.0 §5.2). */
public final class HandshakeException extends RtmpProtocolException {
    private static final long serialVersionUID = 1L;

    /**
     * @param offset byte offset in the handshake bytes received
     * @param reason what was wrong
     */
    public HandshakeException(long offset, String reason) {
        super(offset, reason);
    }
}
