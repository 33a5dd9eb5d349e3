package org.rtmp4j.hls;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The live media playlist of one stream (RFC 8216bis §4, §6.2.1, §6.2.2): finished segments and the
 * parts of the segment in progress, the blocking-reload decision (§6.2.5.2) and the rendering, full or
 * as a delta update (§6.2.5.1). Sans-I/O: no clock is read, times are passed in. Not thread-safe: one
 * per stream, on the stream's event loop.
 *
 * <p>Numbering: Media Sequence Numbers count from 0, one per segment, never decrease or wrap
 * (§6.2.2); part indexes count from 0 in each segment. The segment in progress has Media Sequence
 * Number {@link #nextMsn()} and its next part index {@link #nextPart()}.
 *
 * <p>Durations are given in seconds and kept to the 5 decimals the playlist shows (10 µs units), so
 * sums are exact. {@code EXT-X-TARGETDURATION} is the largest of the option's segment duration and
 * every finished segment's duration rounded to the nearest integer (§4.4.3.1: every {@code EXTINF}
 * rounded MUST be at most it); it never decreases, because §6.2.1 says it MUST NOT change and a
 * segment already listed may be in a client's copy. {@code PART-TARGET} is likewise the largest of
 * the option's part duration and every part's duration (§4.4.3.7: the maximum part duration).
 *
 * <p>Sliding window: once more than {@link HlsOptions#segmentsKept()} segments are finished the
 * oldest slides out, but never if that would leave less than three target durations (§6.2.2).
 * {@link #closeSegment} returns the URIs that slid out; §6.2.2 asks that they stay downloadable for
 * the segment's duration plus the playlist's duration (the Availability Duration) after that.
 */
public final class MediaPlaylist {
    /** 10 µs units per second. */
    static final long UNIT = 100_000L;

    private final HlsOptions options;
    private final String uriPrefix;
    private final ArrayDeque<HlsSegment> segments = new ArrayDeque<>();
    private final List<HlsPart> parts = new ArrayList<>();
    private long nextMsn;
    private long discontinuitySequence;
    private long finishedDuration;
    private long targetDuration;
    private long partTarget;
    private boolean discontinuity;
    private boolean nextDiscontinuity;
    private String map;
    private String nextMap;
    private String preloadHint;
    private boolean ended;
    private long updates;

    /**
     * @param options segment and part durations, segments kept, LL-HLS on or off, container
     * @param uriPrefix put before every URI the playlist lists, e.g. {@code "cam/"} for a playlist at
     *     {@code /live/cam.m3u8} whose segments are under {@code /live/cam/}; may be empty
     * @throws IllegalArgumentException if the prefix holds a quote, a control character or a space
     */
    public MediaPlaylist(HlsOptions options, String uriPrefix) {
        this.options = Objects.requireNonNull(options, "options");
        this.uriPrefix = checkUri(uriPrefix, "uriPrefix", true);
        this.targetDuration = Math.max(1, roundSeconds(units(options.segmentDuration().toNanos() / 1e9)));
        this.partTarget = units(options.partDuration().toNanos() / 1e9);
    }

    /**
     * Adds a finished part to the segment in progress (RFC 8216bis §4.4.4.9). Clears the preload hint.
     *
     * @param uri its URI relative to the prefix (no quote, space or control character)
     * @param durationSec its duration in seconds, finite and not negative
     * @param independent whether it starts with a sync sample (listed as {@code INDEPENDENT=YES})
     * @throws IllegalArgumentException for a bad URI or duration
     * @throws IllegalStateException after {@link #end()}
     */
    public void addPart(String uri, double durationSec, boolean independent) {
        checkOpen();
        HlsPart part = new HlsPart(checkUri(uri, "uri", false), units(durationSec), independent);
        parts.add(part);
        partTarget = Math.max(partTarget, part.duration());
        preloadHint = null;
        updates++;
    }

    /**
     * Finishes the segment in progress (its parts so far become its parts) and starts the next one.
     * Clears the preload hint.
     *
     * @param uri the segment's URI relative to the prefix
     * @param durationSec its duration in seconds, finite and not negative
     * @param programDateTime the wall-clock time of its first sample, listed as
     *     {@code EXT-X-PROGRAM-DATE-TIME} (RFC 8216bis §4.4.4.6); null for none
     * @return the URIs (as given, without prefix) no longer listed: the slid-out segment's, then its
     *     parts'; empty if none slid out
     * @throws IllegalArgumentException for a bad URI or duration
     * @throws IllegalStateException after {@link #end()}
     */
    public List<String> closeSegment(String uri, double durationSec, Instant programDateTime) {
        checkOpen();
        HlsSegment segment = new HlsSegment(nextMsn, checkUri(uri, "uri", false), units(durationSec),
                programDateTime, discontinuity, map, List.copyOf(parts));
        segments.addLast(segment);
        parts.clear();
        nextMsn++;
        finishedDuration += segment.duration();
        targetDuration = Math.max(targetDuration, roundSeconds(segment.duration()));
        discontinuity = nextDiscontinuity;
        nextDiscontinuity = false;
        if (nextMap != null) {
            map = nextMap;
            nextMap = null;
        }
        preloadHint = null;
        updates++;
        return slide();
    }

    private List<String> slide() {
        List<String> expired = Collections.emptyList();
        while (segments.size() > options.segmentsKept()
                && finishedDuration - segments.peekFirst().duration() >= 3 * targetDuration * UNIT) {
            HlsSegment old = segments.removeFirst();
            finishedDuration -= old.duration();
            if (old.discontinuity()) {
                discontinuitySequence++;
            }
            if (expired.isEmpty()) {
                expired = new ArrayList<>();
            }
            expired.add(old.uri());
            for (HlsPart p : old.parts()) {
                expired.add(p.uri());
            }
        }
        return expired;
    }

    /**
     * Marks a discontinuity (RFC 8216bis §4.4.4.3: new timestamps, encoding parameters or init
     * section, e.g. after a publisher reconnects): {@code EXT-X-DISCONTINUITY} applies to the segment in
     * progress if it has no part yet, else to the one after it.
     *
     * @throws IllegalStateException after {@link #end()}
     */
    public void discontinuity() {
        checkOpen();
        if (parts.isEmpty()) {
            discontinuity = true;
        } else {
            nextDiscontinuity = true;
        }
        updates++;
    }

    /**
     * Sets the Media Initialization Section ({@code EXT-X-MAP}, RFC 8216bis §4.4.4.5) of the segment in
     * progress if it has no part yet, else of the one after it; later segments keep it until the next
     * call. A changed init section listed mid-playlist gets a new {@code EXT-X-MAP} line before its
     * first segment; codec or track changes also need {@link #discontinuity()} (§6.2.1).
     *
     * @param uri the init segment's URI relative to the prefix, e.g. {@code "init-2.mp4"}
     * @throws IllegalArgumentException for a bad URI
     * @throws IllegalStateException after {@link #end()}
     */
    public void map(String uri) {
        checkOpen();
        String u = checkUri(uri, "uri", false);
        if (parts.isEmpty()) {
            map = u;
            nextMap = null;
        } else {
            nextMap = u;
        }
        updates++;
    }

    /**
     * Names the part being written now ({@code EXT-X-PRELOAD-HINT:TYPE=PART}, RFC 8216bis §4.4.5.3,
     * §6.2.6: the server must hold a request for it until it is complete). Cleared by
     * {@link #addPart} and {@link #closeSegment}; listed only with LL-HLS.
     *
     * @param uri the part's URI relative to the prefix, or null for no hint
     * @throws IllegalArgumentException for a bad URI
     * @throws IllegalStateException after {@link #end()}
     */
    public void preloadHint(String uri) {
        checkOpen();
        preloadHint = uri == null ? null : checkUri(uri, "uri", false);
        updates++;
    }

    /**
     * Ends the presentation ({@code EXT-X-ENDLIST}, RFC 8216bis §4.4.3.4): the parts of the segment in
     * progress are dropped (close it first to keep them), later changes are refused, and blocking
     * and skip directives are ignored (§6.2.5.1, §6.2.5.2).
     */
    public void end() {
        parts.clear();
        preloadHint = null;
        ended = true;
        updates++;
    }

    /** @return the Media Sequence Number of the newest finished part, counting the segment in progress; -1 if none */
    public long lastMsn() {
        if (!parts.isEmpty()) {
            return nextMsn;
        }
        return nextMsn - 1;
    }

    /**
     * @return the Part Index of the newest finished part in segment {@link #lastMsn()}; -1 if that
     *     segment has no part (no LL-HLS, or nothing yet)
     */
    public int lastPart() {
        if (!parts.isEmpty()) {
            return parts.size() - 1;
        }
        return segments.isEmpty() ? -1 : segments.peekLast().parts().size() - 1;
    }

    /** @return the Media Sequence Number of the newest finished segment, -1 if none */
    public long lastSegmentMsn() {
        return nextMsn - 1;
    }

    /** @return the Media Sequence Number of the segment in progress (0 for the first) */
    public long nextMsn() {
        return nextMsn;
    }

    /** @return the Part Index the next part of the segment in progress gets */
    public int nextPart() {
        return parts.size();
    }

    /** @return the Media Sequence Number of the oldest segment listed ({@code EXT-X-MEDIA-SEQUENCE}) */
    public long firstMsn() {
        return nextMsn - segments.size();
    }

    /** @return {@code EXT-X-TARGETDURATION} in whole seconds */
    public long targetDurationSeconds() {
        return targetDuration;
    }

    /** @return {@code PART-TARGET} in seconds */
    public double partTargetSeconds() {
        return partTarget / (double) UNIT;
    }

    /**
     * @return a counter bumped by every change; a handler that records the time of each new value can
     *     tell how long the playlist has not changed (RFC 8216bis §6.2.5.2: 503 after three target durations)
     */
    public long updateCount() {
        return updates;
    }

    /** @return whether {@link #end()} was called */
    public boolean ended() {
        return ended;
    }

    /**
     * Decides a playlist request by its delivery directives (RFC 8216bis §6.2.5.2). READY when there
     * is no {@code _HLS_msn}, when the playlist has ended, when {@code _HLS_msn=M} alone and segment M
     * is finished, or when {@code _HLS_msn=M&_HLS_part=N} and part N of segment M exists (a segment
     * older than the playlist counts as there; an N past the last part of finished segment M means
     * part 0 of M+1); WAIT otherwise.
     *
     * @param request the directives
     * @return READY or WAIT
     * @throws HlsRequestException 400 (offset -1) when M is more than the last finished segment's
     *     Media Sequence Number plus two, or when the part is beyond the last part by more than the
     *     Advance Part Limit (3 / PART-TARGET parts if PART-TARGET &lt; 1 s, else 3), counting at least
     *     N + 1 parts for a part of a segment not yet started
     */
    public ReloadDecision check(BlockingRequest request) throws HlsRequestException {
        if (ended || !request.blocking()) {
            return ReloadDecision.READY;
        }
        long m = request.msn().getAsLong();
        long lastSegment = nextMsn - 1;
        if (m > lastSegment + 2) {
            throw new HlsRequestException(400, -1, "_HLS_msn " + m
                    + " is more than two segments past the last one, " + lastSegment);
        }
        if (request.part().isEmpty()) {
            return m <= lastSegment ? ReloadDecision.READY : ReloadDecision.WAIT;
        }
        long n = request.part().getAsInt();
        if (m <= lastSegment) {
            if (m < firstMsn() || n < segmentAt(m).parts().size() || m + 1 <= lastSegment || !parts.isEmpty()) {
                return ReloadDecision.READY;
            }
            return ReloadDecision.WAIT;
        }
        long ahead = m == nextMsn ? n - (parts.size() - 1) : n + 1;
        double limit = partTarget < UNIT ? 3.0 * UNIT / partTarget : 3.0;
        if (ahead > limit) {
            throw new HlsRequestException(400, -1, "_HLS_part " + n + " of segment " + m + " is " + ahead
                    + " parts ahead, more than the Advance Part Limit " + limit);
        }
        return m == nextMsn && n < parts.size() ? ReloadDecision.READY : ReloadDecision.WAIT;
    }

    private HlsSegment segmentAt(long msn) {
        int i = 0;
        long first = firstMsn();
        for (HlsSegment s : segments) {
            if (first + i == msn) {
                return s;
            }
            i++;
        }
        throw new IllegalStateException("segment " + msn + " not kept");
    }

    /**
     * Renders the playlist (RFC 8216bis §4). With {@code skip} and LL-HLS (which advertises
     * {@code CAN-SKIP-UNTIL}), a delta update (§6.2.5.1): the finished segments that end at least
     * CAN-SKIP-UNTIL before the end of the last finished segment become one {@code EXT-X-SKIP} line.
     *
     * @param skip whether the client asked for a delta update ({@code _HLS_skip})
     * @param querySuffix appended to every URI, e.g. {@code "?hls_ctx=abc"}; null or empty for none
     * @return the playlist text, lines ended by {@code \n}; the same for the same arguments until
     *     {@link #updateCount()} changes, so a handler may cache it by those three values
     * @throws IllegalArgumentException if the suffix holds a quote, a control character or a space
     */
    public String render(boolean skip, String querySuffix) {
        String suffix = querySuffix == null ? "" : checkUri(querySuffix, "querySuffix", true);
        int skipped = skip && options.lowLatency() && !ended ? skippable() : 0;
        return new PlaylistWriter(options, uriPrefix, suffix).write(new PlaylistWriter.State(segments,
                skipped, parts, firstMsn(), discontinuitySequence, targetDuration, partTarget, map,
                discontinuity, preloadHint, ended));
    }

    /** §6.2.5.1: segments whose end is at least the Skip Boundary (6 target durations) from the end. */
    private int skippable() {
        long boundary = 6 * targetDuration * UNIT;
        long end = 0;
        int count = 0;
        for (HlsSegment s : segments) {
            end += s.duration();
            if (finishedDuration - end < boundary) {
                break;
            }
            count++;
        }
        return count;
    }

    private void checkOpen() {
        if (ended) {
            throw new IllegalStateException("the playlist has ended");
        }
    }

    /** Seconds to 10 µs units, rounded to nearest. */
    static long units(double seconds) {
        if (!Double.isFinite(seconds) || seconds < 0 || seconds > 1e9) {
            throw new IllegalArgumentException("duration must be finite, not negative and sane: " + seconds);
        }
        return Math.round(seconds * UNIT);
    }

    /** 10 µs units to whole seconds, rounded half up (RFC 8216bis §4.4.3.1 "rounded to the nearest integer"). */
    static long roundSeconds(long units) {
        return (units + UNIT / 2) / UNIT;
    }

    static String checkUri(String uri, String name, boolean emptyOk) {
        Objects.requireNonNull(uri, name);
        if (uri.isEmpty() && !emptyOk) {
            throw new IllegalArgumentException(name + " is empty");
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c <= ' ' || c == '"' || c == 0x7f) {
                throw new IllegalArgumentException(name + " has a quote, space or control character at " + i);
            }
        }
        return uri;
    }
}
