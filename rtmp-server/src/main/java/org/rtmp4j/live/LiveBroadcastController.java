package org.rtmp4j.live;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.ObjectName;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.command.StatusCodes;
import org.rtmp4j.core.message.DataMessage;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.core.session.NetStream;
import org.rtmp4j.core.session.PlayRequest;
import org.rtmp4j.core.session.PublishRequest;
import org.rtmp4j.core.session.RtmpController;
import org.rtmp4j.core.session.RtmpSession;
import org.rtmp4j.live.Bindings.Binding;
import org.rtmp4j.live.Bindings.PlayerBinding;
import org.rtmp4j.flv.media.VideoTagValidator;
import org.rtmp4j.live.Bindings.PublisherBinding;
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
 *       {@code media.withStreamId(playerStreamId)}: the payload is shared, never copied. Slow
 *       players are handled by {@link RtmpSession#sendMedia}'s drop policy (docs/ARCHITECTURE.md §7). Video that
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
 * <p>Thread-safety: one instance may serve every session of a server
 * ({@code RtmpServer.Builder.controller}); all state is in concurrent maps and per-stream locks,
 * and no callback blocks. Open for extension: the hooks are {@code protected} and the callbacks
 * overridable; {@link ForwardingRtmpController} composes it with other behaviour instead.
 */
public class LiveBroadcastController implements RtmpController {
    /** The description of the {@code NetStream.Publish.BadName} refusal of an empty publishing name. */
    public static final String EMPTY_STREAM_KEY = "empty stream key";

    private static final Logger log = LoggerFactory.getLogger(LiveBroadcastController.class);

    private final LiveOptions options;
    private final Clock clock;
    private final LiveStreams streams;
    private final AtomicInteger publishedCount = new AtomicInteger();
    private final AtomicLong acceptedPublishes = new AtomicLong();
    private final LiveStatsBean mbean = new LiveStatsBean(this);
    private final Bindings bindings = new Bindings();
    private final LiveListeners listeners = new LiveListeners();

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
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.streams = new LiveStreams(options);
    }

    /** @return the settings */
    public LiveOptions options() {
        return options;
    }

    /** @return the registry of live names and names with waiting players */
    public LiveStreams streams() {
        return streams;
    }

    /** @return how many names are being published now (what {@link LiveOptions#maxStreams()} limits) */
    public int liveStreamCount() {
        return publishedCount.get();
    }

    /**
     * A snapshot of every registry entry (live, or with waiting players): name, codecs and picture
     * size from the sequence headers, bitrate, players, uptime (measured with this controller's
     * clock).
     *
     * @return one {@link StreamInfo} per entry, in no particular order
     */
    public Collection<StreamInfo> activeStreams() {
        return streams.infos(clock.instant());
    }

    /**
     * The totals: publishes accepted so far, names live now, players now. Each count is exact;
     * taken while streams come and go, they need not be from the same instant.
     *
     * @return a new snapshot
     */
    public LiveStats stats() {
        return new LiveStats(acceptedPublishes.get(), publishedCount.get(), streams.playerCount());
    }

    /**
     * Registers a {@link LiveStatsMXBean} for this controller in the platform MBean server
     * ({@code ManagementFactory.getPlatformMBeanServer()}) as
     * {@code DOMAIN:type=LiveBroadcastController,name=live-N} (N counts controllers in this JVM).
     * Calling it again returns the same name. Undo with {@link #unregisterMBean()}.
     *
     * @param domain the JMX domain, e.g. {@code "rtmp4j"}
     * @return the registered name
     * @throws IllegalArgumentException if {@code domain} is not a valid JMX domain
     * @throws IllegalStateException if the MBean server refuses the registration
     */
    public ObjectName registerMBean(String domain) {
        return mbean.register(Objects.requireNonNull(domain, "domain"));
    }

    /**
     * Removes the MXBean registered by {@link #registerMBean(String)}. Idempotent.
     *
     * @return whether one was registered
     */
    public boolean unregisterMBean() {
        return mbean.unregister();
    }

    /**
     * Registers {@code listener} for every stream of this relay, e.g. to learn a stream's codecs
     * ({@link LiveListener#onMediaInfo}) without polling {@link #activeStreams()}. Any thread; it
     * hears changes from the next published message on. Registering the same listener twice makes it
     * hear everything twice.
     *
     * @param listener the listener; called on publishers' I/O threads (see {@link LiveListener})
     * @throws NullPointerException if {@code listener} is null
     */
    public void addListener(LiveListener listener) {
        listeners.add(listener);
    }

    /**
     * Unregisters one registration of {@code listener}. Any thread; a call already under way may
     * still complete after this returns.
     *
     * @param listener the listener
     * @return whether it was registered
     */
    public boolean removeListener(LiveListener listener) {
        return listeners.remove(listener);
    }

    // ---------------------------------------------------------------- publish

    @Override
    public void onPublish(RtmpSession session, PublishRequest request) {
        NetStream stream = request.stream();
        if (stream.state() == NetStream.State.CLOSED) { // decided late, after the connection went
            request.reject(Status.error(StatusCodes.PUBLISH_REJECTED, "stream closed"));
            return;
        }
        if (request.command().name().isEmpty()) { // e.g. ffmpeg or OBS given rtmp://host/live without a key
            request.reject(Status.error(StatusCodes.PUBLISH_BAD_NAME, EMPTY_STREAM_KEY));
            return;
        }
        StreamKey key = streamKey(session, request.command().name());
        boolean slot = reserveSlot();
        if (!slot && !replaceable(key)) {
            if (isLive(key)) {
                request.reject(alreadyPublished(key));
            } else {
                request.reject(Status.error(StatusCodes.PUBLISH_REJECTED,
                        "too many live streams (max " + options.maxStreams() + ")"));
            }
            return;
        }
        Publisher publisher = new Publisher(session, stream, clock.instant());
        Status publishNotify = publishNotifyStatus(key);
        Status unpublishNotify = unpublishNotifyStatus(key);
        LiveStream.Claim claim = streams.compute(key, true,
                s -> s.claim(publisher, options.publisherPolicy(), publishNotify, unpublishNotify));
        switch (claim.outcome()) {
            case REFUSED:
                if (slot) {
                    publishedCount.decrementAndGet();
                }
                request.reject(alreadyPublished(key));
                return;
            case TAKEN_OVER:
            case HANDED_OVER:
                if (slot) {
                    publishedCount.decrementAndGet();
                }
                break;
            case CLAIMED:
            default:
                if (!slot) { // the old publisher left meanwhile: the limit holds again
                    claim.stream().release(publisher, unpublishNotify);
                    streams.removeIfIdle(key);
                    request.reject(Status.error(StatusCodes.PUBLISH_REJECTED,
                            "too many live streams (max " + options.maxStreams() + ")"));
                    return;
                }
        }
        PublisherBinding binding = new PublisherBinding(claim.stream(), publisher);
        bind(session, stream.id(), binding);
        try {
            request.accept();
        } catch (RuntimeException e) {
            bindings.unbind(session, stream.id());
            releasePublisher(binding);
            throw e;
        }
        acceptedPublishes.incrementAndGet();
        log.debug("{} publishes {} (stream {})", session.id(), key, stream.id());
        if (claim.outcome() == LiveStream.ClaimOutcome.HANDED_OVER) {
            // E-RTMP v2 Reconnect Request: the old publisher's successor; players see no notification,
            // only the new metadata, sequence headers and keyframe. The old session closes itself
            // (or is closed by whoever asked it to reconnect, e.g. RtmpServer.drain).
            log.debug("{} continues {} for {}, which was asked to reconnect", session.id(), key, claim.previous());
            return;
        }
        if (claim.outcome() == LiveStream.ClaimOutcome.TAKEN_OVER) {
            Publisher old = claim.previous();
            log.debug("{} takes {} over from {}", session.id(), key, old);
            Fanout.broadcastStatus(claim.subscribers(), unpublishNotify);
            old.session.close();
        }
        Fanout.broadcastStatus(claim.subscribers(), publishNotify);
    }

    private boolean reserveSlot() {
        int max = options.maxStreams();
        for (;;) {
            int n = publishedCount.get();
            if (max != 0 && n >= max) {
                return false;
            }
            if (publishedCount.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Whether a publish of {@code key} may replace its live publisher: TAKEOVER, or the publisher was asked to reconnect. */
    private boolean replaceable(StreamKey key) {
        return streams.get(key).map(s -> s.isLive()
                && (options.publisherPolicy() == PublisherPolicy.TAKEOVER || s.publisherReconnecting())).orElse(false);
    }

    private boolean isLive(StreamKey key) {
        return streams.get(key).map(LiveStream::isLive).orElse(false);
    }

    private static Status alreadyPublished(StreamKey key) {
        return Status.error(StatusCodes.PUBLISH_BAD_NAME, key.name() + " is already being published");
    }

    @Override
    public void onMetadata(RtmpSession session, NetStream stream, DataMessage metadata) {
        PublisherBinding b = bindings.publisher(session, stream.id());
        if (b == null) {
            return;
        }
        Map<String, Object> map = Metadata.extract(metadata);
        if (map == null) {
            if (Metadata.isClear(metadata)) {
                b.stream().onMetadata(b.publisher(), null);
            }
            return;
        }
        Subscriber[] subs = b.stream().onMetadata(b.publisher(), map);
        if (subs != null) {
            for (Subscriber s : subs) {
                Fanout.deliver(s, map);
            }
            listeners.mediaInfoChanged(b.stream());
        }
    }

    @Override
    public void onMedia(RtmpSession session, NetStream stream, MediaMessage media) {
        PublisherBinding b = bindings.publisher(session, stream.id());
        if (b == null) {
            return;
        }
        MediaKind kind = MediaClassifier.classify(media);
        if (kind == MediaKind.VIDEO_MALFORMED) {
            dropMalformed(session, b, media);
            return;
        }
        boolean sequenceHeader = kind == MediaKind.VIDEO_SEQUENCE_HEADER;
        if (sequenceHeader || kind.isVideo() && MediaClassifier.isExHeader(media)) {
            b.stream().setVideoFourCcs(b.publisher(), MediaClassifier.videoFourCcs(media), sequenceHeader).forEach((s, fourCc) -> {
                log.debug("{} dropped from {}: no {} in its fourCcList", s, b.stream().key(), fourCc);
                Fanout.deliver(s, enhancedRefused(b.stream().key(), fourCc));
                Fanout.deliver(s, playStopped(b.stream().key())); // without it ffmpeg keeps reading the stream
            });
        }
        Subscriber[] subs = b.stream().onMedia(b.publisher(), media, kind);
        if (subs != null) {
            Fanout.fanOut(subs, media, kind);
            listeners.mediaInfoChanged(b.stream());
        }
    }

    /**
     * Counts a malformed video message and drops it: a legacy player would stop on a codec it
     * cannot know (ffmpeg 7.1 refuses a video stream whose first tag names CodecID 15), and a tag
     * header that says nothing reliable must not touch the E-RTMP gate or the caches. The first
     * one of a publisher is logged at INFO with the peer and the reason, the others at DEBUG.
     */
    private static void dropMalformed(RtmpSession session, PublisherBinding b, MediaMessage media) {
        long n = b.stream().onMalformedVideo(b.publisher(), media);
        if (n == 1 && !VideoTagValidator.isEmptySequenceStart(media.payload())) { // ffmpeg's placeholder is no fault
            log.info("{} ({}) publishing {} sent malformed video, not relayed (further ones at DEBUG): {}",
                    session.id(), session.remoteAddress(), b.stream().key(), MediaClassifier.malformedReason(media));
        } else if (n >= 1 && log.isDebugEnabled()) {
            log.debug("{} publishing {}: malformed video #{} not relayed: {}",
                    session.id(), b.stream().key(), n, MediaClassifier.malformedReason(media));
        }
    }

    // ---------------------------------------------------------------- play

    @Override
    public void onPlay(RtmpSession session, PlayRequest request) {
        NetStream stream = request.stream();
        if (stream.state() == NetStream.State.CLOSED) { // decided late, after the connection went
            request.reject(Status.error(StatusCodes.PLAY_FAILED, "stream closed"));
            return;
        }
        StreamKey key = streamKey(session, request.command().name());
        Subscriber sub = new Subscriber(session, stream,
                fourCc -> options.allowEnhancedToLegacyPlayers() || playerSupports(session, fourCc));
        boolean wait = options.waitForPublisher();
        LiveStream.Join join = streams.compute(key, wait, s -> s == null ? null : s.join(sub, wait));
        if (join == null || (!join.live() && !wait)) {
            request.reject(Status.error(StatusCodes.PLAY_STREAM_NOT_FOUND, key.name() + " is not published"));
            return;
        }
        if (join.refused()) {
            request.reject(enhancedRefused(key, join.videoFourCc()));
            return;
        }
        LiveStream ls = join.stream();
        bind(session, stream.id(), new PlayerBinding(ls, sub));
        try {
            request.accept();
            log.debug("{} plays {} (stream {}, {})", session.id(), key, stream.id(), join.live() ? "live" : "waiting");
            Fanout.sendCached(sub, join);
            for (List<Object> batch = ls.nextPending(sub); batch != null; batch = ls.nextPending(sub)) {
                for (Object event : batch) {
                    if (!(event instanceof MediaMessage m) || sub.admits(MediaClassifier.classify(m))) {
                        Fanout.deliver(sub, event);
                    }
                }
            }
        } catch (RuntimeException e) {
            bindings.unbind(session, stream.id());
            ls.unsubscribe(sub);
            streams.removeIfIdle(key);
            throw e;
        }
    }


    private static Status playStopped(StreamKey key) {
        return Status.status(StatusCodes.PLAY_STOP, "stopped playing " + key.name());
    }

    private static Status enhancedRefused(StreamKey key, String fourCc) {
        return Status.error(StatusCodes.PLAY_FAILED,
                key.name() + " is E-RTMP " + fourCc + ", which the player did not list in fourCcList");
    }

    // ---------------------------------------------------------------- stop

    @Override
    public void onUnpublish(RtmpSession session, NetStream stream) {
        release(bindings.unbind(session, stream.id()));
    }

    @Override
    public void onStopPlay(RtmpSession session, NetStream stream) {
        release(bindings.unbind(session, stream.id()));
    }

    @Override
    public void onDeleteStream(RtmpSession session, NetStream stream) {
        release(bindings.unbind(session, stream.id()));
    }

    @Override
    public void onClose(RtmpSession session, Throwable causeOrNull) {
        for (Binding b : bindings.removeSession(session)) {
            release(b);
        }
    }

    private void release(Binding b) {
        if (b instanceof PublisherBinding p) {
            releasePublisher(p);
        } else if (b instanceof PlayerBinding p) {
            if (p.stream().unsubscribe(p.subscriber())) {
                log.debug("{} stops playing {}", p.subscriber(), p.stream().key());
            }
            streams.removeIfIdle(p.stream().key());
        }
    }

    private void releasePublisher(PublisherBinding b) {
        StreamKey key = b.stream().key();
        Status unpublishNotify = unpublishNotifyStatus(key);
        Subscriber[] subs = b.stream().release(b.publisher(), unpublishNotify);
        if (subs != null) {
            publishedCount.decrementAndGet();
            log.debug("{} stops publishing {}", b.publisher(), key);
            Fanout.broadcastStatus(subs, unpublishNotify);
        }
        streams.removeIfIdle(key);
    }

    // ---------------------------------------------------------------- bindings

    private void bind(RtmpSession session, int streamId, Binding binding) {
        Binding previous = bindings.bind(session, streamId, binding);
        if (previous != null) { // a stream reused without stop: drop the old role first
            release(previous);
        }
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
