package org.rtmp4j.core.session;

import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.message.RtmpMessage;

/**
 * Application callbacks for one RTMP connection, modelled on pyrtmp's controller. The library
 * performs everything the protocol mandates (acknowledgements, pings, chunk sizes, stream ids,
 * status replies once a request is decided); the controller only decides and handles media.
 * Every request has a default decision, so an empty implementation accepts everything and drops
 * the media.
 *
 * <p>Threading: callbacks for one session run one at a time on that session's thread and must not
 * block. Requests may be decided later from any thread. An exception thrown from a callback closes
 * the session and is logged at WARN.
 */
public interface RtmpController {
    /**
     * After the handshake, before any message.
     *
     * @param session the connection
     */
    default void onOpen(RtmpSession session) {}

    /**
     * Once, when the connection is gone, after the stream callbacks.
     *
     * @param session the connection
     * @param causeOrNull the failure ({@link org.rtmp4j.core.RtmpProtocolException}, a timeout, a
     *     controller exception, {@link OutboundOverflowException}), or {@code null} on a clean close
     */
    default void onClose(RtmpSession session, Throwable causeOrNull) {}

    /**
     * A {@code connect} command (RTMP 1.0 §7.2.1.1). Default: accept.
     *
     * @param session the connection
     * @param request the pending decision; complete it now or later, from any thread
     */
    default void onConnect(RtmpSession session, ConnectRequest request) {
        request.accept();
    }

    /**
     * A {@code createStream} command (RTMP 1.0 §7.2.1.3). Default: accept.
     *
     * @param session the connection
     * @param request the pending decision; complete it now or later, from any thread
     */
    default void onCreateStream(RtmpSession session, CreateStreamRequest request) {
        request.accept();
    }

    /**
     * A {@code publish} command (RTMP 1.0 §7.2.2.6). Default: accept.
     *
     * @param session the connection
     * @param request the pending decision; complete it now or later, from any thread
     */
    default void onPublish(RtmpSession session, PublishRequest request) {
        request.accept();
    }

    /**
     * A {@code play} command (RTMP 1.0 §7.2.2.1). Default: accept.
     *
     * @param session the connection
     * @param request the pending decision; complete it now or later, from any thread
     */
    default void onPlay(RtmpSession session, PlayRequest request) {
        request.accept();
    }

    /**
     * A publishing stream stopped: FCUnpublish, closeStream, deleteStream or the connection
     * closed. Called once per accepted publish; the stream still has its name during the call.
     *
     * @param session the connection
     * @param stream the stream that was publishing
     */
    default void onUnpublish(RtmpSession session, NetStream stream) {}

    /**
     * A playing stream stopped (closeStream, deleteStream or close). Called once per accepted play.
     *
     * @param session the connection
     * @param stream the stream
     */
    default void onStopPlay(RtmpSession session, NetStream stream) {}

    /**
     * A stream was deleted ({@code deleteStream} or close), after any onUnpublish/onStopPlay.
     *
     * @param session the connection
     * @param stream the stream
     */
    default void onDeleteStream(RtmpSession session, NetStream stream) {}

    /**
     * {@code @setDataFrame}/{@code onMetaData} on a publishing stream.
     *
     * @param session the connection
     * @param stream the stream
     * @param metadata the data message as received
     */
    default void onMetadata(RtmpSession session, NetStream stream, DataMessage metadata) {}

    /**
     * Audio or video on a publishing stream. The payload is shared and read-only.
     *
     * @param session the connection
     * @param stream the stream
     * @param media the message; its payload is shared and read-only
     */
    default void onMedia(RtmpSession session, NetStream stream, MediaMessage media) {}

    /**
     * Any command the library does not handle. Default: {@code _error} with NetConnection.Call.Failed.
     *
     * @param session the connection
     * @param command the command as received
     */
    default void onCommand(RtmpSession session, CommandMessage command) {
        session.replyError(command, Status.error(StatusCodes.CALL_FAILED, "unsupported: " + command.name()));
    }

    /**
     * Any other message the library does not handle (data, shared object, unknown types).
     *
     * @param session the connection
     * @param message the message
     */
    default void onMessage(RtmpSession session, RtmpMessage message) {}
}
