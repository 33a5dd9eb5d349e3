package org.rtmp4j.server;

import java.nio.ByteBuffer;
import org.rtmp4j.server.internal.ConnectionHandler;
import org.rtmp4j.server.internal.NioTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Guards a plain listener's first bytes: a TLS record header ({@code 0x16 0x03}, a ClientHello;
 * RFC 8446 §5.1) is neither RTMP's C0 (3) nor an HTTP method, so instead of the protocol's own
 * parse error the connection closes with one INFO line that says what happened ("TLS on a plain
 * port") and which port to use instead. Loop thread only.
 */
final class TlsOnPlainPort implements ConnectionHandler {
    private static final Logger LOG = LoggerFactory.getLogger(TlsOnPlainPort.class);

    private final ConnectionHandler handler;
    private final NioTransport transport;
    private final String protocol;
    private boolean checked;

    /**
     * @param handler the plain protocol's handler
     * @param transport the connection
     * @param protocol the listener's protocol name, e.g. {@code RTMP}
     */
    TlsOnPlainPort(ConnectionHandler handler, NioTransport transport, String protocol) {
        this.handler = handler;
        this.transport = transport;
        this.protocol = protocol;
    }

    @Override
    public void onBytes(ByteBuffer in) {
        if (!checked && in.hasRemaining()) {
            checked = true;
            int p = in.position();
            if (in.get(p) == 0x16 && (in.remaining() < 2 || in.get(p + 1) == 0x03)) {
                LOG.info("{} peer {} refused: TLS on a plain port (a TLS ClientHello at offset 0); connect with "
                        + "{}s:// to the {}S port instead", protocol, transport.remoteAddress(),
                        protocol.toLowerCase(java.util.Locale.ROOT), protocol);
                in.position(in.limit());
                transport.closeNow(null);
                return;
            }
        }
        handler.onBytes(in);
    }

    @Override
    public void onTick(long nowNanos) {
        handler.onTick(nowNanos);
    }

    @Override
    public void onTransportClosed(Throwable causeOrNull) {
        handler.onTransportClosed(causeOrNull);
    }
}
