package org.rtmp4j.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.rtmp4j.http.WebSocketEvent;
import org.rtmp4j.http.WebSocketException;
import org.rtmp4j.http.WebSocketFrameDecoder;
import org.rtmp4j.http.WebSocketFrames;
import org.rtmp4j.http.WebSocketListener;
import org.rtmp4j.http.WebSocketOpcode;
import org.rtmp4j.http.WebSocketSession;
import org.rtmp4j.server.internal.NioTransport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection after its WebSocket opening handshake (RFC 6455): client frames are decoded by
 * {@link WebSocketFrameDecoder}; a Ping is answered with a Pong (§5.5.2), a Close with a Close and
 * the connection closes (§5.5.1, §7.1.2); a frame that breaks the protocol or the message size
 * limit gets a Close with the decoder's code (1002, 1007, 1009), is logged once at INFO with the
 * peer and reason, and the connection closes. Data messages go to the {@link WebSocketListener};
 * {@link #write} sends one binary frame (§5.6) around the caller's buffer, no copy.
 */
final class WebSocketConnection extends LoopStream implements WebSocketSession {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketConnection.class);
    private static final int MAX_CLOSE_REASON_BYTES = 123;

    private final WebSocketFrameDecoder decoder;
    private final WebSocketListener listener;
    private boolean closeSent;

    /**
     * @param transport the connection's transport
     * @param maxMessageSize largest client message in bytes (RFC 6455 close 1009 beyond)
     * @param listener receives data messages
     */
    WebSocketConnection(NioTransport transport, int maxMessageSize, WebSocketListener listener) {
        super(transport);
        this.decoder = new WebSocketFrameDecoder(maxMessageSize);
        this.listener = listener;
    }

    /**
     * Frames from the client. Loop thread.
     *
     * @param in bytes read (a view of the loop's buffer, or held bytes)
     */
    void onBytes(ByteBuffer in) {
        try {
            while (true) {
                WebSocketEvent e = decoder.next(in);
                if (e instanceof WebSocketEvent.NeedData) {
                    return;
                }
                if (e instanceof WebSocketEvent.Data d) {
                    listener.onData(this, d.type(), d.payload(), d.messageEnd());
                } else if (e instanceof WebSocketEvent.Ping p) {
                    if (!closeSent) {
                        transport.write(List.of(WebSocketFrames.pong(p.payload())));
                    }
                } else if (e instanceof WebSocketEvent.Close c) {
                    // echo the code (1005 "no code" cannot be sent, §7.4.1): the closing handshake
                    close(c.code() == 1005 ? 1000 : c.code(), "");
                    in.position(in.limit());
                    return;
                }
                // a Pong needs no answer (§5.5.3)
            }
        } catch (WebSocketException e) {
            LOG.info("WebSocket peer {} refused: close {} at offset {}: {}", transport.remoteAddress(),
                    e.closeCode(), e.offset(), e.reason());
            in.position(in.limit());
            close(e.closeCode(), "");
        }
    }

    @Override
    public void write(ByteBuffer data) {
        write(data, 0);
    }

    /** Frame header and payload are held together (see {@link NioTransport#writeMedia(ByteBuffer, long)}). */
    @Override
    public void write(ByteBuffer data, long holdNanos) {
        checkThread();
        if (!isOpen() || closeSent || !data.hasRemaining()) {
            return;
        }
        transport.writeMedia(WebSocketFrames.header(WebSocketOpcode.BINARY, true, data.remaining()), holdNanos);
        transport.writeMedia(data, holdNanos);
    }

    @Override
    public void end() {
        close(1000, "");
    }

    @Override
    public void close(int code, String reason) {
        checkThread();
        if (reason.getBytes(StandardCharsets.UTF_8).length > MAX_CLOSE_REASON_BYTES) {
            throw new IllegalArgumentException("close reason longer than " + MAX_CLOSE_REASON_BYTES + " bytes");
        }
        if (closeSent) {
            return;
        }
        ByteBuffer frame = WebSocketFrames.close(code, reason);
        closeSent = true;
        stop();
        transport.write(List.of(frame));
        transport.close();
    }

    /** The connection closed. Loop thread. */
    void connectionClosed() {
        stop();
    }
}
