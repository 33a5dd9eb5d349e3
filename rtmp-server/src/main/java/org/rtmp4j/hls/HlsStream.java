package org.rtmp4j.hls;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Map;
import java.util.function.LongSupplier;
import org.rtmp4j.live.InlineSink;
import org.rtmp4j.live.LiveMedia;
import org.rtmp4j.live.LiveSubscription;
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
final class HlsStream implements InlineSink, HlsPackager.Events {
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
    private final LongSupplier nanos;
    private final HlsPackager packager;
    private final BlockedRequests<Waiter> blocked;
    /** Playlist requests that came before the first segment closed (a playlist must list one). */
    private final BlockedRequests<Waiter> firstSegment;
    private LiveSubscription subscription;
    private boolean stopped;
    private boolean live = true;
    private boolean ended;
    private volatile long lastRequestNanos;
    private volatile long unpublishedSinceNanos = -1;

    /**
     * @param key the stream
     * @param instance this instance's id, the third path segment of every URI ({@link HlsPath})
     * @param options segment and part durations, container, retention, blocking limits
     * @param clock wall clock of {@code EXT-X-PROGRAM-DATE-TIME}
     * @param nanos the request clock, ns (idle timers)
     * @param disk where files are copied ({@link HlsDisk#NONE} for memory only)
     */
    HlsStream(StreamKey key, String instance, HlsOptions options, Clock clock, LongSupplier nanos, HlsDisk disk) {
        this.key = key;
        this.instance = instance;
        this.options = options;
        this.nanos = nanos;
        this.packager = new HlsPackager(key, instance, options, clock, disk, this);
        this.blocked = new BlockedRequests<>(options.maxBlockedRequests());
        this.firstSegment = new BlockedRequests<>(options.maxBlockedRequests());
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
    public synchronized void onEvent(RelayEvent event) {
        if (stopped) {
            return;
        }
        if (event instanceof LiveMedia m) {
            packager.media(m);
        } else if (event instanceof RelayEvent.Metadata md) {
            packager.metadata(md.values());
        } else if (event instanceof RelayEvent.Unpublished) {
            packager.publisherLeft();
            live = false;
            unpublishedSinceNanos = nanos.getAsLong();
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

    private void wakeReady() {
        for (Waiter w : blocked.ready(packager.playlist())) {
            w.wake(false);
        }
    }

    @Override
    public void partAdded() {
        wakeReady();
    }

    @Override
    public void segmentClosed() {
        for (Waiter w : firstSegment.ready(Long.MAX_VALUE, Integer.MAX_VALUE)) {
            w.wake(false);
        }
        wakeReady();
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
        if (packager.closedSegments() > 0) {
            return true;
        }
        if (!firstSegment.add(0, 0, deadlineNanos, waiter)) {
            throw new HlsRequestException(503, -1, "too many blocked playlist requests");
        }
        return false;
    }

    synchronized String render(boolean skip, String querySuffix) {
        return packager.playlist().render(skip, querySuffix);
    }

    /**
     * The blocking reload decision (RFC 8216bis §6.2.5.2).
     *
     * @return true when the playlist can be answered now; false when {@code waiter} was parked
     * @throws HlsRequestException 400 for a request too far ahead, 503 when too many are parked
     */
    synchronized boolean readyOrPark(BlockingRequest request, long deadlineNanos, Waiter waiter)
            throws HlsRequestException {
        if (packager.playlist().check(request) == ReloadDecision.READY) {
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
        return packager.store().init(version);
    }

    synchronized ByteBuffer segment(long m) {
        return packager.store().segment(m);
    }

    synchronized ByteBuffer part(long m, int p) {
        return packager.store().part(m, p);
    }

    /**
     * @return whether part {@code (m, p)} may still appear soon: it is the part being written (the
     *     preload hint) or the next one, so a request for it may be held
     */
    synchronized boolean upcoming(long m, int p) {
        return packager.upcoming(m, p);
    }

    /** @return the parked waiters */
    synchronized int blockedCount() {
        return blocked.size() + firstSegment.size();
    }

    /** @return the bytes held in memory: init segments, segments and parts */
    synchronized long retainedBytes() {
        return packager.store().retainedBytes();
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
        packager.end();
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
        packager.clear();
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
        return Map.of("segments", (long) packager.store().segmentCount(), "bytes", packager.store().retainedBytes(),
                "blocked", (long) blocked.size() + firstSegment.size());
    }
}
