package org.rtmp4j.live;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.ForwardingRtmpController;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.OutboundLimits;
import org.rtmp4j.core.session.PlayRequest;
import org.rtmp4j.core.session.PublishRequest;
import org.rtmp4j.core.session.RtmpController;
import org.rtmp4j.core.session.RtmpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default relay (docs/ARCHITECTURE.md §6): each published stream, keyed by connect {@code app} and publishing
 * name, is relayed to its players with a GOP cache.
 *
 * <ul>
 *   <li><b>Publish</b> (RTMP 1.0 §7.2.2.6): refused with {@code NetStream.Publish.BadName} and
 *       {@value #EMPTY_STREAM_KEY} when the publishing name is empty (a client given
 *       {@code rtmp://host/live} without a stream key), with {@code NetStream.Publish.BadName} when the
 *       name is live (unless {@link PublisherPolicy#TAKEOVER}), with
 *       {@code NetStream.Publish.Rejected} beyond {@link LiveOptions#maxStreams()}; otherwise
 *       accepted, and players waiting on the name get {@code NetStream.Play.PublishNotify}.</li>
 *   <li><b>Play</b> (RTMP 1.0 §7.2.2.1): a live name is accepted, then the player gets the
 *       metadata, the video sequence header, the audio sequence header and the GOP since the last
 *       keyframe, then the live media: every message exactly once, in order. A name that is not
 *       live waits for a publisher ({@link LiveOptions#waitForPublisher()}) or is refused with
 *       {@code NetStream.Play.StreamNotFound}. E-RTMP gate (E-RTMP v2, "Enhancing NetConnection
 *       connect Command"): when the stream's video is an ExHeader FourCC the player's connect
 *       {@code fourCcList} lacks (and no {@code "*"}; for Multitrack video, any track's FourCC),
 *       the play is refused with {@code NetStream.Play.Failed}, or the waiting player dropped
 *       with {@code NetStream.Play.Failed} then {@code NetStream.Play.Stop} (which ends ffmpeg's
 *       read; the error alone leaves ffmpeg 7.1 waiting for data), unless
 *       {@link LiveOptions#allowEnhancedToLegacyPlayers()}.</li>
 *   <li><b>Media</b>: classified by its FLV tag header, cached, and sent to each player with
 *       the player's message stream id: the payload is shared, never copied, and chunked
 *       once per chunk size. Slow players are handled by the hub's drop policy with the
 *       session's {@link org.rtmp4j.core.session.OutboundLimits} (docs/ARCHITECTURE.md §7). Video that
 *       is not well-formed ({@link org.rtmp4j.flv.media.VideoTagValidator}: an unknown CodecID, a
 *       sequence start without its configuration record, a frame without data) is counted in
 *       {@link StreamInfo#messagesIn()} and dropped: it is not relayed and changes neither the
 *       E-RTMP gate, the cached sequence headers, the GOP nor the codec of {@link StreamInfo}. Only a
 *       well-formed sequence header changes the stream's codec (a legacy one lifts the gate). When the
 *       stream's codec description changes, {@link LiveListener}s hear it ({@link #addListener}).</li>
 *   <li><b>Unpublish</b> or publisher close: players get {@code NetStream.Play.UnpublishNotify}
 *       and stay subscribed, waiting for the next publisher.</li>
 *   <li><b>Reconnect</b> (E-RTMP v2, Reconnect Request): when the live publisher's session was asked
 *       to reconnect ({@link RtmpSession#requestReconnect}), a new publish of the same name is its
 *       successor whatever the {@link PublisherPolicy}: it takes the stream over and the players
 *       get no {@code UnpublishNotify}/{@code PublishNotify} (ffmpeg, for one, ends playback on
 *       {@code UnpublishNotify}), just the successor's metadata, sequence headers and, withheld
 *       until it, its first keyframe. The old publisher's later unpublish or close changes
 *       nothing. Publish authentication in {@link #onPublish} overrides still applies.</li>
 * </ul>
 *
 * <p>The relay is a hub (docs/ARCHITECTURE.md §14; DESIGN-NOTES.md "The live hub"): RTMP is one
 * input and one output kind among others. Anything can publish into a name with {@link #publish}
 * (the same publisher policy, limits and stats as RTMP; {@link #authorizePublish} decides for every
 * input), and any {@link MediaSink} can play it with {@link #subscribe}; {@link #subscribeFlv}
 * delivers a stream as FLV bytes with back-pressure, for HTTP-FLV and WebSocket-FLV players or a
 * host's own HTTP server. Every output kind gets the same join, keyframe wait, slow-output policy
 * and counters. {@link #resolveStream} lets the host fill an unknown name on demand.
 *
 * <p>What hosts and operators observe of the hub (its registry, counters, JMX, listeners, the operator's
 * {@link #control()} and the push loop detection {@link #relayChain()}) is inherited from a package-private
 * base, so that this class keeps the decisions: the RTMP callbacks, any input and output, and the hooks.
 *
 * <p>Thread-safety: one instance may serve every session of a server
 * ({@code RtmpServer.Builder.controller}); all state is in concurrent maps and per-stream locks,
 * and no callback blocks. Open for extension: the hooks are {@code protected} and the callbacks
 * overridable; {@link ForwardingRtmpController} composes it with other behaviour instead.
 */
public class LiveBroadcastController extends LiveHubView implements RtmpController {
    /** The description of the {@code NetStream.Publish.BadName} refusal of an empty publishing name. */
    public static final String EMPTY_STREAM_KEY = "empty stream key";

    private static final Logger log = LoggerFactory.getLogger(LiveBroadcastController.class);

    private final RtmpRelay rtmp;
    private volatile StreamResolver resolver = StreamResolver.NONE;

    /** A relay with {@link LiveOptions#DEFAULT}. */
    public LiveBroadcastController() {
        this(LiveOptions.DEFAULT);
    }

    /** @param options the relay settings */
    public LiveBroadcastController(LiveOptions options) {
        this(options, Clock.systemUTC());
    }

    /**
     * @param options the relay settings
     * @param clock the source of {@link StreamInfo#publishingSince()}
     */
    public LiveBroadcastController(LiveOptions options, Clock clock) {
        super(options, clock);
        this.rtmp = new RtmpRelay(this);
    }


    // ---------------------------------------------------------------- any input, any output

    /**
     * Publishes into {@code key} from any source (an HTTP-FLV POST, a pull relay, a file): the same
     * {@link #authorizePublish} decision, {@link PublisherPolicy}, {@link LiveOptions#maxStreams()}
     * and statistics as an RTMP publish. Players waiting on the name hear that it is live.
     *
     * @param key the stream name
     * @param source who publishes
     * @return the handle to publish media and metadata through, and to end with {@link Ingest#close()}
     * @throws LivePublishException if refused (already published, too many streams, not authorised)
     * @throws NullPointerException if an argument is null
     */
    public Ingest publish(StreamKey key, IngestSource source) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(source, "source");
        Status refusal = authorizePublish(key, source);
        if (refusal != null) {
            throw new LivePublishException(refusal);
        }
        Ingest ingest = hub.claim(key, source);
        ingest.start();
        return ingest;
    }

    /**
     * Subscribes any output to {@code key}: it first gets the metadata, the sequence headers and the
     * cached GOP from a keyframe, then every live message exactly once, in order, on its own thread,
     * through the slow-output policy of {@link MediaSink#limits()}. A name that is not live is
     * waited for when {@link LiveOptions#waitForPublisher()} or {@link #resolveStream} says so.
     * The sink accepts every E-RTMP FourCC.
     *
     * @param key the stream name
     * @param sink the output
     * @return the subscription, or empty when the name is not live and no one will publish it
     * @throws NullPointerException if an argument is null
     */
    public Optional<LiveSubscription> subscribe(StreamKey key, MediaSink sink) {
        return subscribe(key, sink, Objects.requireNonNull(sink, "sink").toString());
    }

    /** Subscribes {@code sink} under {@code name} (for logs); package-private for the HTTP-FLV player. */
    Optional<LiveSubscription> subscribe(StreamKey key, MediaSink sink, String name) {
        Objects.requireNonNull(key, "key");
        Output output = new Output(sink, fourCc -> true, name);
        LiveStream.Join join = hub.join(key, output, waits(key));
        if (join == null) {
            return Optional.empty();
        }
        if (sink instanceof FlvSink flv) {
            flv.attach(join.stream());
        }
        LiveSubscription subscription = new LiveSubscription(hub, join.stream(), output);
        output.onOverflow = subscription::cancel;
        log.debug("{} subscribes to {} ({})", name, key, join.live() ? "live" : "waiting");
        if (sink.inSinkThread()) {
            LiveHub.runJoin(output, join);
        } else {
            sink.execute(() -> LiveHub.runJoin(output, join));
        }
        return Optional.of(subscription);
    }

    /**
     * Subscribes to {@code key} as FLV bytes (see {@link FlvSubscriber}), for an HTTP-FLV or
     * WebSocket-FLV player or a host's own HTTP server. Default limits: {@link
     * OutboundLimits#DEFAULT}; the subscriber is called on the threads that produce the stream
     * (one at a time).
     *
     * @param key the stream name
     * @param subscriber receives the bytes
     * @return the subscription, or empty when the name is not live and no one will publish it
     * @throws NullPointerException if an argument is null
     */
    public Optional<LiveSubscription> subscribeFlv(StreamKey key, FlvSubscriber subscriber) {
        return subscribeFlv(key, subscriber, OutboundLimits.DEFAULT, Runnable::run);
    }

    /**
     * Subscribes to {@code key} as FLV bytes with explicit bounds and thread.
     *
     * @param key the stream name
     * @param subscriber receives the bytes, one call at a time, in order
     * @param limits the slow-output bounds compared with {@link FlvSubscriber#queuedBytes()}
     * @param executor where the subscriber's calls run (e.g. an event loop); {@code Runnable::run}
     *     runs them on the thread that produces them
     * @return the subscription, or empty when the name is not live and no one will publish it
     * @throws NullPointerException if an argument is null
     */
    public Optional<LiveSubscription> subscribeFlv(StreamKey key, FlvSubscriber subscriber, OutboundLimits limits,
            Executor executor) {
        FlvSink sink = new FlvSink(Objects.requireNonNull(subscriber, "subscriber"),
                Objects.requireNonNull(executor, "executor"), Objects.requireNonNull(limits, "limits"));
        return subscribe(key, sink, "flv:" + subscriber);
    }

    /**
     * @return whether an output of {@code key} waits for a publisher rather than being refused; a name
     *     that is not live is offered to {@link #resolveStream} first, even when {@link
     *     LiveOptions#waitForPublisher()} would make the output wait anyway, so an on-demand pull starts
     */
    boolean waits(StreamKey key) {
        boolean resolving = !hub.isLive(key) && resolveStream(key);
        return resolving || hub.options.waitForPublisher();
    }

    /**
     * Installs the resolver the default {@link #resolveStream} asks (replacing the earlier one), so a host
     * fills unknown names on demand without subclassing (e.g. an on-demand edge). Any thread.
     *
     * @param resolver the resolver; {@link StreamResolver#NONE} to remove it
     * @throws NullPointerException if {@code resolver} is null
     */
    public void streamResolver(StreamResolver resolver) {
        this.resolver = Objects.requireNonNull(resolver, "resolver");
    }

    // ---------------------------------------------------------------- RTMP (see RtmpRelay)

    @Override
    public void onPublish(RtmpSession session, PublishRequest request) {
        rtmp.onPublish(session, request);
    }

    @Override
    public void onMetadata(RtmpSession session, NetStream stream, DataMessage metadata) {
        rtmp.onMetadata(session, stream, metadata);
    }

    @Override
    public void onMedia(RtmpSession session, NetStream stream, MediaMessage media) {
        rtmp.onMedia(session, stream, media);
    }

    @Override
    public void onPlay(RtmpSession session, PlayRequest request) {
        rtmp.onPlay(session, request);
    }

    @Override
    public void onUnpublish(RtmpSession session, NetStream stream) {
        rtmp.stop(session, stream);
    }

    @Override
    public void onStopPlay(RtmpSession session, NetStream stream) {
        rtmp.stop(session, stream);
    }

    @Override
    public void onDeleteStream(RtmpSession session, NetStream stream) {
        rtmp.stop(session, stream);
    }

    @Override
    public void onClose(RtmpSession session, Throwable causeOrNull) {
        rtmp.close(session);
    }

    // ---------------------------------------------------------------- hooks

    /**
     * Maps a publish or play name to its registry key. Default: the session's connect {@code app}
     * ({@code ""} if none) and {@code name} as given (without query string).
     *
     * @param session the publishing or playing session
     * @param name the publish or play name
     * @return the registry key
     */
    protected StreamKey streamKey(RtmpSession session, String name) {
        return new StreamKey(session.app(), name);
    }

    /**
     * The publish decision for every input ({@link #onPublish} for RTMP, {@link #publish} for the
     * others), made before the publisher policy and limits. Default: accept. Called on the
     * publisher's thread; must not block.
     *
     * @param key the stream name
     * @param source who publishes (for RTMP, {@link IngestSource#id()} is the session id and
     *     message stream id); {@link IngestSource#query()} is its query string (e.g. a token) for
     *     RTMP and HTTP-FLV ingest alike, so one override covers every transport
     * @return {@code null} to go on, or the refusal (e.g. {@code NetStream.Publish.Rejected})
     */
    protected Status authorizePublish(StreamKey key, IngestSource source) {
        return null;
    }

    /**
     * The play decision for every output protocol (RTMP {@code play}, HTTP-FLV, WebSocket-FLV, HLS,
     * fMP4), made before the player joins. Default: accept. Called on the player's event loop; must
     * not block.
     *
     * @param attempt the stream, the protocol, the peer and the query string (RTMP: the play
     *     name's query, then the {@code connect} query after an {@code &}; HTTP: the request
     *     target's query)
     * @return {@code null} to go on, or the refusal (RTMP players get it as their {@code onStatus},
     *     RTMP 1.0 §7.2.2.1, and the play is refused; HTTP-FLV and WebSocket-FLV players get {@code
     *     403 Forbidden} with its description as text, logged once at INFO with the peer)
     */
    protected Status authorizePlay(PlayAttempt attempt) {
        return null;
    }

    /**
     * Called when an output of any kind asks for a name that is not live (whatever {@link
     * LiveOptions#waitForPublisher()} says): the host may start filling it (an on-demand pull
     * publishing through {@link #publish}) and return {@code true}, so the output waits for that
     * publisher. Default: asks the {@link #streamResolver(StreamResolver) installed resolver}, which
     * answers {@code false} unless one was installed (RTMP players then get {@code
     * NetStream.Play.StreamNotFound} unless {@link LiveOptions#waitForPublisher()}). Must not block.
     *
     * @param key the unknown name
     * @return whether a publisher is on its way
     */
    protected boolean resolveStream(StreamKey key) {
        return resolver.resolve(key);
    }

    /**
     * Whether a player can decode E-RTMP video with {@code fourCc} (E-RTMP v2, connect
     * {@code fourCcList}). Default: its connect listed {@code fourCc} or {@code "*"}.
     *
     * @param player the playing session
     * @param fourCc the stream's video FourCC, e.g. {@code hvc1}
     * @return whether the player may receive the stream
     */
    protected boolean playerSupports(RtmpSession player, String fourCc) {
        return player.connectCommand()
                .map(c -> c.fourCcList().contains(fourCc) || c.fourCcList().contains("*"))
                .orElse(false);
    }

    /**
     * @param key the stream going live
     * @return the {@code NetStream.Play.PublishNotify} sent to its players
     */
    protected Status publishNotifyStatus(StreamKey key) {
        return Status.status(StatusCodes.PLAY_PUBLISH_NOTIFY, key.name() + " is now published");
    }

    /**
     * @param key the stream whose publisher leaves
     * @return the {@code NetStream.Play.UnpublishNotify} sent to its players
     */
    protected Status unpublishNotifyStatus(StreamKey key) {
        return Status.status(StatusCodes.PLAY_UNPUBLISH_NOTIFY, key.name() + " is now unpublished");
    }
}
