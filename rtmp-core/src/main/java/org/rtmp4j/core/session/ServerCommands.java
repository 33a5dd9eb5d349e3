package org.rtmp4j.core.session;

import org.rtmp4j.core.command.Commands;
import java.util.Map;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.command.Connect;
import org.rtmp4j.core.command.EnhancedCapabilities;
import org.rtmp4j.core.command.FcSubscribe;
import org.rtmp4j.core.command.Play;
import org.rtmp4j.core.command.Publish;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.CommandMessage;
import org.rtmp4j.core.message.SetPeerBandwidth;
import org.rtmp4j.core.message.UserControl;
import org.rtmp4j.core.message.WindowAckSize;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server engine's NetConnection and NetStream command handling (RTMP 1.0 §7.2): connect state,
 * message stream ids and their {@link ServerStream}s, the library-answered commands and the replies
 * written once a request is accepted. Not thread-safe: the connection's thread only.
 */
final class ServerCommands {
    private static final Logger LOG = LoggerFactory.getLogger(ServerCommands.class);

    private enum ConnectState { AWAITING, PENDING, CONNECTED }

    private final ServerConnection conn;
    private final SessionConfig config;
    private final Map<Integer, ServerStream> streams;
    private final PlaybackCommands playback;
    private ConnectState connectState = ConnectState.AWAITING;

    ServerCommands(ServerConnection conn, SessionConfig config, Map<Integer, ServerStream> streams) {
        this.conn = conn;
        this.config = config;
        this.streams = streams;
        this.playback = new PlaybackCommands(conn, streams);
    }

    /** @return whether a connect was accepted */
    boolean connected() {
        return connectState == ConnectState.CONNECTED;
    }

    void onCommand(CommandMessage c) {
        String name = c.name();
        if (Commands.CONNECT.equals(name)) {
            onConnectCommand(c);
            return;
        }
        if (connectState != ConnectState.CONNECTED) {
            LOG.debug("{} ignoring {} before an accepted connect", conn.id(), name);
            return;
        }
        switch (name) {
            case Commands.CREATE_STREAM:
                conn.call(ctl -> ctl.onCreateStream(conn, new PendingRequests.CreateStreamReq(conn, c)));
                break;
            case Commands.RELEASE_STREAM:
                // FMLE/ffmpeg/OBS before publish: nothing to release in a live relay; answered so
                // that clients log no error.
                answer(c, Commands.result(c, null));
                break;
            case Commands.FC_PUBLISH:
                answer(c, Commands.result(c, null));
                conn.sendReply(Commands.onFCPublish(firstString(c)));
                break;
            case Commands.FC_UNPUBLISH:
                onFcUnpublish(c);
                break;
            case Commands.FC_SUBSCRIBE:
                onFcSubscribe(c);
                break;
            case Commands.CHECK_BW:
                // No bandwidth measurement: _result only. Never onBWDone here: ffmpeg answers every
                // onBWDone with _checkbw, so replying onBWDone loops for the whole session and leaves
                // replies unread when ffmpeg closes, which makes its kernel reset the connection and
                // drop the last media still in our receive queue.
                answer(c, Commands.checkBwResult(c));
                break;
            case Commands.GET_STREAM_LENGTH:
                // Live streams have no length: 0 s, as FMS answers for live.
                answer(c, Commands.streamLengthResult(c, 0));
                break;
            case Commands.DELETE_STREAM:
                if (c.argument(0) instanceof Number n) {
                    deleteStream(n.intValue());
                }
                break;
            case Commands.CLOSE_STREAM:
                ServerStream closing = streams.get(c.streamId());
                if (closing != null) {
                    stopStream(closing);
                }
                break;
            case Commands.PUBLISH:
                onPublishCommand(c);
                break;
            case Commands.PLAY:
                onPlayCommand(c);
                break;
            case Commands.RESULT:
            case Commands.ERROR:
            case Commands.ON_STATUS:
                LOG.debug("{} ignoring {} from client", conn.id(), name);
                break;
            default:
                if (PlaybackCommands.handles(name)) {
                    playback.onCommand(c);
                } else {
                    conn.call(ctl -> ctl.onCall(conn, new PendingRequests.CallReq(conn, c)));
                }
        }
    }

    /** Sends a reply to {@code request} when it expects one (transaction id not 0). */
    private void answer(CommandMessage request, CommandMessage reply) {
        if (request.transactionId() != 0) {
            conn.sendReply(reply);
        }
    }

    private static String firstString(CommandMessage c) {
        return c.argument(0) instanceof String s ? s : "";
    }

    private void onFcSubscribe(CommandMessage c) {
        FcSubscribe subscribe;
        try {
            subscribe = FcSubscribe.from(c);
        } catch (RtmpProtocolException e) {
            answer(c, Commands.error(c, Status.error(StatusCodes.CALL_FAILED, e.getMessage())));
            return;
        }
        answer(c, Commands.result(c, null));
        conn.sendReply(Commands.onFCSubscribe(firstString(c)));
        conn.call(ctl -> ctl.onFcSubscribe(conn, subscribe));
    }

    private void onConnectCommand(CommandMessage c) {
        if (connectState != ConnectState.AWAITING) {
            throw new RtmpProtocolException(-1, "second connect command (transaction id " + c.transactionId() + ")");
        }
        Connect command = Connect.from(c);
        command.enhanced(); // validates the E-RTMP properties: a wrong type is a protocol error now
        connectState = ConnectState.PENDING;
        LOG.debug("{} connect app={} tcUrl={}", conn.id(), command.app(), command.tcUrl());
        conn.call(ctl -> ctl.onConnect(conn, new PendingRequests.ConnectReq(conn, c, command)));
    }

    private void onFcUnpublish(CommandMessage c) {
        String name = c.argument(0) instanceof String s ? s : null;
        conn.sendReply(Commands.onFCUnpublish(String.valueOf(name)));
        answer(c, Commands.result(c, null));
        for (ServerStream s : streams.values()) {
            if (s.state() == NetStream.State.PUBLISHING && name != null && name.startsWith(s.name())
                    && (name.length() == s.name().length() || name.charAt(s.name().length()) == '?')) {
                stopStream(s);
            }
        }
    }

    private void onPublishCommand(CommandMessage c) {
        ServerStream s = streams.get(c.streamId());
        if (s == null) {
            conn.sendReply(Commands.error(c, Status.error(StatusCodes.CALL_FAILED, "publish on unknown message stream id " + c.streamId())));
            return;
        }
        Publish publish = Publish.from(c);
        if (s.state() != NetStream.State.IDLE) {
            conn.sendReply(Commands.onStatus(s.id(), Status.error(StatusCodes.PUBLISH_BAD_NAME, "stream " + s.id() + " is busy")));
            return;
        }
        conn.call(ctl -> ctl.onPublish(conn, new PendingRequests.PublishReq(conn, c, publish, s)));
    }

    private void onPlayCommand(CommandMessage c) {
        ServerStream s = streams.get(c.streamId());
        if (s == null) {
            conn.sendReply(Commands.error(c, Status.error(StatusCodes.CALL_FAILED, "play on unknown message stream id " + c.streamId())));
            return;
        }
        Play play = Play.from(c);
        if (s.state() != NetStream.State.IDLE) {
            conn.sendReply(Commands.onStatus(s.id(), Status.error(StatusCodes.PLAY_FAILED, "stream " + s.id() + " is busy")));
            return;
        }
        conn.call(ctl -> ctl.onPlay(conn, new PendingRequests.PlayReq(conn, c, play, s)));
    }



    void acceptConnect(PendingRequests.ConnectReq request) {
        connectState = ConnectState.CONNECTED;
        conn.connected(request.command());
        conn.sendNow(new WindowAckSize(config.windowAckSize()));
        conn.sendNow(new SetPeerBandwidth(config.peerBandwidth(), SetPeerBandwidth.LimitType.DYNAMIC));
        conn.changeChunkSize(config.chunkSize());
        Connect connect = request.command();
        EnhancedCapabilities clientCaps = connect.enhanced();
        Map<String, Object> props = clientCaps.isEmpty()
                ? Commands.connectResultProperties(config.fmsVer(), Commands.DEFAULT_CAPABILITIES)
                : Commands.connectResultProperties(config.fmsVer(), Commands.DEFAULT_CAPABILITIES, config.enhanced());
        Map<String, Object> info = Commands.connectResultInformation(connect.objectEncoding());
        // The _result answers in the connect request's own encoding; later replies use the connection's.
        conn.sendNow(Commands.result(request.message(), props, info));
        conn.sendReply(Commands.onBWDone());
        LOG.debug("{} connect accepted (objectEncoding {}, E-RTMP {})", conn.id(), connect.objectEncoding(),
                clientCaps.isEmpty() ? "no" : clientCaps);
    }

    void rejectConnect(PendingRequests.ConnectReq request, Status status) {
        LOG.debug("{} connect rejected: {}", conn.id(), status.code());
        conn.sendNow(Commands.error(request.message(), status)); // the connect request's encoding
        conn.closeNow(null);
    }

    void acceptCreateStream(PendingRequests.CreateStreamReq request) {
        if (streams.size() >= config.maxMessageStreams()) {
            conn.sendReply(Commands.error(request.message(), Status.error(StatusCodes.CALL_FAILED,
                    "more than " + config.maxMessageStreams() + " message streams")));
            return;
        }
        int streamId = 1;
        while (streams.containsKey(streamId)) {
            streamId++;
        }
        streams.put(streamId, new ServerStream(streamId, conn));
        conn.sendReply(Commands.result(request.message(), null, (double) streamId));
    }

    void acceptPublish(PendingRequests.PublishReq request) {
        ServerStream s = request.stream();
        if (s.state() != NetStream.State.IDLE || streams.get(s.id()) != s) {
            return;
        }
        String name = request.command().name();
        s.become(NetStream.State.PUBLISHING, name);
        conn.sendNow(new UserControl.StreamBegin(s.id()));
        conn.sendReply(Commands.onStatus(s.id(),
                Status.status(StatusCodes.PUBLISH_START, name + " is now published").with("details", name)));
        LOG.debug("{} publishing {} on stream {}", conn.id(), name, s.id());
    }

    void acceptPlay(PendingRequests.PlayReq request) {
        ServerStream s = request.stream();
        if (s.state() != NetStream.State.IDLE || streams.get(s.id()) != s) {
            return;
        }
        String name = request.command().name();
        s.filter().paused(false);
        s.become(NetStream.State.PLAYING, name);
        conn.sendNow(new UserControl.StreamBegin(s.id()));
        if (request.command().reset()) {
            conn.sendReply(Commands.onStatus(s.id(),
                    Status.status(StatusCodes.PLAY_RESET, "Playing and resetting " + name).with("details", name)));
        }
        conn.sendReply(Commands.onStatus(s.id(), Status.status(StatusCodes.PLAY_START, "Started playing " + name).with("details", name)));
        conn.sendReply(Commands.sampleAccess(s.id()));
        LOG.debug("{} playing {} on stream {}", conn.id(), name, s.id());
    }

    void stopStream(ServerStream s) {
        String name = s.name();
        if (s.state() == NetStream.State.PUBLISHING) {
            conn.call(ctl -> ctl.onUnpublish(conn, s));
            s.become(NetStream.State.IDLE, null);
            conn.sendReply(Commands.onStatus(s.id(),
                    Status.status(StatusCodes.UNPUBLISH_SUCCESS, name + " is now unpublished").with("details", name)));
        } else if (s.state() == NetStream.State.PLAYING) {
            conn.call(ctl -> ctl.onStopPlay(conn, s));
            s.become(NetStream.State.IDLE, null);
        }
    }

    void deleteStream(int streamId) {
        ServerStream s = streams.get(streamId);
        if (s == null) {
            return;
        }
        stopStream(s);
        streams.remove(streamId);
        s.become(NetStream.State.CLOSED, s.name());
        conn.call(ctl -> ctl.onDeleteStream(conn, s));
    }
}
