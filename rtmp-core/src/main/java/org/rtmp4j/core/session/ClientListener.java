package org.rtmp4j.core.session;

import org.rtmp4j.core.command.ReconnectRequest;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;

/** Receives what a server sends to a {@link ClientConnection}. Called on the connection's thread; must not block. */
public interface ClientListener {
    /**
     * An {@code onStatus} (RTMP 1.0 §7.2.2).
     *
     * @param streamId message stream id (0 for NetConnection)
     * @param status level, code and description
     */
    default void onStatus(int streamId, Status status) {}

    /**
     * A Reconnect Request (E-RTMP v2, "Reconnect Request"): a NetConnection {@code onStatus}
     * (message stream id 0) with code {@code NetConnection.Connect.ReconnectRequest} and level
     * {@code status}. Called after {@link #onStatus} for the same message. The client should go on
     * streaming up to the next keyframe, then connect to {@link ReconnectRequest#resolve(String)} of
     * its tcUrl and close this connection. A request whose {@code tcUrl} is not a string is logged
     * and not passed on.
     *
     * @param request the optional tcUrl and the description
     */
    default void onReconnectRequest(ReconnectRequest request) {}

    /**
     * Audio or video on a playing stream.
     *
     * @param streamId message stream id
     * @param media the message; its payload is read-only and each {@link MediaMessage#payload()}
     *     call is a fresh view (read it without {@code duplicate()})
     */
    default void onMedia(int streamId, MediaMessage media) {}

    /**
     * A data message (e.g. {@code onMetaData}, {@code |RtmpSampleAccess}) on a playing stream.
     *
     * @param streamId message stream id
     * @param data the decoded AMF values
     */
    default void onData(int streamId, DataMessage data) {}

    /**
     * A command the client does not handle itself (e.g. {@code onBWDone}, server calls, replies to
     * unknown transaction ids).
     *
     * @param command the command
     */
    default void onCommand(CommandMessage command) {}

    /**
     * Once, when the connection is gone.
     *
     * @param causeOrNull failure, or {@code null} on clean close
     */
    default void onClose(Throwable causeOrNull) {}
}
