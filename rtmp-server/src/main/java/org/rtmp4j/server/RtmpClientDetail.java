package org.rtmp4j.server;

import java.util.concurrent.TimeoutException;
import org.rtmp4j.amf.AmfException;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.chunk.ChunkException;
import org.rtmp4j.core.handshake.HandshakeException;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.ServerConnection;
import org.rtmp4j.server.internal.ClientDetail;

/**
 * An RTMP connection in the client list, read from its engine at each snapshot: publisher if one of
 * its message streams publishes (RTMP 1.0 §7.2.2.6), else player if one plays (§7.2.2.1), the RTT
 * of its last Ping (§7.1.7) and the session's dropped media. Any thread.
 */
record RtmpClientDetail(ServerConnection connection) implements ClientDetail {
    @Override
    public String kind() {
        NetStream s = active();
        if (s == null) {
            return "rtmp";
        }
        return s.state() == NetStream.State.PUBLISHING ? "rtmp-publisher" : "rtmp-player";
    }

    @Override
    public String stream() {
        NetStream s = active();
        return s == null ? null : connection.app() + "/" + s.name();
    }

    /** @return the first publishing stream, else the first playing one, else {@code null} */
    private NetStream active() {
        NetStream playing = null;
        for (NetStream s : connection.streams()) {
            if (s.state() == NetStream.State.PUBLISHING) {
                return s;
            }
            if (s.state() == NetStream.State.PLAYING && playing == null) {
                playing = s;
            }
        }
        return playing;
    }

    @Override
    public long rttMillis() {
        return connection.lastRttMillis();
    }

    @Override
    public long droppedMessages() {
        return connection.stats().droppedMediaMessages();
    }

    @Override
    public boolean close() {
        connection.close();
        return true;
    }

    /**
     * @param cause why a session ended ({@link ServerConnection#closeCause()})
     * @return the protocol error kind ({@link ClientDirectory#protocolErrors()}), or {@code null} when it
     *     is none (a clean close, an I/O error, a controller failure)
     */
    static String errorKind(Throwable cause) {
        if (cause instanceof HandshakeException) {
            return "rtmp-handshake";
        } else if (cause instanceof ChunkException) {
            return "rtmp-chunk";
        } else if (cause instanceof AmfException) {
            return "rtmp-amf";
        } else if (cause instanceof RtmpProtocolException) {
            return "rtmp-message";
        } else if (cause instanceof TimeoutException) {
            return "rtmp-timeout";
        }
        return null;
    }
}
