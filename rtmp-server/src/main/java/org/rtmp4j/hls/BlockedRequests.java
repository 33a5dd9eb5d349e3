package org.rtmp4j.hls;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The blocking playlist reloads (RFC 8216bis §6.2.5.2) one stream holds: each waits for a position in
 * the playlist or its deadline, whichever comes first. Bounded; every operation O(log n) per waiter
 * added or removed; a waiter returned by {@link #ready}, {@link #expired} or {@link #clear()}, or
 * removed by {@link #remove}, is no longer referenced. Sans-I/O: deadlines are {@link System#nanoTime()}
 * values the caller computes, the time is passed in. Not thread-safe: one per stream, on its event loop.
 *
 * <p>What a waiter waits for:
 * <ul>
 *   <li>{@code _HLS_msn=M&_HLS_part=N} ({@code part >= 0}): the playlist's newest part at or past
 *       (M, N) in (Media Sequence Number, Part Index) order. This also gives the spec's rule that a
 *       Part Index past the last part of segment M means part 0 of M+1.</li>
 *   <li>{@code _HLS_msn=M} alone ({@code part == -1}): segment M finished.</li>
 * </ul>
 *
 * @param <T> the held request (compared by identity; one entry per object)
 */
public final class BlockedRequests<T> {
    private static final Comparator<Entry<?>> BY_POSITION = Comparator.<Entry<?>>comparingLong(e -> e.msn)
            .thenComparingInt(e -> e.part).thenComparingLong(e -> e.seq);
    private static final Comparator<Entry<?>> BY_DEADLINE = Comparator.<Entry<?>>comparingLong(e -> e.deadline)
            .thenComparingLong(e -> e.seq);

    private final int capacity;
    private final NavigableSet<Entry<T>> partWaiters = new TreeSet<>(BY_POSITION);
    private final NavigableSet<Entry<T>> segmentWaiters = new TreeSet<>(BY_POSITION);
    private final NavigableSet<Entry<T>> byDeadline = new TreeSet<>(BY_DEADLINE);
    private final Map<T, Entry<T>> byWaiter = new IdentityHashMap<>();
    private long seq;

    /** One held request. */
    private static final class Entry<T> {
        final long msn;
        final int part;
        final long deadline;
        final long seq;
        final T waiter;

        Entry(long msn, int part, long deadline, long seq, T waiter) {
            this.msn = msn;
            this.part = part;
            this.deadline = deadline;
            this.seq = seq;
            this.waiter = waiter;
        }
    }

    /**
     * @param capacity the most requests held at once ({@link HlsOptions#maxBlockedRequests()})
     * @throws IllegalArgumentException if it is less than 1
     */
    public BlockedRequests(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Holds a request.
     *
     * @param msn the Media Sequence Number waited for ({@code _HLS_msn}), not negative
     * @param part the Part Index waited for ({@code _HLS_part}), or -1 for the whole segment
     * @param deadlineNanos when to give up, on the {@link System#nanoTime()} scale
     * @param waiter the held request, not already held
     * @return false, holding nothing, if {@link #size()} is at the capacity (answer 503)
     * @throws IllegalArgumentException if msn is negative, part less than -1, or the waiter already held
     */
    public boolean add(long msn, int part, long deadlineNanos, T waiter) {
        Objects.requireNonNull(waiter, "waiter");
        if (msn < 0 || part < -1) {
            throw new IllegalArgumentException("bad position " + msn + "/" + part);
        }
        if (byWaiter.containsKey(waiter)) {
            throw new IllegalArgumentException("waiter already held");
        }
        if (byWaiter.size() >= capacity) {
            return false;
        }
        Entry<T> e = new Entry<>(msn, part, deadlineNanos, seq++, waiter);
        (part < 0 ? segmentWaiters : partWaiters).add(e);
        byDeadline.add(e);
        byWaiter.put(waiter, e);
        return true;
    }

    /**
     * Removes and returns the waiters the playlist now satisfies.
     *
     * @param playlist the playlist, after its latest change
     * @return the satisfied waiters, part waiters first, each in position then arrival order
     */
    public List<T> ready(MediaPlaylist playlist) {
        return ready(playlist.lastMsn(), playlist.lastPart(), playlist.lastSegmentMsn());
    }

    /**
     * Removes and returns the waiters satisfied by a playlist whose newest part is
     * ({@code lastMsn}, {@code lastPart}) ({@link MediaPlaylist#lastMsn()}, {@link MediaPlaylist#lastPart()}).
     * The newest finished segment is taken to be {@code lastMsn} when {@code lastPart} is -1 (no parts),
     * else {@code lastMsn - 1}; so with LL-HLS a waiter for a whole segment is released with the next
     * segment's first part, one part late. {@link #ready(MediaPlaylist)} is exact.
     *
     * @param lastMsn the Media Sequence Number of the newest part (or segment, without parts)
     * @param lastPart its Part Index, -1 without parts
     * @return the satisfied waiters
     */
    public List<T> ready(long lastMsn, int lastPart) {
        return ready(lastMsn, lastPart, lastPart < 0 ? lastMsn : lastMsn - 1);
    }

    /**
     * Removes and returns the waiters satisfied by a playlist whose newest part is ({@code lastMsn},
     * {@code lastPart}) and newest finished segment {@code lastSegmentMsn}.
     *
     * @param lastMsn the Media Sequence Number of the newest part (or segment, without parts)
     * @param lastPart its Part Index, -1 without parts
     * @param lastSegmentMsn the Media Sequence Number of the newest finished segment, -1 if none
     * @return the satisfied waiters, part waiters first
     */
    public List<T> ready(long lastMsn, int lastPart, long lastSegmentMsn) {
        List<T> out = new ArrayList<>();
        while (!partWaiters.isEmpty()) {
            Entry<T> e = partWaiters.first();
            if (e.msn > lastMsn || e.msn == lastMsn && e.part > lastPart) {
                break;
            }
            release(e, out);
        }
        while (!segmentWaiters.isEmpty() && segmentWaiters.first().msn <= lastSegmentMsn) {
            release(segmentWaiters.first(), out);
        }
        return out.isEmpty() ? List.of() : out;
    }

    /**
     * Removes and returns the waiters whose deadline has come (answer them 503, RFC 8216bis §6.2.5.2).
     *
     * @param nowNanos the time now, on the {@link System#nanoTime()} scale
     * @return the waiters with {@code deadlineNanos <= nowNanos}, earliest deadline first
     */
    public List<T> expired(long nowNanos) {
        List<T> out = new ArrayList<>();
        while (!byDeadline.isEmpty() && byDeadline.first().deadline <= nowNanos) {
            release(byDeadline.first(), out);
        }
        return out.isEmpty() ? List.of() : out;
    }

    /** @return the earliest deadline held, on the {@link System#nanoTime()} scale, or {@link Long#MAX_VALUE} if none */
    public long nextDeadline() {
        return byDeadline.isEmpty() ? Long.MAX_VALUE : byDeadline.first().deadline;
    }

    /**
     * Stops holding a request (its connection closed).
     *
     * @param waiter the held request
     * @return whether it was held
     */
    public boolean remove(T waiter) {
        Entry<T> e = byWaiter.get(waiter);
        if (e == null) {
            return false;
        }
        release(e, null);
        return true;
    }

    /**
     * Removes and returns every waiter (the stream is gone).
     *
     * @return all waiters, earliest deadline first
     */
    public List<T> clear() {
        List<T> out = new ArrayList<>(byWaiter.size());
        while (!byDeadline.isEmpty()) {
            release(byDeadline.first(), out);
        }
        return out;
    }

    /** @return how many requests are held */
    public int size() {
        return byWaiter.size();
    }

    /** @return references held in every index together (for leak tests: 0 when empty) */
    int references() {
        return partWaiters.size() + segmentWaiters.size() + byDeadline.size() + byWaiter.size();
    }

    private void release(Entry<T> e, List<T> out) {
        (e.part < 0 ? segmentWaiters : partWaiters).remove(e);
        byDeadline.remove(e);
        byWaiter.remove(e.waiter);
        if (out != null) {
            out.add(e.waiter);
        }
    }
}
