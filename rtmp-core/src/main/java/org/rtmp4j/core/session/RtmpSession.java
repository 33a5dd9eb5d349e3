package org.rtmp4j.core.session;

import java.net.SocketAddress;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.rtmp4j.core.command.Connect;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.RtmpMessage;

/**
 * The handle a controller uses for one connection. Write methods are safe from any thread: off the
 * connection's thread they are marshalled to it, keeping their order.
 */
public interface RtmpSession {
    /** @return a short id unique within the process, used in log lines */
    String id();

    /** @return the peer's address, or {@code null} if unknown */
    SocketAddress remoteAddress();

    /** @return the accepted {@code connect} command, once connected */
    Optional<Connect> connectCommand();

    /** @return the session's current streams (a snapshot) */
    Collection<NetStream> streams();

    /** @return the per-session attachment, or {@code null} */
    <T> T attachment();

    /** Sets the per-session attachment (pyrtmp's {@code session.state}). */
    <T> void attach(T value);

    /** Sends any message as is (escape hatch). Commands go on chunk stream 3, media on 4/6. */
    void send(RtmpMessage message);

    /**
     * Sends media to a playing stream; the message's stream id is replaced by {@code to.id()}.
     * Under back-pressure droppable media may be dropped (never sequence headers).
     */
    void sendMedia(NetStream to, MediaMessage media);

    /** Sends {@code @setDataFrame}-less {@code onMetaData, metadata} as a data message to {@code to}. */
    void sendMetadata(NetStream to, Map<String, Object> metadata);

    /** Sends {@code onStatus(status)} on {@code to}. */
    void sendStatus(NetStream to, Status status);

    /** Replies {@code _result} with the request's transaction id, command object {@code null} unless given as first arg. */
    void replyResult(CommandMessage to, Object... args);

    /** Replies {@code _error} with the request's transaction id and {@code status} as information. */
    void replyError(CommandMessage to, Status status);

    /** @return bytes queued for this peer and not yet written */
    long queuedBytes();

    /** @return whether {@link #queuedBytes()} is below the high watermark */
    boolean isWritable();

    /** Closes the connection after flushing what is queued. Idempotent. */
    CompletableFuture<Void> close();
}
