package org.rtmp4j.core.session;

import org.rtmp4j.core.command.Commands;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtmp4j.core.RtmpProtocolException;
import org.rtmp4j.core.command.Connect;
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

    /** E-RTMP v2 FourCcInfoMask.CanForward. */
    private static final int FOURCC_CAN_FORWARD = 0x04;

    private final ServerConnection conn;
    private final SessionConfig config;
    private final Map<Integer, ServerStream> streams;
    private ConnectState connectState = ConnectState.AWAITING;

    ServerCommands(ServerConnection conn, SessionConfig config, Map<Integer, ServerStream> streams) {
        this.conn = conn;
        this.config = config;
        this.streams = streams;
    }

    /** @return whether a connect was accepted */
    boolean connected() {
        return connectState == ConnectState.CONNECTED;
    }

    void onCommand(CommandMessage c) {
        String name = c.name();
        if ("connect".equals(name)) {
            onConnectCommand(c);
            return;
        }
        if (connectState != ConnectState.CONNECTED) {
            LOG.debug("{} ignoring {} before an accepted connect", conn.id(), name);
            return;
        }
        switch (name) {
            case "createStream":
                conn.call(ctl -> ctl.onCreateStream(conn, new PendingRequests.CreateStreamReq(conn, c)));
                break;
            case "releaseStream":
            case "FCSubscribe":
            case "_checkbw":
                // Adobe-era calls: answered so clients (ffmpeg) log no error.
                conn.sendNow(Commands.result(c, null));
                break;
            case "FCPublish":
                conn.sendNow(Commands.result(c, null));
                conn.sendNow(Replies.command(0, "onFCPublish", 0, null,
                        Status.status(StatusCodes.PUBLISH_START, String.valueOf(c.argument(0))).toMap()));
                break;
            case "FCUnpublish":
                onFcUnpublish(c);
                break;
            case "getStreamLength":
                conn.sendNow(Commands.result(c, null, 0.0));
                break;
            case "deleteStream":
                if (c.argument(0) instanceof Number n) {
                    deleteStream(n.intValue());
                }
                break;
            case "closeStream":
                ServerStream closing = streams.get(c.streamId());
                if (closing != null) {
                    stopStream(closing);
                }
                break;
            case "publish":
                onPublishCommand(c);
                break;
            case "play":
                onPlayCommand(c);
                break;
            case "_result":
            case "_error":
            case "onStatus":
                LOG.debug("{} ignoring {} from client", conn.id(), name);
                break;
            default:
                conn.call(ctl -> ctl.onCommand(conn, c));
        }
    }

    private void onConnectCommand(CommandMessage c) {
        if (connectState != ConnectState.AWAITING) {
            throw new RtmpProtocolException(-1, "second connect command (transaction id " + c.transactionId() + ")");
        }
        Connect command = Connect.from(c);
        connectState = ConnectState.PENDING;
        LOG.debug("{} connect app={} tcUrl={}", conn.id(), command.app(), command.tcUrl());
        conn.call(ctl -> ctl.onConnect(conn, new PendingRequests.ConnectReq(conn, c, command)));
    }

    private void onFcUnpublish(CommandMessage c) {
        String name = c.argument(0) instanceof String s ? s : null;
        conn.sendNow(Replies.command(0, "onFCUnpublish", 0, null,
                Status.status(StatusCodes.UNPUBLISH_SUCCESS, String.valueOf(name)).toMap()));
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
            conn.sendNow(Commands.error(c, Status.error(StatusCodes.CALL_FAILED, "publish on unknown message stream id " + c.streamId())));
            return;
        }
        Publish publish = Publish.from(c);
        if (s.state() != NetStream.State.IDLE) {
            conn.sendNow(Commands.onStatus(s.id(), Status.error(StatusCodes.PUBLISH_BAD_NAME, "stream " + s.id() + " is busy")));
            return;
        }
        conn.call(ctl -> ctl.onPublish(conn, new PendingRequests.PublishReq(conn, c, publish, s)));
    }

    private void onPlayCommand(CommandMessage c) {
        ServerStream s = streams.get(c.streamId());
        if (s == null) {
            conn.sendNow(Commands.error(c, Status.error(StatusCodes.CALL_FAILED, "play on unknown message stream id " + c.streamId())));
            return;
        }
        Play play = Play.from(c);
        if (s.state() != NetStream.State.IDLE) {
            conn.sendNow(Commands.onStatus(s.id(), Status.error(StatusCodes.PLAY_FAILED, "stream " + s.id() + " is busy")));
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
        Map<String, Object> props = Commands.connectResultProperties(config.fmsVer(), Commands.DEFAULT_CAPABILITIES);
        if (announcesEnhancedRtmp(request.command())) {
            advertiseForwarding(props);
        }
        Map<String, Object> info = Commands.connectResultInformation(request.command().objectEncoding());
        conn.sendNow(Commands.result(request.message(), props, info));
        conn.sendNow(Commands.onBWDone());
        LOG.debug("{} connect accepted", conn.id());
    }

    private static boolean announcesEnhancedRtmp(Connect connect) {
        Map<String, Object> o = connect.commandObject();
        return o.containsKey("fourCcList") || o.containsKey("videoFourCcInfoMap")
                || o.containsKey("audioFourCcInfoMap") || o.containsKey("capsEx");
    }

    /**
     * E-RTMP v2, "Enhancing NetConnection connect Command": the server states its support in the
     * {@code _result} properties. The engine relays media without decoding it, so it can forward
     * any codec: wildcard FourCC with FourCcInfoMask.CanForward (0x04).
     */
    private static void advertiseForwarding(Map<String, Object> props) {
        Map<String, Object> any = new LinkedHashMap<>();
        any.put("*", (double) FOURCC_CAN_FORWARD);
        props.put("fourCcList", List.of("*"));
        props.put("videoFourCcInfoMap", any);
        props.put("audioFourCcInfoMap", new LinkedHashMap<>(any));
        props.put("capsEx", 0.0);
    }

    void rejectConnect(PendingRequests.ConnectReq request, Status status) {
        LOG.debug("{} connect rejected: {}", conn.id(), status.code());
        conn.sendNow(Commands.error(request.message(), status));
        conn.closeNow(null);
    }

    void acceptCreateStream(PendingRequests.CreateStreamReq request) {
        if (streams.size() >= config.maxMessageStreams()) {
            conn.sendNow(Commands.error(request.message(), Status.error(StatusCodes.CALL_FAILED,
                    "more than " + config.maxMessageStreams() + " message streams")));
            return;
        }
        int streamId = 1;
        while (streams.containsKey(streamId)) {
            streamId++;
        }
        streams.put(streamId, new ServerStream(streamId, conn));
        conn.sendNow(Commands.result(request.message(), null, (double) streamId));
    }

    void acceptPublish(PendingRequests.PublishReq request) {
        ServerStream s = request.stream();
        if (s.state() != NetStream.State.IDLE || streams.get(s.id()) != s) {
            return;
        }
        String name = request.command().name();
        s.become(NetStream.State.PUBLISHING, name);
        conn.sendNow(new UserControl.StreamBegin(s.id()));
        conn.sendNow(Commands.onStatus(s.id(),
                Status.status(StatusCodes.PUBLISH_START, name + " is now published").with("details", name)));
        LOG.debug("{} publishing {} on stream {}", conn.id(), name, s.id());
    }

    void acceptPlay(PendingRequests.PlayReq request) {
        ServerStream s = request.stream();
        if (s.state() != NetStream.State.IDLE || streams.get(s.id()) != s) {
            return;
        }
        String name = request.command().name();
        s.become(NetStream.State.PLAYING, name);
        conn.sendNow(new UserControl.StreamBegin(s.id()));
        if (request.command().reset()) {
            conn.sendNow(Commands.onStatus(s.id(),
                    Status.status(StatusCodes.PLAY_RESET, "Playing and resetting " + name).with("details", name)));
        }
        conn.sendNow(Commands.onStatus(s.id(), Status.status(StatusCodes.PLAY_START, "Started playing " + name).with("details", name)));
        conn.sendNow(Commands.sampleAccess(s.id()));
        LOG.debug("{} playing {} on stream {}", conn.id(), name, s.id());
    }

    void stopStream(ServerStream s) {
        String name = s.name();
        if (s.state() == NetStream.State.PUBLISHING) {
            conn.call(ctl -> ctl.onUnpublish(conn, s));
            s.become(NetStream.State.IDLE, null);
            conn.sendNow(Commands.onStatus(s.id(),
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
