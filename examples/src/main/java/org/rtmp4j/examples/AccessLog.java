package org.rtmp4j.examples;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.rtmp4j.core.command.Connect;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.ConnectRequest;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.PlayRequest;
import org.rtmp4j.core.session.PublishRequest;
import org.rtmp4j.core.session.RtmpController;
import org.rtmp4j.core.session.RtmpSession;
import org.rtmp4j.core.session.ForwardingRtmpController;
import org.rtmp4j.live.LiveBroadcastController;
import org.rtmp4j.live.LiveStream;
import org.rtmp4j.live.StreamInfo;
import org.rtmp4j.live.StreamKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log of the {@code server} and {@code record} commands: one INFO line on the logger
 * {@value #LOGGER} per event, each starting with the event and the peer's {@code address:port}, app and
 * stream key always as separate fields ({@code app=live/inst key=cam}):
 * <ul>
 *   <li>{@code connect PEER app=.. tcUrl=.. flashVer=..} when a connect is accepted (RTMP 1.0 §7.2.1.1),
 *       {@code connect refused PEER app=..: CODE description} when refused;</li>
 *   <li>{@code publish PEER app=.. key=..} (RTMP 1.0 §7.2.2.6), {@code codecs PEER app=.. key=.. video ..,
 *       audio ..} once the sequence headers told the relay, {@code unpublish PEER app=.. key=.. video ..,
 *       audio ..} when publishing ends for any reason;</li>
 *   <li>{@code play PEER app=.. key=.. live} or {@code .. waiting for a publisher} (RTMP 1.0 §7.2.2.1),
 *       {@code stop PEER app=.. key=..} when playing ends for any reason;</li>
 *   <li>{@code publish refused} and {@code play refused} with the status code and description of the
 *       refusal, whoever decided it (e.g. {@link StreamKeyAuth}, so fail2ban-style tools see the peer of
 *       every wrong stream key);</li>
 *   <li>{@code disconnect PEER} when the connection closes (with the cause if it failed).</li>
 * </ul>
 * Query strings ({@code ?token=}) are never logged. A controller wrapper, so the library stays usable
 * without it; wrap it outermost to see every decision. Thread-safe: state is per session and stream in a
 * concurrent map, each touched by its connection's thread (and the thread deciding a request).
 */
final class AccessLog extends ForwardingRtmpController {
    /** The logger name, so the access log can be routed or silenced on its own. */
    static final String LOGGER = "rtmp4j.access";
    /** Media messages after which the codecs are logged with what is known, if not both audio and video. */
    static final int CODECS_AFTER_MESSAGES = 100;

    private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

    private final LiveBroadcastController relay;
    /** Session id to message stream id to role: a close finds its session's roles without a scan of all. */
    private final Map<String, Map<Integer, Role>> roles = new ConcurrentHashMap<>();

    /** What a message stream is doing, for its end line; {@code mediaSeen} counts up to the codecs line. */
    private static final class Role {
        final boolean publisher;
        final StreamKey key;
        int mediaSeen;
        boolean codecsLogged;

        Role(boolean publisher, StreamKey key) {
            this.publisher = publisher;
            this.key = key;
        }
    }

    /**
     * @param delegate decides everything
     * @param relay the live relay the delegate leads to, for "live" or "waiting" and the codecs; or
     *     {@code null} (a recorder): then neither is logged
     */
    AccessLog(RtmpController delegate, LiveBroadcastController relay) {
        super(delegate);
        this.relay = relay;
    }

    @Override
    public void onConnect(RtmpSession session, ConnectRequest request) {
        if (!LOG.isInfoEnabled()) { // e.g. --log-level warn: nothing to log, nothing to track
            super.onConnect(session, request);
            return;
        }
        logDecision(request.decision(), () -> {
            Connect c = request.command();
            LOG.info("connect {} app={} tcUrl={} flashVer=\"{}\"", peer(session), c.app(), stripQuery(c.tcUrl()),
                    c.flashVer());
        }, reason -> LOG.info("connect refused {} app={}: {}", peer(session), request.command().app(), reason));
        super.onConnect(session, request);
    }

    @Override
    public void onPublish(RtmpSession session, PublishRequest request) {
        if (!LOG.isInfoEnabled()) {
            super.onPublish(session, request);
            return;
        }
        StreamKey key = key(session, request.command().name());
        logDecision(request.decision(), () -> {
            put(session, request.stream(), new Role(true, key));
            LOG.info("publish {} {}", peer(session), fields(key));
        }, reason -> LOG.info("publish refused {} {}: {}", peer(session), fields(key), reason));
        super.onPublish(session, request);
    }

    @Override
    public void onPlay(RtmpSession session, PlayRequest request) {
        if (!LOG.isInfoEnabled()) {
            super.onPlay(session, request);
            return;
        }
        StreamKey key = key(session, request.command().name());
        logDecision(request.decision(), () -> {
            put(session, request.stream(), new Role(false, key));
            if (relay == null) {
                LOG.info("play {} {}", peer(session), fields(key));
            } else {
                boolean live = relay.streams().get(key).map(LiveStream::isLive).orElse(false);
                LOG.info("play {} {} {}", peer(session), fields(key), live ? "live" : "waiting for a publisher");
            }
        }, reason -> LOG.info("play refused {} {}: {}", peer(session), fields(key), reason));
        super.onPlay(session, request);
    }

    /** Logs a request's decision, whoever makes it and on whichever thread: {@code CODE description} if refused. */
    private static void logDecision(CompletionStage<Optional<Status>> decision, Runnable accepted,
            Consumer<String> refused) {
        decision.thenAccept(rejection -> rejection.ifPresentOrElse(s -> refused.accept(reason(s)), accepted));
    }

    @Override
    public void onMedia(RtmpSession session, NetStream stream, MediaMessage media) {
        super.onMedia(session, stream, media);
        if (relay == null) {
            return;
        }
        Map<Integer, Role> streams = roles.get(session.id());
        Role role = streams == null ? null : streams.get(stream.id());
        if (role == null || !role.publisher || role.codecsLogged) {
            return;
        }
        role.mediaSeen++;
        Optional<StreamInfo> info = info(role.key);
        boolean both = info.map(i -> i.videoCodec() != null && i.audioCodec() != null).orElse(false);
        if (both || role.mediaSeen >= CODECS_AFTER_MESSAGES) {
            role.codecsLogged = true;
            LOG.info("codecs {} {} {}", peer(session), fields(role.key), info.map(AccessLog::codecs).orElse("unknown"));
        }
    }

    @Override
    public void onUnpublish(RtmpSession session, NetStream stream) {
        ended(session, stream);
        super.onUnpublish(session, stream);
    }

    @Override
    public void onStopPlay(RtmpSession session, NetStream stream) {
        ended(session, stream);
        super.onStopPlay(session, stream);
    }

    @Override
    public void onDeleteStream(RtmpSession session, NetStream stream) {
        ended(session, stream);
        super.onDeleteStream(session, stream);
    }

    @Override
    public void onClose(RtmpSession session, Throwable causeOrNull) {
        Map<Integer, Role> streams = roles.remove(session.id());
        if (streams != null) {
            streams.forEach((id, role) -> ended(session, streams, id, role));
        }
        super.onClose(session, causeOrNull);
        if (!LOG.isInfoEnabled()) {
            return; // peer() formats an address: not for every disconnect of a thousand players
        }
        if (causeOrNull == null) {
            LOG.info("disconnect {}", peer(session));
        } else {
            LOG.info("disconnect {}: {}", peer(session), causeOrNull.toString());
        }
    }

    private void put(RtmpSession session, NetStream stream, Role role) {
        roles.computeIfAbsent(session.id(), id -> new ConcurrentHashMap<>()).put(stream.id(), role);
    }

    private void ended(RtmpSession session, NetStream stream) {
        Map<Integer, Role> streams = roles.get(session.id());
        if (streams != null) {
            ended(session, streams, stream.id(), streams.get(stream.id()));
        }
    }

    /** Logs the end of {@code role} (before the relay forgets the stream, so its codecs are still known). */
    private void ended(RtmpSession session, Map<Integer, Role> streams, int streamId, Role role) {
        if (role == null || !streams.remove(streamId, role)) {
            return;
        }
        if (role.publisher) {
            String codecs = relay == null ? "" : " " + info(role.key).map(AccessLog::codecs).orElse("");
            LOG.info("unpublish {} {}{}", peer(session), fields(role.key), codecs.isBlank() ? "" : codecs);
        } else {
            LOG.info("stop {} {}", peer(session), fields(role.key));
        }
    }

    private Optional<StreamInfo> info(StreamKey key) {
        return relay.streams().get(key).map(LiveStream::info);
    }

    /**
     * @param info a stream's snapshot
     * @return e.g. {@code video h264 1280x720 25 fps, audio aac 44100 Hz 2 ch}; {@code video none} for an
     *     unknown codec
     */
    static String codecs(StreamInfo info) {
        StringBuilder b = new StringBuilder("video ");
        if (info.videoCodec() == null) {
            b.append("none");
        } else {
            b.append(info.videoCodec());
            if (info.width() > 0 && info.height() > 0) {
                b.append(' ').append(info.width()).append('x').append(info.height());
            }
            if (info.frameRate() > 0) {
                double fps = Math.round(info.frameRate() * 100) / 100.0;
                b.append(' ').append(fps == Math.rint(fps) ? Long.toString((long) fps) : Double.toString(fps)).append(" fps");
            }
        }
        b.append(", audio ");
        if (info.audioCodec() == null) {
            b.append("none");
        } else {
            b.append(info.audioCodec());
            if (info.sampleRate() > 0) {
                b.append(' ').append(info.sampleRate()).append(" Hz");
            }
            if (info.channels() > 0) {
                b.append(' ').append(info.channels()).append(" ch");
            }
        }
        return b.toString();
    }

    private static StreamKey key(RtmpSession session, String name) {
        return new StreamKey(session.connectCommand().map(Connect::app).orElse(""), name);
    }

    private static String fields(StreamKey key) {
        return "app=" + key.app() + " key=" + key.name();
    }

    /** @return {@code host:port} of the peer ({@code [v6]:port} for IPv6), or {@code unknown} */
    static String peer(RtmpSession session) {
        return peer(session.remoteAddress());
    }

    /** @return {@code host:port} of {@code a} ({@code [v6]:port}), or {@code unknown} */
    static String peer(SocketAddress a) {
        if (a instanceof InetSocketAddress i) {
            String host = i.getAddress() != null ? i.getAddress().getHostAddress() : i.getHostString();
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + i.getPort();
        }
        return a == null ? "unknown" : a.toString();
    }

    private static String stripQuery(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** @return {@code CODE description} of a refusal */
    static String reason(Status status) {
        return status.code() + " " + status.description();
    }
}
