package org.rtmp4j.live;

import java.net.SocketAddress;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.RtmpSession;

/**
 * An RTMP publisher as a hub input: one message stream of a session (RTMP 1.0 §7.2.2.6). Its {@link #protocol()} is
 * the session's {@link RtmpSession#transportProtocol()}: {@code rtmp}, {@code rtmps}, {@code rtmpt} or {@code rtmpts}.
 *
 * @param session the publisher's session
 * @param stream the publishing message stream
 * @param query the publish name's query, then the connect query ({@link Queries#rtmp})
 */
record RtmpIngestSource(RtmpSession session, NetStream stream, String query) implements IngestSource {
    @Override
    public String id() {
        return session.id() + "/" + stream.id();
    }

    @Override
    public String protocol() {
        return session.transportProtocol();
    }

    @Override
    public SocketAddress remoteAddress() {
        return session.remoteAddress();
    }

    @Override
    public boolean reconnectRequested() {
        return session.reconnectRequested();
    }

    @Override
    public void close() {
        session.close();
    }
}
