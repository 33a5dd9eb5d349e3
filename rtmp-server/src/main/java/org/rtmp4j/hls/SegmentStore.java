package org.rtmp4j.hls;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * The bytes of one HLS stream kept in memory: init segments by version, media segments by media
 * sequence number, and their parts (RFC 8216bis §4.4.4.9). A part is stored as it finishes; when
 * its segment closes the parts are copied once into the segment's one buffer and become read-only
 * slices of it, so a closed segment costs its size once however it is requested.
 *
 * <p>Retention (RFC 8216bis §6.2.2: a segment removed from the playlist "MUST remain available to
 * clients for a period of time equal to the duration of the segment plus the duration of the
 * longest Playlist file distributed by the server containing that segment"): a segment that slid
 * out of the playlist ({@link #slideTo}) is kept until the media time advanced by its duration plus
 * the playlist's duration at its removal, then freed (told to {@code onExpired}). So about twice
 * the playlist's segments are held, plus the one being written. An init
 * segment is freed when no held segment uses it and a newer one exists.
 *
 * <p>Not thread-safe: the owning {@link HlsStream} guards it.
 */
final class SegmentStore {
    private final Consumer<Long> onExpired;
    private final TreeMap<Integer, ByteBuffer> inits = new TreeMap<>();
    private final TreeMap<Long, Segment> segments = new TreeMap<>();
    /** Closed segments out of the playlist: msn → media time (ms) after which it is freed. */
    private final Map<Long, Double> leaving = new HashMap<>();
    private double mediaTimeSec;
    private long retainedBytes;

    /** One media segment: its parts while open, one buffer once closed. */
    private static final class Segment {
        final int initVersion;
        final List<ByteBuffer> parts = new ArrayList<>();
        ByteBuffer whole;
        double durationSec;

        Segment(int initVersion) {
            this.initVersion = initVersion;
        }
    }

    /**
     * @param onExpired told the media sequence number of each segment freed (e.g. to delete its file)
     */
    SegmentStore(Consumer<Long> onExpired) {
        this.onExpired = onExpired;
    }

    void putInit(int version, ByteBuffer bytes) {
        ByteBuffer old = inits.put(version, bytes.asReadOnlyBuffer());
        if (old != null) {
            retainedBytes -= old.remaining();
        }
        retainedBytes += bytes.remaining();
    }

    /** Adds the next part of segment {@code msn}, opening the segment if needed. */
    void addPart(long msn, int initVersion, ByteBuffer bytes) {
        Segment s = segments.computeIfAbsent(msn, m -> new Segment(initVersion));
        s.parts.add(bytes.asReadOnlyBuffer());
        retainedBytes += bytes.remaining();
    }

    /** Closes segment {@code msn}: one buffer of its parts; applies the retention rule. */
    void closeSegment(long msn, double durationSec) {
        Segment s = segments.get(msn);
        if (s == null) {
            return;
        }
        int size = 0;
        for (ByteBuffer p : s.parts) {
            size += p.remaining();
        }
        ByteBuffer whole = ByteBuffer.allocate(size);
        List<ByteBuffer> slices = new ArrayList<>(s.parts.size());
        for (ByteBuffer p : s.parts) {
            int at = whole.position();
            whole.put(p.duplicate());
            slices.add(whole.asReadOnlyBuffer().position(at).limit(whole.position()).slice());
        }
        whole.flip();
        s.whole = whole.asReadOnlyBuffer();
        s.parts.clear();
        s.parts.addAll(slices);
        s.durationSec = durationSec;
        mediaTimeSec += durationSec;
    }

    /**
     * The playlist now lists segments from {@code firstListed} on: older ones start their
     * availability period; those whose period is over are freed.
     */
    void slideTo(long firstListed) {
        double listed = 0;
        for (Map.Entry<Long, Segment> e : segments.tailMap(firstListed, true).entrySet()) {
            listed += e.getValue().durationSec;
        }
        for (Map.Entry<Long, Segment> e : segments.headMap(firstListed, false).entrySet()) {
            if (e.getValue().whole != null && !leaving.containsKey(e.getKey())) {
                leaving.put(e.getKey(), mediaTimeSec + e.getValue().durationSec + listed);
            }
        }
        for (Iterator<Map.Entry<Long, Double>> it = leaving.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Double> e = it.next();
            if (mediaTimeSec >= e.getValue()) {
                it.remove();
                free(e.getKey());
            }
        }
        freeInits();
    }

    private void free(long msn) {
        Segment s = segments.remove(msn);
        if (s != null) {
            retainedBytes -= s.whole != null ? s.whole.remaining() : sum(s.parts);
            onExpired.accept(msn);
        }
    }

    private void freeInits() {
        if (inits.size() < 2) {
            return;
        }
        int newest = inits.lastKey();
        inits.keySet().removeIf(v -> {
            if (v == newest || segments.values().stream().anyMatch(s -> s.initVersion == v)) {
                return false;
            }
            retainedBytes -= inits.get(v).remaining();
            return true;
        });
    }

    /** Frees every segment, open or closed (stream stopped). */
    void clear() {
        for (Long msn : new ArrayList<>(segments.keySet())) {
            free(msn);
        }
        leaving.clear();
        inits.clear();
        retainedBytes = 0;
    }

    /** @return the init segment of {@code version}, a new read-only view, or null */
    ByteBuffer init(int version) {
        ByteBuffer b = inits.get(version);
        return b == null ? null : b.duplicate();
    }

    /** @return the closed segment {@code msn}, a new read-only view, or null (unknown, open, or freed) */
    ByteBuffer segment(long msn) {
        Segment s = segments.get(msn);
        return s == null || s.whole == null ? null : s.whole.duplicate();
    }

    /** @return part {@code index} of segment {@code msn}, a new read-only view, or null */
    ByteBuffer part(long msn, int index) {
        Segment s = segments.get(msn);
        return s == null || index < 0 || index >= s.parts.size() ? null : s.parts.get(index).duplicate();
    }

    /** @return whether segment {@code msn} is open or closed and held */
    boolean has(long msn) {
        return segments.containsKey(msn);
    }

    /** @return whether segment {@code msn} is held and closed */
    boolean closed(long msn) {
        Segment s = segments.get(msn);
        return s != null && s.whole != null;
    }

    /** @return the bytes held (init segments, segments, open parts) */
    long retainedBytes() {
        return retainedBytes;
    }

    /** @return the segments held, open ones included */
    int segmentCount() {
        return segments.size();
    }

    private static long sum(List<ByteBuffer> parts) {
        long n = 0;
        for (ByteBuffer p : parts) {
            n += p.remaining();
        }
        return n;
    }
}
