package org.rtmp4j.live;

import java.util.Map;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.PlayRequest;
import org.rtmp4j.core.session.PublishRequest;
import org.rtmp4j.core.session.RtmpSession;
import org.rtmp4j.live.Bindings.Binding;
import org.rtmp4j.live.Bindings.PlayerBinding;
import org.rtmp4j.live.Bindings.PublisherBinding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RTMP on the hub (RTMP 1.0 §7.2.2): a publishing message stream is an {@link Ingest}, a playing one
 * an {@link Output} over an {@link RtmpSink}; {@link Bindings} find them per (session id, message
 * stream id). The decisions are {@link LiveBroadcastController}'s hooks; see its Javadoc for the
 * behaviour. Thread-safety: as the controller's.
 */
final class RtmpRelay {
    private static final Logger log = LoggerFactory.getLogger(RtmpRelay.class);

    private final LiveBroadcastController relay;
    private final LiveHub hub;
    private final Bindings bindings = new Bindings();

    RtmpRelay(LiveBroadcastController relay) {
        this.relay = relay;
        this.hub = relay.hub();
    }

    // ---------------------------------------------------------------- RTMP publish

    void onPublish(RtmpSession session, PublishRequest request) {
        NetStream stream = request.stream();
        if (stream.state() == NetStream.State.CLOSED) { // decided late, after the connection went
            request.reject(Status.error(StatusCodes.PUBLISH_REJECTED, "stream closed"));
            return;
        }
        if (request.command().name().isEmpty()) { // e.g. ffmpeg or OBS given rtmp://host/live without a key
            request.reject(Status.error(StatusCodes.PUBLISH_BAD_NAME, LiveBroadcastController.EMPTY_STREAM_KEY));
            return;
        }
        StreamKey key = relay.streamKey(session, request.command().name());
        RtmpIngestSource source = new RtmpIngestSource(session, stream, Queries.rtmp(request.command().query(), session));
        Ingest ingest;
        try {
            Status loop = relay.relayChain().refusal(key, source);
            Status refusal = loop != null ? loop : relay.authorizePublish(key, source);
            if (refusal != null) {
                throw new LivePublishException(refusal);
            }
            ingest = hub.claim(key, source);
        } catch (LivePublishException e) {
            request.reject(e.status());
            return;
        }
        bind(session, stream.id(), new PublisherBinding(ingest.stream(), ingest));
        try {
            request.accept();
        } catch (RuntimeException e) {
            bindings.unbind(session, stream.id());
            ingest.close();
            throw e;
        }
        ingest.start();
    }

    void onMetadata(RtmpSession session, NetStream stream, DataMessage metadata) {
        PublisherBinding b = bindings.publisher(session, stream.id());
        if (b == null) {
            return;
        }
        Map<String, Object> map = Metadata.extract(metadata);
        if (map != null || Metadata.isClear(metadata)) {
            b.ingest().metadata(map);
        }
    }

    void onMedia(RtmpSession session, NetStream stream, MediaMessage media) {
        PublisherBinding b = bindings.publisher(session, stream.id());
        if (b != null) {
            b.ingest().media(media);
        }
    }

    // ---------------------------------------------------------------- RTMP play

    void onPlay(RtmpSession session, PlayRequest request) {
        NetStream stream = request.stream();
        if (stream.state() == NetStream.State.CLOSED) { // decided late, after the connection went
            request.reject(Status.error(StatusCodes.PLAY_FAILED, "stream closed"));
            return;
        }
        StreamKey key = relay.streamKey(session, request.command().name());
        Status refusal = relay.authorizePlay(new PlayAttempt(key, PlayerKind.RTMP, session.remoteAddress(),
                Queries.rtmp(request.command().query(), session)));
        if (refusal != null) {
            log.debug("{} may not play {}: {} {}", session.id(), key, refusal.code(), refusal.description());
            request.reject(refusal);
            return;
        }
        Output output = new Output(new RtmpSink(session, stream),
                fourCc -> hub.options.allowEnhancedToLegacyPlayers() || relay.playerSupports(session, fourCc),
                session.id() + "/" + stream.id());
        LiveStream.Join join = hub.join(key, output, relay.waits(key));
        if (join == null) {
            request.reject(Status.error(StatusCodes.PLAY_STREAM_NOT_FOUND, key.name() + " is not published"));
            return;
        }
        if (join.refused()) {
            request.reject(Ingest.refused(key, join.videoFourCc()));
            return;
        }
        LiveStream ls = join.stream();
        bind(session, stream.id(), new PlayerBinding(ls, output));
        try {
            request.accept();
            log.debug("{} plays {} (stream {}, {})", session.id(), key, stream.id(), join.live() ? "live" : "waiting");
            LiveHub.runJoin(output, join); // on the player's connection thread: its sink thread
        } catch (RuntimeException e) {
            bindings.unbind(session, stream.id());
            hub.leave(ls, output);
            throw e;
        }
    }

    // ---------------------------------------------------------------- stop

    /** unpublish, stop play or deleteStream of one message stream */
    void stop(RtmpSession session, NetStream stream) {
        release(bindings.unbind(session, stream.id()));
    }

    /** The connection closed: every role of it ends. */
    void close(RtmpSession session) {
        for (Binding b : bindings.removeSession(session)) {
            release(b);
        }
    }

    private void release(Binding b) {
        if (b instanceof PublisherBinding p) {
            p.ingest().close();
        } else if (b instanceof PlayerBinding p) {
            if (hub.leave(p.stream(), p.output())) {
                log.debug("{} stops playing {}", p.output(), p.stream().key());
            }
        }
    }

    private void bind(RtmpSession session, int streamId, Binding binding) {
        Binding previous = bindings.bind(session, streamId, binding);
        if (previous != null) { // a stream reused without stop: drop the old role first
            release(previous);
        }
    }
}
