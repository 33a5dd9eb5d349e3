package org.rtmp4j.core.session;

import org.rtmp4j.core.command.FcSubscribe;
import org.rtmp4j.core.command.Pause;
import org.rtmp4j.core.command.Play2;
import org.rtmp4j.core.command.Seek;
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
     * Audio or video on a publishing stream. The payload is shared and read-only; each {@link
     * MediaMessage#payload()} call returns a fresh view, so it may be read with relative gets without
     * {@code duplicate()} and without disturbing other readers (the relay, a recorder).
     *
     * @param session the connection
     * @param stream the stream
     * @param media the message; its payload is shared and read-only
     */
    default void onMedia(RtmpSession session, NetStream stream, MediaMessage media) {}

    /**
     * A {@code play2} command (RTMP 1.0 §7.2.2.2: switch the playing stream to another bit rate
     * without changing the timeline) on a playing stream. The library does not switch streams
     * itself: a controller that can switch moves the player to {@code play2.streamName()} and sends
     * {@code onStatus} NetStream.Play.Transition (with {@link RtmpSession#sendStatus}). Default:
     * {@code onStatus} NetStream.Play.Failed (level error, {@code details} = the requested name),
     * so the player knows the switch will not happen; the current stream keeps playing.
     *
     * <p>{@code play2} on a stream that is not playing is answered {@code _error}
     * NetStream.Play.Failed by the library and not passed here.
     *
     * @param session the connection
     * @param stream the playing stream
     * @param play2 the parameters (NetStreamPlayOptions)
     */
    default void onPlay2(RtmpSession session, NetStream stream, Play2 play2) {
        session.sendStatus(stream, Status.error(StatusCodes.PLAY_FAILED, "play2 is not supported")
                .with("details", play2.streamName()));
    }

    /**
     * A {@code pause} command (RTMP 1.0 §7.2.2.8) on a playing stream. Before this call the library
     * has already marked the stream paused or resumed ({@link NetStream#isPaused()}): while paused,
     * {@link RtmpSession#sendMedia} skips audio and video to it (sequence headers excepted) without
     * counting them as dropped, and after the unpause video resumes at the next keyframe. For a
     * live stream the player so rejoins at the live edge; a controller serving recordings can
     * restart from {@code pause.milliseconds()}. Default: {@code onStatus} NetStream.Pause.Notify
     * or NetStream.Unpause.Notify (level status, {@code details} = the stream name), as the spec
     * and nginx-rtmp answer; an override should send them too (or call {@code super}).
     *
     * <p>{@code pause} on a stream that is not playing is answered {@code _error} NetStream.Failed
     * by the library and not passed here.
     *
     * @param session the connection
     * @param stream the playing stream
     * @param pause the flag and the client's stream time in ms
     */
    default void onPause(RtmpSession session, NetStream stream, Pause pause) {
        Status status = pause.pause()
                ? Status.status(StatusCodes.PAUSE_NOTIFY, "Paused " + stream.name())
                : Status.status(StatusCodes.UNPAUSE_NOTIFY, "Unpaused " + stream.name());
        session.sendStatus(stream, status.with("details", stream.name()));
    }

    /**
     * A {@code seek} command (RTMP 1.0 §7.2.2.7) on a playing stream. The library changes nothing:
     * a live stream has no timeline to move in. Default: {@code onStatus} NetStream.Seek.Notify
     * (level status, {@code details} = the stream name), as nginx-rtmp answers for live streams, so
     * the player carries on from the live edge; a controller serving recordings repositions its
     * source to {@code seek.milliseconds()} and sends Seek.Notify itself, or NetStream.Seek.Failed /
     * NetStream.Seek.InvalidTime.
     *
     * <p>{@code seek} on a stream that is not playing is answered {@code _error}
     * NetStream.Seek.Failed by the library and not passed here.
     *
     * @param session the connection
     * @param stream the playing stream
     * @param seek the offset in ms
     */
    default void onSeek(RtmpSession session, NetStream stream, Seek seek) {
        session.sendStatus(stream, Status.status(StatusCodes.SEEK_NOTIFY, "Seeking " + (long) seek.milliseconds()
                + " ms").with("details", stream.name()));
    }

    /**
     * A {@code receiveAudio} command (RTMP 1.0 §7.2.2.4), on any stream of the session (players may
     * send it before {@code play}). Before this call the library has recorded the flag ({@link
     * NetStream#receivesAudio()}): while false, {@link RtmpSession#sendMedia} skips audio to the
     * stream (sequence headers excepted). Default, as the spec says: nothing for false; for true
     * on a playing stream, {@code onStatus} NetStream.Seek.Notify then NetStream.Play.Start.
     *
     * @param session the connection
     * @param stream the stream
     * @param receive whether the player wants audio
     */
    default void onReceiveAudio(RtmpSession session, NetStream stream, boolean receive) {
        if (receive && stream.state() == NetStream.State.PLAYING) {
            session.sendStatus(stream, Status.status(StatusCodes.SEEK_NOTIFY, "Receiving audio")
                    .with("details", stream.name()));
            session.sendStatus(stream, Status.status(StatusCodes.PLAY_START, "Started playing " + stream.name())
                    .with("details", stream.name()));
        }
    }

    /**
     * A {@code receiveVideo} command (RTMP 1.0 §7.2.2.5), on any stream of the session. Before this
     * call the library has recorded the flag ({@link NetStream#receivesVideo()}): while false,
     * {@link RtmpSession#sendMedia} skips video to the stream (sequence headers excepted); once
     * true again video resumes at the next keyframe. Default, as the spec says: nothing for false;
     * for true on a playing stream, {@code onStatus} NetStream.Seek.Notify then NetStream.Play.Start.
     *
     * @param session the connection
     * @param stream the stream
     * @param receive whether the player wants video
     */
    default void onReceiveVideo(RtmpSession session, NetStream stream, boolean receive) {
        if (receive && stream.state() == NetStream.State.PLAYING) {
            session.sendStatus(stream, Status.status(StatusCodes.SEEK_NOTIFY, "Receiving video")
                    .with("details", stream.name()));
            session.sendStatus(stream, Status.status(StatusCodes.PLAY_START, "Started playing " + stream.name())
                    .with("details", stream.name()));
        }
    }

    /**
     * An {@code FCSubscribe} command (FMS/CDN convention: a player announces the stream it will
     * play, so that an edge can start pulling it). The library has already answered {@code
     * _result} (when the transaction id is not 0) and {@code onFCSubscribe} with
     * NetStream.Play.Start, as FMS does. Default: nothing.
     *
     * @param session the connection
     * @param subscribe the stream name and query
     */
    default void onFcSubscribe(RtmpSession session, FcSubscribe subscribe) {}

    /**
     * A command the library does not handle: a NetConnection call ({@code nc.call}, RTMP 1.0
     * §7.2.1.2) or an unknown NetStream command, typed. Answer with {@code request.accept(value)}
     * ({@code _result}) or {@code request.reject(...)} ({@code _error}), now or later. Default:
     * passes {@code request.message()} to {@link #onCommand}, the catch-all, which answers {@code
     * _error} NetConnection.Call.Failed unless overridden.
     *
     * @param session the connection
     * @param request the call and its pending answer
     */
    default void onCall(RtmpSession session, CallRequest request) {
        onCommand(session, request.message());
    }

    /**
     * Any command the library does not handle, reached through the default {@link #onCall}.
     * Default: {@code _error} with NetConnection.Call.Failed.
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
