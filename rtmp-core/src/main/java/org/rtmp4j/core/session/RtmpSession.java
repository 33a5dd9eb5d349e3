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
 *
 * <p>Encoding: {@link #sendMetadata}, {@link #sendStatus}, {@link #replyResult} and {@link
 * #replyError} write in the connection's AMF encoding: type 15 (data) and 17 (command) when the
 * client connected with {@code objectEncoding} 3, else 18 and 20 (RTMP 1.0 §7.1.2, §7.1.1; E-RTMP
 * v2, "Enabling AMF3 in RTMP"). {@link #send} writes the message as it is.
 */
public interface RtmpSession {
    /** @return a short id unique within the process, used in log lines */
    String id();

    /** @return the peer's address, or {@code null} if unknown */
    SocketAddress remoteAddress();

    /** @return the accepted {@code connect} command, once connected */
    Optional<Connect> connectCommand();

    /**
     * The application name the client connected to: the {@code connect} command's {@code app}
     * property without its query string (RTMP 1.0 §7.2.1.1; {@code live} for {@code
     * rtmp://host/live/KEY}), as {@link Connect#app()}. The stream key is {@link NetStream#name()}.
     * Any thread.
     *
     * @return the app, never {@code null}; {@code ""} until a {@code connect} is accepted (inside
     *     {@link RtmpController#onConnect} read {@link ConnectRequest#command()} instead)
     */
    default String app() {
        return connectCommand().map(Connect::app).orElse("");
    }

    /** @return the session's current streams (a snapshot) */
    Collection<NetStream> streams();

    /**
     * @param <T> the attachment's type, as the caller expects it
     * @return the per-session attachment, or {@code null}
     */
    <T> T attachment();

    /**
     * Sets the per-session attachment (pyrtmp's {@code session.state}). Any thread.
     *
     * @param <T> the attachment's type
     * @param value the attachment, or {@code null}
     */
    <T> void attach(T value);

    /**
     * Sends any message as is (escape hatch). Control messages go on chunk stream id 2, commands on
     * 3, audio on 4, data on 5, video on 6.
     *
     * @param message the message
     */
    void send(RtmpMessage message);

    /**
     * Sends media to a playing stream; the message's stream id is replaced by {@code to.id()}.
     * Under back-pressure droppable media may be dropped (never sequence headers); see {@link
     * OutboundLimits}. Media to a deleted stream is not sent.
     *
     * @param to a stream of this session
     * @param media the message; its timestamp (ms) is kept and its payload shared, not copied
     */
    void sendMedia(NetStream to, MediaMessage media);

    /**
     * Sends {@code @setDataFrame}-less {@code onMetaData, metadata} as a data message to {@code to}
     * (metadata as an AMF0 ECMA array). Never dropped.
     *
     * @param to a stream of this session
     * @param metadata e.g. width, height, videocodecid
     */
    void sendMetadata(NetStream to, Map<String, Object> metadata);

    /**
     * Sends {@code onStatus(status)} on {@code to} (RTMP 1.0 §7.2.2), transaction id 0.
     *
     * @param to a stream of this session
     * @param status level, code, description and extra properties
     */
    void sendStatus(NetStream to, Status status);

    /**
     * Replies {@code _result} with the request's transaction id and message stream id.
     *
     * @param to the request
     * @param args the command object first (absent means {@code null}), then further values
     */
    void replyResult(CommandMessage to, Object... args);

    /**
     * Replies {@code _error} with the request's transaction id and {@code status} as information.
     *
     * @param to the request
     * @param status the error information
     */
    void replyError(CommandMessage to, Status status);

    /**
     * Sends the E-RTMP v2 Reconnect Request (E-RTMP v2, "Reconnect Request"): a NetConnection
     * {@code onStatus} on message stream id 0 with level {@code status}, code {@code
     * NetConnection.Connect.ReconnectRequest}, {@code description} and, when given, {@code tcUrl}.
     * Only a client whose {@code connect} announced {@code capsEx} Reconnect ({@link
     * org.rtmp4j.core.command.EnhancedCapabilities#CAPS_RECONNECT}) is sent one: for any other
     * client (legacy, or E-RTMP without that bit), before connect, or once closed nothing is sent and
     * {@code false} is returned. The session keeps working as before (the spec's "old server"
     * SHOULD go on processing the client's messages until it disconnects); closing stragglers is up
     * to the caller. Any thread.
     *
     * @param tcUrlOrNull where to reconnect (absolute, or relative to the client's tcUrl), or {@code
     *     null} for "the same tcUrl"
     * @param description human-readable reason; {@code null} for a default text
     * @return whether the request was sent (queued for sending)
     */
    default boolean requestReconnect(String tcUrlOrNull, String description) {
        return false;
    }

    /**
     * @return whether {@link #requestReconnect} sent a Reconnect Request on this session: the client
     *     is expected to leave, and a new publisher of the names it publishes is its successor. Any
     *     thread.
     */
    default boolean reconnectRequested() {
        return false;
    }

    /** @return bytes queued for this peer and not yet written */
    long queuedBytes();

    /**
     * @return this session's outbound counters (dropped media, keyframe waits, peak queued bytes,
     *     bytes out); {@link SessionStats#EMPTY} for sessions that do not count. Any thread.
     */
    default SessionStats stats() {
        return SessionStats.EMPTY;
    }

    /**
     * @return the round-trip time in ms measured by the last Ping Request/Response (RTMP 1.0
     *     §7.1.7; the server pings after {@link SessionConfig#pingInterval()} without input), or -1
     *     if none was measured yet. Any thread.
     */
    default long lastRttMillis() {
        return -1;
    }

    /**
     * @return what carries this session, in lower case, for operators' lists: {@code rtmp} (TCP), {@code rtmps}
     *     (RTMP over TLS), {@code rtmpt} (RTMP tunnelled in HTTP requests), {@code rtmpts} (RTMPT over HTTPS);
     *     {@code rtmp} unless the runtime said otherwise ({@link ServerConnection#transportProtocol(String)}).
     *     Any thread.
     */
    default String transportProtocol() {
        return "rtmp";
    }

    /** @return whether {@link #queuedBytes()} is below the high watermark */
    boolean isWritable();

    /**
     * Closes the connection after flushing what is queued. Idempotent; any thread.
     *
     * @return completes once the session is closed and its close callbacks have run
     */
    CompletableFuture<Void> close();
}
