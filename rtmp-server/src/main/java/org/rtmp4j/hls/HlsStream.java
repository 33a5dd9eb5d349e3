package org.rtmp4j.hls;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.rtmp4j.core.Timeline;
import org.rtmp4j.core.message.VideoMessage;
import org.rtmp4j.flv.FlvTag;
import org.rtmp4j.flv.FlvTagType;
import org.rtmp4j.live.LiveMedia;
import org.rtmp4j.live.LiveSubscription;
import org.rtmp4j.live.MediaKind;
import org.rtmp4j.live.MediaSink;
import org.rtmp4j.live.RelayEvent;
import org.rtmp4j.live.StreamKey;

/**
 * One live stream's HLS output while it has viewers (or always, {@link HlsOptions#alwaysOn()}): an
 * output of the live hub ({@link MediaSink}) that feeds every FLV tag to the {@link HlsSegmenter}
 * and a muxer ({@link Muxing}: fMP4 or MPEG-TS), and keeps the init segments, segments and parts in
 * a {@link SegmentStore} and the playlist in a {@link MediaPlaylist} (RFC 8216bis §4, §6.2).
 *
 * <p>Threading: the sink runs on the thread that hands it a message (the publisher's, or the HTTP
 * loop that subscribed it while it replays the cached GOP; the hub never has both at once), with
 * nothing queued, so the hub never drops for it; every method is {@code synchronized}, and the HTTP
 * loops read segments and render playlists under the same monitor. Waiters ({@link Waiter}) are
 * woken under the monitor and must only post their answer to their own thread.
 *
 * <p>A publisher that leaves ends the segment being written (its samples are flushed); a publisher
 * that comes back within {@link HlsOptions#blockingTimeout()} continues the playlist: its first
 * segment starts with {@code EXT-X-DISCONTINUITY} (RFC 8216bis §4.4.4.3), a muxer reset and its own
 * timeline, under the same media sequence numbering, so URIs never repeat. Later the playlist ends
 * ({@code EXT-X-ENDLIST}) and the next publish gets a new instance.
 */
final class HlsStream implements MediaSink {
    /** Something parked until the playlist reaches a part, or until its deadline. */
    interface Waiter {
        /**
         * Called once, under the stream's monitor: post the answer to the waiter's own thread.
         *
         * @param timedOut whether the deadline passed (or the stream stopped) first
         */
        void wake(boolean timedOut);
    }

    private final StreamKey key;
    private final String instance;
    private final HlsOptions options;
    private final Clock clock;
    private final LongSupplier nanos;
    private final HlsDisk disk;
    private final MediaPlaylist playlist;
    /** The copy written to disk: no parts, no blocking reload (a plain file server cannot hold). */
    private final MediaPlaylist diskPlaylist;
    private final SegmentStore store;
    private final BlockedRequests<Waiter> blocked;
    /** Playlist requests that came before the first segment closed (a playlist must list one). */
    private final BlockedRequests<Waiter> firstSegment;
    private final Muxing muxing;
    private final Timeline timeline = new Timeline();
    private LiveSubscription subscription;
    private HlsSegmenter segmenter;
    private boolean videoConfigured;
    /** {@code onMetaData} names a video codec: audio before the first video keyframe is not an audio-only stream. */
    private boolean metadataVideo;
    /** No segment of the current publisher was closed yet. */
    private boolean firstOfPublish = true;
    private boolean videoStream;
    private boolean started;
    private boolean stopped;
    private boolean live = true;
    private boolean discontinuity;
    private boolean ended;
    private long msn;
    private int partIndex;
    private boolean segmentOpen;
    private int segmentInit;
    private long segmentStartDts;
    private long partStartDts;
    private boolean partStartsWithKey;
    private double segmentSec;
    private long anchorDts;
    private Instant anchorTime;
    private volatile long lastRequestNanos;
    private volatile long unpublishedSinceNanos = -1;

    /**
     * @param key the stream
     * @param instance this instance's id, the third path segment of every URI ({@link HlsPath})
     * @param options segment and part durations, container, retention, blocking limits
     * @param clock wall clock of {@code EXT-X-PROGRAM-DATE-TIME}
     * @param disk where files are copied ({@link HlsDisk#NONE} for memory only)
     * @param nanos the request clock, ns (idle timers)
     */
    HlsStream(StreamKey key, String instance, HlsOptions options, Clock clock, LongSupplier nanos, HlsDisk disk) {
        this.key = key;
        this.instance = instance;
        this.options = options;
        this.clock = clock;
        this.disk = disk;
        String prefix = key.name() + "/" + instance + "/";
        this.playlist = new MediaPlaylist(options, prefix);
        this.diskPlaylist = disk == HlsDisk.NONE ? null : new MediaPlaylist(options.toBuilder().lowLatency(false).build(), prefix);
        this.store = new SegmentStore(this::expired);
        this.blocked = new BlockedRequests<>(options.maxBlockedRequests());
        this.firstSegment = new BlockedRequests<>(options.maxBlockedRequests());
        this.muxing = options.container() == HlsContainer.MPEGTS ? new Muxing.Ts() : new Muxing.Fmp4();
        this.nanos = nanos;
        this.lastRequestNanos = nanos.getAsLong();
    }

    synchronized void subscribed(LiveSubscription s) {
        subscription = s;
        if (stopped) {
            s.cancel();
        }
    }

    StreamKey key() {
        return key;
    }

    String instance() {
        return instance;
    }

    void touch(long nowNanos) {
        lastRequestNanos = nowNanos;
    }

    // ---------------------------------------------------------------- MediaSink

    @Override
    public Object executorKey() {
        return this;
    }

    @Override
    public boolean inSinkThread() {
        return true;
    }

    @Override
    public synchronized void execute(Runnable task) {
        task.run();
    }

    @Override
    public long queuedBytes() {
        return 0;
    }

    @Override
    public synchronized void onEvent(RelayEvent event) {
        if (stopped) {
            return;
        }
        if (event instanceof LiveMedia m) {
            media(m);
        } else if (event instanceof RelayEvent.Metadata md) {
            Object v = md.values().get("videocodecid");
            metadataVideo = v != null && !"0".equals(String.valueOf(v)) && !Double.valueOf(0).equals(v);
        } else if (event instanceof RelayEvent.Unpublished) {
            publisherLeft();
        } else if (event instanceof RelayEvent.Published) {
            if (ended) {
                stop(); // its playlist has ended: the next request starts a new instance
                return;
            }
            live = true;
            unpublishedSinceNanos = -1;
        } else if (event instanceof RelayEvent.Refused) {
            stop();
        }
    }

    @Override
    public synchronized void onOverflow(long queuedBytes, long maxQueued) {
        stop(); // not reached: nothing is ever queued
    }

    private void media(LiveMedia m) {
        MediaKind kind = m.kind();
        if (kind == MediaKind.VIDEO_MALFORMED) {
            return;
        }
        boolean video = m.message() instanceof VideoMessage;
        FlvTag tag = new FlvTag(video ? FlvTagType.VIDEO : FlvTagType.AUDIO, m.timestamp(), m.message().payload());
        if (kind.isSequenceHeader()) {
            videoConfigured |= video;
            int before = muxing.initVersion();
            muxing.accept(tag);
            if (muxing.initVersion() != before && segmentOpen && segmentInit != muxing.initVersion()) {
                if (firstOfPublish && partIndex == 0) {
                    map(muxing.initVersion()); // a track added before anything was listed: the new map only
                } else {
                    endSegment(); // a new codec configuration needs a new EXT-X-MAP (RFC 8216bis §4.4.4.5)
                    discontinuity = true;
                }
            }
            return;
        }
        boolean keyframe = kind == MediaKind.VIDEO_KEY_FRAME;
        if (!started) {
            videoStream = videoConfigured || metadataVideo || video;
            if (videoStream && !keyframe) {
                return; // a video segment starts at a keyframe (EXT-X-INDEPENDENT-SEGMENTS)
            }
            started = true;
            segmenter = new HlsSegmenter(options, videoStream);
        } else if (!videoStream && video && keyframe) {
            videoStream = true; // video after audio-only: cut at this keyframe, then by video rules
            segmenter = new HlsSegmenter(options, true);
            endSegment();
        }
        long dts = timeline.unwrap(m.timestamp());
        HlsSegmenter.Cut cut = segmenter.onSample(video, dts, keyframe);
        if (!options.lowLatency() && cut == HlsSegmenter.Cut.PART) {
            cut = HlsSegmenter.Cut.NONE;
        }
        if (!segmentOpen) {
            openSegment(dts, keyframe || !videoStream);
            muxing.startSegment();
            muxing.accept(tag);
        } else if (cut != HlsSegmenter.Cut.NONE) {
            boolean newSegment = cut == HlsSegmenter.Cut.SEGMENT;
            finishPart(muxing.cut(tag, newSegment), dts);
            if (newSegment) {
                closeSegment();
                openSegment(dts, true);
            } else {
                partStartDts = dts;
                partStartsWithKey = keyframe || !videoStream;
            }
        } else {
            muxing.accept(tag);
        }
    }

    private void openSegment(long dts, boolean independent) {
        if (discontinuity) {
            playlist.discontinuity();
            if (diskPlaylist != null) {
                diskPlaylist.discontinuity();
            }
            discontinuity = false;
        }
        map(muxing.initVersion());
        segmentOpen = true;
        segmentStartDts = dts;
        partStartDts = dts;
        partStartsWithKey = independent;
        partIndex = 0;
        segmentSec = 0;
        if (anchorTime == null) {
            anchorTime = clock.instant();
            anchorDts = dts;
        }
        playlist.preloadHint(HlsPath.partName(msn, 0, muxing.ts()));
    }

    /** Stores init segment {@code init} and lists it ({@code EXT-X-MAP}) for the segment being opened or written. */
    private void map(int init) {
        segmentInit = init;
        if (!muxing.hasInit() || store.init(init) != null) {
            return;
        }
        ByteBuffer bytes = muxing.initSegment();
        store.putInit(init, bytes);
        playlist.map(HlsPath.initName(init));
        if (diskPlaylist != null) {
            diskPlaylist.map(HlsPath.initName(init));
            disk.write(key, instance, HlsPath.initName(init), bytes.duplicate());
        }
    }

    /** The samples up to {@code endDts} (excluded) are {@code out}: one part. */
    private void finishPart(Muxing.Output out, long endDts) {
        double sec = out.durationMs() >= 0 ? out.durationMs() / 1000.0 : (endDts - partStartDts) / 1000.0;
        boolean independent = out.independent() != null ? out.independent() : partStartsWithKey;
        if (!out.bytes().hasRemaining()) {
            return;
        }
        String name = HlsPath.partName(msn, partIndex, muxing.ts());
        store.addPart(msn, segmentInit, out.bytes());
        playlist.addPart(name, sec, independent);
        segmentSec += sec;
        partIndex++;
        playlist.preloadHint(HlsPath.partName(msn, partIndex, muxing.ts()));
        wakeReady();
    }

    private void closeSegment() {
        String name = HlsPath.segmentName(msn, muxing.ts());
        Instant pdt = anchorTime.plusMillis(segmentStartDts - anchorDts);
        store.closeSegment(msn, segmentSec);
        playlist.closeSegment(name, segmentSec, pdt);
        store.slideTo(playlist.firstMsn());
        if (diskPlaylist != null) {
            diskPlaylist.closeSegment(name, segmentSec, pdt);
            ByteBuffer bytes = store.segment(msn);
            if (bytes != null) {
                disk.write(key, instance, name, bytes);
            }
            disk.playlist(key, diskPlaylist.render(false, ""));
        }
        msn++;
        partIndex = 0;
        segmentOpen = false;
        firstOfPublish = false;
        for (Waiter w : firstSegment.ready(Long.MAX_VALUE, Integer.MAX_VALUE)) {
            w.wake(false);
        }
        wakeReady();
    }

    /** Ends the segment being written with every sample buffered (publisher gone, codec change). */
    private void endSegment() {
        if (!segmentOpen) {
            return;
        }
        Muxing.Output out = muxing.finish();
        finishPart(out, timeline.last());
        if (partIndex > 0) {
            closeSegment();
        } else {
            segmentOpen = false;
        }
    }

    private void publisherLeft() {
        endSegment();
        live = false;
        unpublishedSinceNanos = nanos.getAsLong();
        started = false;
        videoConfigured = false;
        metadataVideo = false;
        firstOfPublish = true;
        segmenter = null;
        muxing.reset();
        timeline.reset();
        anchorTime = null;
        discontinuity = msn > 0;
    }

    private void wakeReady() {
        List<Waiter> ready = blocked.ready(playlist);
        for (Waiter w : ready) {
            w.wake(false);
        }
    }

    private void expired(long expiredMsn) {
        disk.delete(key, instance, HlsPath.segmentName(expiredMsn, muxing.ts()));
    }

    // ---------------------------------------------------------------- requests (HTTP loops)

    /** @return whether the publisher is there */
    synchronized boolean live() {
        return live;
    }

    /**
     * Answers now (true) when a segment was closed, else parks {@code waiter} until the first one is.
     *
     * @throws HlsRequestException 503 when too many are parked
     */
    synchronized boolean hasSegmentsOrPark(long deadlineNanos, Waiter waiter) throws HlsRequestException {
        if (msn > 0) {
            return true;
        }
        if (!firstSegment.add(0, 0, deadlineNanos, waiter)) {
            throw new HlsRequestException(503, -1, "too many blocked playlist requests");
        }
        return false;
    }

    synchronized String render(boolean skip, String querySuffix) {
        return playlist.render(skip, querySuffix);
    }

    /**
     * The blocking reload decision (RFC 8216bis §6.2.5.2).
     *
     * @return true when the playlist can be answered now; false when {@code waiter} was parked
     * @throws HlsRequestException 400 for a request too far ahead, 503 when too many are parked
     */
    synchronized boolean readyOrPark(BlockingRequest request, long deadlineNanos, Waiter waiter)
            throws HlsRequestException {
        if (playlist.check(request) == ReloadDecision.READY) {
            return true;
        }
        long m = request.msn().orElseThrow();
        int p = request.part().orElse(-1); // _HLS_msn alone: the whole segment
        if (!blocked.add(m, p, deadlineNanos, waiter)) {
            throw new HlsRequestException(503, -1, "too many blocked playlist requests");
        }
        return false;
    }

    /** Parks {@code waiter} until the part {@code (m, p)} exists. @return false when the list is full */
    synchronized boolean park(long m, int p, long deadlineNanos, Waiter waiter) {
        return blocked.add(m, p, deadlineNanos, waiter);
    }

    synchronized ByteBuffer init(int version) {
        return store.init(version);
    }

    synchronized ByteBuffer segment(long m) {
        return store.segment(m);
    }

    synchronized ByteBuffer part(long m, int p) {
        return store.part(m, p);
    }

    /**
     * @return whether part {@code (m, p)} may still appear soon: it is the part being written (the
     *     preload hint) or the next one, so a request for it may be held
     */
    synchronized boolean upcoming(long m, int p) {
        return segmentOpen && m == msn && p >= partIndex && p <= partIndex + 1
                || !segmentOpen && m == msn && p <= 1;
    }

    /** @return the parked waiters */
    synchronized int blockedCount() {
        return blocked.size() + firstSegment.size();
    }

    /** @return the bytes held in memory: init segments, segments and parts */
    synchronized long retainedBytes() {
        return store.retainedBytes();
    }

    /**
     * The timer's look: wakes the waiters past their deadline; says whether the stream should stop.
     *
     * @param idleNanos {@link HlsOptions#idleTimeout()} in ns
     * @return whether no request came for {@code idleNanos} (and not always on), or the publisher
     *     has been gone that long
     */
    synchronized boolean tick(long nowNanos, long idleNanos, boolean alwaysOn) {
        for (Waiter w : blocked.expired(nowNanos)) {
            w.wake(true);
        }
        for (Waiter w : firstSegment.expired(nowNanos)) {
            w.wake(true);
        }
        long gone = unpublishedSinceNanos;
        if (!live && !ended && gone >= 0 && nowNanos - gone >= options.blockingTimeout().toNanos()) {
            endList();
        }
        return !alwaysOn && nowNanos - lastRequestNanos >= idleNanos || !live && gone >= 0
                && nowNanos - Math.max(gone, lastRequestNanos) >= idleNanos;
    }

    /**
     * The publisher has been gone for {@link HlsOptions#blockingTimeout()}: the playlist ends
     * ({@code EXT-X-ENDLIST}, RFC 8216bis §4.4.3.4) so players finish instead of waiting, and parked
     * reloads are answered with it. A later publish of the name starts a new instance.
     */
    private void endList() {
        ended = true;
        playlist.end();
        if (diskPlaylist != null) {
            diskPlaylist.end();
            disk.playlist(key, diskPlaylist.render(false, ""));
        }
        for (Waiter w : blocked.clear()) {
            w.wake(false);
        }
        for (Waiter w : firstSegment.clear()) {
            w.wake(true);
        }
    }

    /** Unsubscribes, frees the memory and answers every parked waiter (as timed out). Idempotent. */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        if (subscription != null) {
            subscription.cancel();
        }
        store.clear();
        disk.removeStream(key, instance);
        for (Waiter w : blocked.expired(Long.MAX_VALUE)) {
            w.wake(true);
        }
        for (Waiter w : firstSegment.expired(Long.MAX_VALUE)) {
            w.wake(true);
        }
    }

    synchronized boolean stopped() {
        return stopped;
    }

    /** @return a description for logs */
    @Override
    public String toString() {
        return "hls:" + key + "/" + instance;
    }

    /** For tests and the memory figure: what is held. */
    synchronized Map<String, Long> describe() {
        return Map.of("segments", (long) store.segmentCount(), "bytes", store.retainedBytes(),
                "blocked", (long) blocked.size() + firstSegment.size());
    }
}
