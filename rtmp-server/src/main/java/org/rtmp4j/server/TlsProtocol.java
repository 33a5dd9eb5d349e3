package org.rtmp4j.server;

import java.time.Duration;
import org.rtmp4j.server.internal.ConnectionHandler;
import org.rtmp4j.server.internal.NioTransport;
import org.rtmp4j.server.internal.PeerSlot;
import org.rtmp4j.tls.TlsContext;

/**
 * A plain {@link ListenerProtocol} behind TLS (RTMPS, HTTPS): each accepted transport gets a
 * server-mode engine from the {@link TlsContext}'s current identity (so a reloaded certificate
 * serves the next connection) and the TLS handshake deadline; the plain protocol's handler then
 * sees plaintext only.
 */
final class TlsProtocol implements ListenerProtocol {
    private final ListenerProtocol plain;
    private final TlsContext tls;
    private final long handshakeNanos;

    /**
     * @param plain the protocol spoken inside TLS
     * @param tls the identity
     * @param handshakeTimeout the TLS handshake deadline from accept
     */
    TlsProtocol(ListenerProtocol plain, TlsContext tls, Duration handshakeTimeout) {
        this.plain = plain;
        this.tls = tls;
        this.handshakeNanos = handshakeTimeout.toNanos();
    }

    @Override
    public String name() {
        return plain.name() + "S";
    }

    @Override
    public ConnectionHandler open(NioTransport transport, PeerSlot slot) {
        transport.useTls(tls.newServerEngine(), handshakeNanos);
        return plain.open(transport, slot);
    }
}
