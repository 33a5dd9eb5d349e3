package org.rtmp4j.server;

import org.rtmp4j.server.internal.ConnectionHandler;
import org.rtmp4j.server.internal.NioTransport;
import org.rtmp4j.server.internal.PeerLimits;
import org.rtmp4j.server.internal.PeerSlot;

/**
 * What a {@link Listener} speaks on the connections it accepts: makes the sans-I/O handler that the
 * connection's {@link NioTransport} feeds. RTMP ({@link ServerConnections}) and HTTP/1.1
 * ({@link HttpProtocol}) today; RTMPS and HTTPS will wrap these in a TLS decorator.
 */
interface ListenerProtocol {
    /** @return the protocol's name for logs, e.g. {@code "RTMP"} */
    String name();

    /**
     * Makes the handler of one accepted connection. Loop thread of {@code transport}.
     *
     * @param transport the connection's transport, not yet started
     * @param slot the connection's place in the per-IP accounting: pending until the protocol
     *     makes it a publisher or player ({@link PeerLimits#tryEstablish}); the listener releases it
     *     when the connection closes
     * @return the handler to start the transport with
     */
    ConnectionHandler open(NioTransport transport, PeerSlot slot);
}
