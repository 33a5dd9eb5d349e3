package org.rtmp4j.http;

import java.nio.ByteBuffer;

/**
 * What the runtime tells the handler of an accepted WebSocket connection. Ping, Pong and Close are
 * handled by the runtime (a Ping is answered with a Pong, a Close with a Close, RFC 6455 §5.5). Every
 * method runs on the connection's thread; the defaults ignore the event.
 */
public interface WebSocketListener {
    /** A listener that ignores every data message (a WS-FLV player, which only sends). */
    WebSocketListener IGNORE = new WebSocketListener() {};

    /**
     * A piece of a data message (RFC 6455 §5.4, §5.6).
     *
     * @param session the connection
     * @param type {@link WebSocketOpcode#TEXT} or {@link WebSocketOpcode#BINARY}
     * @param payload the unmasked bytes, valid only during the call (a view of the read buffer)
     * @param messageEnd whether this piece ends the message
     */
    default void onData(WebSocketSession session, WebSocketOpcode type, ByteBuffer payload, boolean messageEnd) {}
}
