package org.rtmp4j.core.session;

import java.util.Map;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.command.Commands;
import org.rtmp4j.core.command.Pause;
import org.rtmp4j.core.command.Play2;
import org.rtmp4j.core.command.ReceiveAudio;
import org.rtmp4j.core.command.ReceiveVideo;
import org.rtmp4j.core.command.Seek;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.CommandMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server engine's playback-control NetStream commands: {@code play2} (RTMP 1.0 §7.2.2.2),
 * {@code receiveAudio} (§7.2.2.4), {@code receiveVideo} (§7.2.2.5), {@code seek} (§7.2.2.7) and
 * {@code pause} (§7.2.2.8). Updates the stream's {@link PlaybackFilter}, then passes the typed
 * command to the controller, whose defaults send the status replies.
 *
 * <p>Failures are answered with {@code _error} (the spec's "in failure, it returns an _error
 * message"), echoing the transaction id, and are not passed to the controller: a command on a
 * message stream id createStream did not return (NetConnection.Call.Failed), {@code pause} /
 * {@code seek} / {@code play2} on a stream that is not playing (NetStream.Failed /
 * NetStream.Seek.Failed / NetStream.Play.Failed), and malformed arguments (NetConnection.Call.Failed
 * naming the argument; the connection stays open). Not thread-safe: the connection's thread only.
 */
final class PlaybackCommands {
    private static final Logger LOG = LoggerFactory.getLogger(PlaybackCommands.class);

    private final ServerConnection conn;
    private final Map<Integer, ServerStream> streams;

    PlaybackCommands(ServerConnection conn, Map<Integer, ServerStream> streams) {
        this.conn = conn;
        this.streams = streams;
    }

    /** @return whether {@code name} is one of the commands handled here */
    static boolean handles(String name) {
        switch (name) {
            case Commands.PLAY2:
            case Commands.PAUSE:
            case Commands.SEEK:
            case Commands.RECEIVE_AUDIO:
            case Commands.RECEIVE_VIDEO:
                return true;
            default:
                return false;
        }
    }

    void onCommand(CommandMessage c) {
        ServerStream s = streams.get(c.streamId());
        if (s == null) {
            fail(c, Status.error(StatusCodes.CALL_FAILED, c.name() + " on unknown message stream id " + c.streamId()));
            return;
        }
        try {
            switch (c.name()) {
                case Commands.PAUSE:
                    pause(c, s, Pause.from(c));
                    break;
                case Commands.SEEK:
                    seek(c, s, Seek.from(c));
                    break;
                case Commands.PLAY2:
                    play2(c, s, Play2.from(c));
                    break;
                case Commands.RECEIVE_AUDIO:
                    boolean audio = ReceiveAudio.from(c).receive();
                    s.filter().audio(audio);
                    conn.call(ctl -> ctl.onReceiveAudio(conn, s, audio));
                    break;
                default:
                    boolean video = ReceiveVideo.from(c).receive();
                    s.filter().video(video);
                    conn.call(ctl -> ctl.onReceiveVideo(conn, s, video));
            }
        } catch (RtmpProtocolException e) {
            LOG.debug("{} malformed {}: {}", conn.id(), c.name(), e.getMessage());
            fail(c, Status.error(StatusCodes.CALL_FAILED, e.getMessage()));
        }
    }

    private void pause(CommandMessage c, ServerStream s, Pause pause) {
        if (s.state() != NetStream.State.PLAYING) {
            fail(c, Status.error(StatusCodes.FAILED, "stream " + s.id() + " is not playing"));
            return;
        }
        s.filter().paused(pause.pause());
        LOG.debug("{} {} stream {} at {} ms", conn.id(), pause.pause() ? "paused" : "unpaused", s.id(), pause.milliseconds());
        conn.call(ctl -> ctl.onPause(conn, s, pause));
    }

    private void seek(CommandMessage c, ServerStream s, Seek seek) {
        if (s.state() != NetStream.State.PLAYING) {
            fail(c, Status.error(StatusCodes.SEEK_FAILED, "stream " + s.id() + " is not playing"));
            return;
        }
        conn.call(ctl -> ctl.onSeek(conn, s, seek));
    }

    private void play2(CommandMessage c, ServerStream s, Play2 play2) {
        if (s.state() != NetStream.State.PLAYING) {
            fail(c, Status.error(StatusCodes.PLAY_FAILED, "stream " + s.id() + " is not playing"));
            return;
        }
        conn.call(ctl -> ctl.onPlay2(conn, s, play2));
    }

    private void fail(CommandMessage c, Status status) {
        conn.sendReply(Commands.error(c, status));
    }
}
