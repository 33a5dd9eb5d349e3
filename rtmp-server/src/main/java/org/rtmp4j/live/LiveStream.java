package org.rtmp4j.live;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rtmp4j.core.command.Status;
import org.rtmp4j.core.message.MediaMessage;
import org.rtmp4j.flv.FlvFormatException;
import org.rtmp4j.flv.codec.MediaInfo;

/**
 * The state of one live name (docs/ARCHITECTURE.md §6): the publisher, the last metadata, the last video and
 * audio sequence headers, the {@link GopCache} and the subscribed players.
 *
 * <p>Thread-safety: one small lock guards the state. The publish path (update the caches, take
 * the subscriber snapshot) and the join path (snapshot the caches, enqueue the joiner) both take
 * it; sends happen outside it. A joiner receives what arrives while it sends the cached prefix
 * through a private queue and only then joins the copy-on-write subscriber array, so a player sees
 * every message exactly once and in order, whichever threads publish and join. Instances are
 * created and mutated only by {@link LiveBroadcastController}; the public methods are read-only.
 */
public final class LiveStream {
    private static final Output[] NONE = new Output[0];
    private static final LiveMedia[] NO_MEDIA = new LiveMedia[0];

    private final StreamKey key;
    private final Object lock = new Object();
    private final GopCache gop;
    private Publisher publisher;
    private RelayEvent.Metadata metadata;
    /** The last sequence header per track id (0 unless E-RTMP Multitrack), in arrival order. */
    private final Map<Integer, LiveMedia> videoSequenceHeaders = new LinkedHashMap<>(2);
    private final Map<Integer, LiveMedia> audioSequenceHeaders = new LinkedHashMap<>(2);
    /** The E-RTMP video FourCC per track id (0 unless Multitrack): who may play. */
    private final VideoCodecGate videoCodecs = new VideoCodecGate();
    /** Counters and codec details of the current publisher; guarded by the lock. */
    private final StreamMonitor monitor = new StreamMonitor();
    /** Which audio may ride with the next video, and how long; guarded by the lock. */
    private final AudioHold audioHold;
    /** The publisher's one fMP4 encoding once an fMP4 output subscribed, else {@code null}. */
    private Fmp4Encoding fmp4;
    private final List<Output> joining = new ArrayList<>(2);
    private volatile Output[] subscribers = NONE;

    LiveStream(StreamKey key, LiveOptions options) {
        this.key = key;
        this.gop = GopCache.of(options);
        this.audioHold = new AudioHold(options.audioHoldMax());
    }

    /** @return the app and name */
    public StreamKey key() {
        return key;
    }

    /** @return whether a publisher is attached */
    public boolean isLive() {
        synchronized (lock) {
            return publisher != null;
        }
    }

    /**
     * @return players subscribed, including those joining or waiting for a publisher: outputs with a
     *     {@link MediaSink#playerKind()}, so a recorder or a snapshot tap is not counted (the count the
     *     API's players by kind add up to)
     */
    public int playerCount() {
        synchronized (lock) {
            return players();
        }
    }

    /** Lock held. */
    private int players() {
        int n = 0;
        for (Output o : subscribers) {
            n += o.kind != null ? 1 : 0;
        }
        for (Output o : joining) {
            n += o.kind != null ? 1 : 0;
        }
        return n;
    }

    /** @return a consistent snapshot for monitoring, its uptime measured against the system clock */
    public StreamInfo info() {
        return info(Instant.now());
    }

    /**
     * @param now the current time, for {@link StreamInfo#uptime()}
     * @return a consistent snapshot for monitoring
     */
    public StreamInfo info(Instant now) {
        synchronized (lock) {
            long dropped = 0;
            for (Output sub : subscribers) {
                dropped += sub.stats().droppedMessages();
            }
            Instant since = publisher == null ? null : publisher.since;
            Duration uptime = since == null || now.isBefore(since) ? Duration.ZERO : Duration.between(since, now);
            MediaInfo media = publisher == null ? MediaInfo.EMPTY : monitor.mediaInfo();
            return new StreamInfo(key, publisher != null, since, players(), monitor.messagesIn(),
                    monitor.bytesIn(), videoCodecs.primary(), dropped, media, publisher == null ? 0 : monitor.bitsPerSecond(),
                    uptime);
        }
    }

    /**
     * @param now the current time, for {@link StreamInfo#uptime()}
     * @param sources the host's player counts to add
     * @return the snapshot with the publisher and the players by kind (the host's sources are asked
     *     outside the lock)
     */
    StreamDetails details(Instant now, List<PlayerGroupSource> sources) {
        StreamInfo info;
        IngestSource source;
        List<Map.Entry<PlayerKind, OutputStats>> outputs = new ArrayList<>();
        synchronized (lock) {
            info = info(now);
            source = publisher == null ? null : publisher.source;
            for (Output o : subscribers) {
                if (o.kind != null) { // not a player (a recorder)
                    outputs.add(Map.entry(o.kind, o.stats()));
                }
            }
            for (Output o : joining) {
                if (o.kind != null) {
                    outputs.add(Map.entry(o.kind, o.stats()));
                }
            }
        }
        return StreamDetails.of(info, source, outputs, sources);
    }

    /** @return the current publisher, or {@code null} when not live */
    IngestSource publisherSource() {
        synchronized (lock) {
            return publisher == null ? null : publisher.source;
        }
    }

    /** Outcome of {@link #claim}. */
    enum ClaimOutcome { CLAIMED, REFUSED, TAKEN_OVER, HANDED_OVER }

    /** previous: the publisher refused against or taken over, or {@code null}; subscribers: to notify. */
    record Claim(LiveStream stream, ClaimOutcome outcome, Publisher previous, Output[] subscribers) {}

    /**
     * Makes {@code p} the publisher, unless one is attached and the policy refuses. A publisher whose
     * session was asked to reconnect ({@link org.rtmp4j.core.session.RtmpSession#reconnectRequested()})
     * is handed over to {@code p} whatever the policy, and joining players get no notifications (E-RTMP
     * v2, Reconnect Request: the players must not notice the switch).
     */
    Claim claim(Publisher p, PublisherPolicy policy, Status publishNotify, Status unpublishNotify) {
        synchronized (lock) {
            Publisher previous = publisher;
            boolean handover = previous != null && previous.source.reconnectRequested();
            if (previous != null && policy == PublisherPolicy.REFUSE && !handover) {
                return new Claim(this, ClaimOutcome.REFUSED, previous, NONE);
            }
            resetCaches();
            publisher = p;
            fmp4 = Fmp4Encoding.forOutputs(subscribers, joining);
            for (Output s : subscribers) {
                s.gate.awaitKeyframe(true);
            }
            for (Output s : joining) {
                s.gate.awaitKeyframe(true);
                if (handover) {
                    continue;
                }
                if (previous != null) {
                    s.pending.add(new RelayEvent.Unpublished(unpublishNotify));
                }
                s.pending.add(new RelayEvent.Published(publishNotify));
            }
            ClaimOutcome outcome = previous == null ? ClaimOutcome.CLAIMED
                    : handover ? ClaimOutcome.HANDED_OVER : ClaimOutcome.TAKEN_OVER;
            return new Claim(this, outcome, previous, subscribers);
        }
    }

    /** @return whether the attached publisher's session was asked to reconnect (its successor may take over) */
    boolean publisherReconnecting() {
        synchronized (lock) {
            return publisher != null && publisher.source.reconnectRequested();
        }
    }

    /** Detaches {@code p}; @return the players to notify, or {@code null} if {@code p} is not the publisher */
    Output[] release(Publisher p, Status unpublishNotify) {
        synchronized (lock) {
            if (publisher != p) {
                return null;
            }
            publisher = null;
            resetCaches();
            for (Output s : joining) {
                s.pending.add(new RelayEvent.Unpublished(unpublishNotify));
            }
            return subscribers;
        }
    }

    private void resetCaches() {
        metadata = null;
        videoSequenceHeaders.clear();
        audioSequenceHeaders.clear();
        videoCodecs.clear();
        monitor.reset();
        audioHold.reset();
        gop.clear();
        fmp4 = Fmp4Encoding.end(fmp4);
    }

    /**
     * Updates the caches: sequence headers are kept per track id (E-RTMP v2, Multitrack; the first
     * track's id for a multi-track message). @return the live players to send to, or {@code null} if {@code p} is not the publisher */
    Output[] onMedia(Publisher p, LiveMedia live) {
        MediaMessage media = live.message();
        MediaKind kind = live.kind();
        synchronized (lock) {
            if (publisher != p) {
                return null;
            }
            monitor.onMedia(media, kind);
            live.holdNanos(audioHold.onMedia(live));
            if (kind == MediaKind.VIDEO_SEQUENCE_HEADER) {
                videoSequenceHeaders.put(live.trackId(), live);
            } else if (kind == MediaKind.AUDIO_SEQUENCE_HEADER) {
                audioSequenceHeaders.put(live.trackId(), live);
            }
            if (fmp4 != null) {
                fmp4.accept(live); // attaches the fragment before any output can see the message
            }
            gop.add(live);
            for (Output s : joining) {
                s.pending.add(live);
            }
            return subscribers;
        }
    }

    /**
     * Counts a malformed video message ({@link MediaKind#VIDEO_MALFORMED}) of {@code p} as input and
     * nothing else: the caches, the E-RTMP FourCCs and the media info stay as they were, and no
     * player gets it.
     *
     * @return how many malformed video messages the current publisher has sent, this one included;
     *     0 if {@code p} is not the publisher
     */
    long onMalformedVideo(Publisher p, MediaMessage media) {
        synchronized (lock) {
            if (publisher != p) {
                return 0;
            }
            return monitor.onMalformedVideo(media);
        }
    }

    /**
     * Takes the media description that changed since the last call (for {@link LiveListener#onMediaInfo}).
     * Costs one volatile read when nothing changed.
     *
     * @return the new description, or {@code null} if none changed
     */
    MediaInfo takeMediaInfoChange() {
        if (!monitor.hasChange()) {
            return null;
        }
        synchronized (lock) {
            return monitor.takeChange();
        }
    }

    /** Stores {@code onMetaData}; @return the live players, or {@code null} if {@code p} is not the publisher */
    Output[] onMetadata(Publisher p, RelayEvent.Metadata newMetadata) {
        synchronized (lock) {
            if (publisher != p) {
                return null;
            }
            metadata = newMetadata;
            if (newMetadata != null) {
                monitor.onMetadata(newMetadata.values());
                for (Output s : joining) {
                    s.pending.add(newMetadata);
                }
            }
            return subscribers;
        }
    }

    /**
     * Records the codec well-formed video names ({@link VideoCodecGate}) and removes the players
     * that do not accept the stream's E-RTMP video FourCCs (E-RTMP gate; a player of a Multitrack
     * stream must accept each track's). A legacy sequence header (FLV 10.1 §E.4.3.1, no FourCC)
     * makes track 0 a legacy codec again, which every player may play; it removes no one.
     *
     * @param fourCcs track id to FourCC ({@link MediaClassifier#videoFourCcs}); empty for legacy video
     * @param sequenceHeader whether the message is a sequence header (it configures its tracks)
     * @return the removed players, each with the FourCC it lacks (to be told {@code
     *     NetStream.Play.Failed}); empty if none
     */
    Map<Output, String> setVideoFourCcs(Publisher p, Map<Integer, String> fourCcs, boolean sequenceHeader) {
        synchronized (lock) {
            if (publisher != p) {
                return Map.of();
            }
            boolean changed = sequenceHeader ? videoCodecs.onSequenceHeader(fourCcs) : videoCodecs.onFrame(fourCcs);
            if (!changed) {
                return Map.of();
            }
            Map<Output, String> evicted = new LinkedHashMap<>();
            for (Output s : subscribers) {
                refuse(s, evicted);
            }
            for (Output s : joining) {
                refuse(s, evicted);
            }
            for (Output s : evicted.keySet()) {
                removeLocked(s);
            }
            return evicted;
        }
    }

    private void refuse(Output s, Map<Output, String> evicted) {
        String lacking = videoCodecs.refused(s);
        if (lacking != null) {
            evicted.put(s, lacking);
        }
    }

    /**
     * What a joining player is sent before the live edge; {@code videoFourCc} is the FourCC it lacks
     * when {@code refused}, else the primary track's.
     */
    record Join(LiveStream stream, boolean refused, String videoFourCc, boolean live, RelayEvent.Metadata metadata,
            LiveMedia[] videoSequenceHeaders, LiveMedia[] audioSequenceHeaders, LiveMedia[] gop) {}

    /**
     * Snapshots the caches and enqueues {@code s} as joining, unless the E-RTMP gate refuses it or
     * the stream is not live and {@code waitIfNotLive} is false (then {@link Join#live()} is false and
     * nothing is enqueued).
     */
    Join join(Output s, boolean waitIfNotLive) {
        synchronized (lock) {
            String refused = videoCodecs.refused(s); // the first of the stream's video FourCCs s does not accept
            if (refused != null) {
                return new Join(this, true, refused, publisher != null, null, null, null, null);
            }
            if (publisher == null) {
                s.gate.awaitKeyframe(true);
                if (waitIfNotLive) {
                    joining.add(s);
                }
                return new Join(this, false, null, false, null, NO_MEDIA, NO_MEDIA, NO_MEDIA);
            }
            LiveMedia[] cached = gop.entries();
            if (fmp4 == null && Fmp4Encoding.wants(s)) {
                fmp4 = Fmp4Encoding.primed(videoSequenceHeaders.values(), audioSequenceHeaders.values(), cached);
            }
            s.gate.awaitKeyframe(cached.length == 0 || cached[0].kind() != MediaKind.VIDEO_KEY_FRAME);
            joining.add(s);
            return new Join(this, false, videoCodecs.primary(), true, metadata, videoSequenceHeaders.values().toArray(NO_MEDIA),
                    audioSequenceHeaders.values().toArray(NO_MEDIA), cached);
        }
    }

    /**
     * Hands a joiner what queued up while it sent the previous batch; when nothing did, makes it a
     * live subscriber. @return the events to send next, or {@code null} when done (live or removed)
     */
    List<RelayEvent> nextPending(Output s) {
        synchronized (lock) {
            if (s.removed) {
                return null;
            }
            if (s.pending.isEmpty()) {
                joining.remove(s);
                s.pending = Collections.emptyList();
                Output[] next = Arrays.copyOf(subscribers, subscribers.length + 1);
                next[next.length - 1] = s;
                subscribers = next;
                return null;
            }
            List<RelayEvent> batch = s.pending;
            s.pending = new ArrayList<>();
            return batch;
        }
    }

    /** Removes a player; @return whether it was subscribed */
    boolean unsubscribe(Output s) {
        synchronized (lock) {
            return removeLocked(s);
        }
    }

    private boolean removeLocked(Output s) {
        if (s.removed) {
            return false;
        }
        s.removed = true;
        s.pending = Collections.emptyList();
        if (joining.remove(s)) {
            return true;
        }
        Output[] current = subscribers;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == s) {
                Output[] next = new Output[current.length - 1];
                System.arraycopy(current, 0, next, 0, i);
                System.arraycopy(current, i + 1, next, i, current.length - i - 1);
                subscribers = next;
                return true;
            }
        }
        return false;
    }

    /**
     * The tracks the stream is known to carry so far, for an FLV header (FLV 10.1 §E.2): audio
     * (0x04) or video (0x01) when a message, a sequence header or the metadata's codec id of that
     * kind has been seen from the current publisher.
     *
     * @return the FLV header's TypeFlags
     */
    int flvTrackFlags() {
        synchronized (lock) {
            Map<String, Object> md = metadata == null ? Map.of() : metadata.values();
            boolean audio = monitor.audioSeen() || !audioSequenceHeaders.isEmpty() || md.get("audiocodecid") != null;
            boolean video = monitor.videoSeen() || !videoSequenceHeaders.isEmpty() || md.get("videocodecid") != null;
            return (audio ? 0x04 : 0) | (video ? 0x01 : 0);
        }
    }

    /** @return the hub's counters of every output, live or joining */
    List<OutputStats> outputStats() {
        synchronized (lock) {
            List<OutputStats> out = new ArrayList<>(subscribers.length + joining.size());
            for (Output o : subscribers) {
                out.add(o.stats());
            }
            for (Output o : joining) {
                out.add(o.stats());
            }
            return out;
        }
    }

    /** @return whether there is neither a publisher nor a player (the registry may drop it) */
    boolean isIdle() {
        synchronized (lock) {
            return publisher == null && subscribers.length == 0 && joining.isEmpty();
        }
    }

    /** @return the GOP cache, for tests (guarded by the lock: read only when quiescent) */
    GopCache gopCache() {
        return gop;
    }

    @Override
    public String toString() {
        return "LiveStream[" + key + "]";
    }
}
