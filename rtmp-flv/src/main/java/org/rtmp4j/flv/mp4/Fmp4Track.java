package org.rtmp4j.flv.mp4;

import java.util.ArrayList;
import java.util.List;

/**
 * The state of one track of a {@link Fmp4Muxer}: its sample entry, the raw sequence header it
 * came from, and the samples buffered until the next fragment. A sample's duration is the
 * difference to the next sample's decode time, so the most recent sample is held back until its
 * successor arrives (or a default is assumed at the end of the stream). Not thread-safe.
 */
final class Fmp4Track {
    private final int trackId;
    private final long defaultDurationTicks;
    private SampleEntry entry;
    private byte[] configKey;
    private final List<Sample> pending = new ArrayList<>();
    private long pendingBytes;
    private long lastDtsMs = Long.MIN_VALUE;
    private long lastDurationTicks;
    private boolean emitted;

    /**
     * Creates a configured track.
     *
     * @param trackId the track_ID (1 video, 2 audio)
     * @param entry the sample entry
     * @param configKey the raw configuration bytes the entry was built from
     * @param defaultDurationTicks the duration assumed for a last sample when no earlier one is
     *     known, in the entry's timescale
     */
    Fmp4Track(int trackId, SampleEntry entry, byte[] configKey, long defaultDurationTicks) {
        this.trackId = trackId;
        this.entry = entry;
        this.configKey = configKey;
        this.defaultDurationTicks = Math.max(1, defaultDurationTicks);
    }

    int trackId() {
        return trackId;
    }

    SampleEntry entry() {
        return entry;
    }

    byte[] configKey() {
        return configKey;
    }

    /**
     * Replaces the configuration.
     *
     * @param newEntry the new sample entry
     * @param newKey the raw bytes it came from
     */
    void reconfigure(SampleEntry newEntry, byte[] newKey) {
        this.entry = newEntry;
        this.configKey = newKey;
    }

    /**
     * Converts a time on the muxer's ms timeline to a timescale.
     *
     * @param ms milliseconds
     * @param timescale ticks per second
     * @return ticks, rounded toward zero
     */
    static long ticks(long ms, int timescale) {
        return Math.multiplyExact(ms, timescale) / 1000;
    }

    /**
     * Buffers a sample. Its decode time is raised to at least 0 and to 1 ms past the previous
     * sample's, so that decode times increase strictly (ISO/IEC 14496-12 §8.6.1.2 forbids equal
     * or decreasing ones).
     *
     * @param dtsMs the decode time
     * @param ctsMs the composition offset
     * @param sync whether it is a sync sample
     * @param data the bytes (a view)
     * @param version the init version
     */
    void add(long dtsMs, int ctsMs, boolean sync, java.nio.ByteBuffer data, int version) {
        long dts = Math.max(0, dtsMs);
        if (lastDtsMs != Long.MIN_VALUE && dts <= lastDtsMs) {
            dts = lastDtsMs + 1;
        }
        lastDtsMs = dts;
        pending.add(new Sample(dts, ctsMs, sync, data, version, entry));
        pendingBytes += data.remaining();
    }

    /**
     * Returns the decode time of the most recent sample added.
     *
     * @return ms, or {@link Long#MIN_VALUE} before any sample
     */
    long lastDtsMs() {
        return lastDtsMs;
    }

    /**
     * Drops the buffered samples from the oldest on that end at or before {@code ms}: those whose
     * successor's decode time is at most {@code ms} and, with {@code closing}, a last sample whose
     * decode time plus its assumed duration is at most {@code ms}. A sample whose end is not known
     * yet stays.
     *
     * @param ms the time every kept sample must end after, ms
     * @param closing whether a last sample without a successor goes into the next fragment
     * @return how many samples were dropped
     */
    int dropEndingBy(long ms, boolean closing) {
        int n = 0;
        while (n + 1 < pending.size() && pending.get(n + 1).dtsMs() <= ms) {
            n++;
        }
        if (closing && n + 1 == pending.size()) {
            long d = lastDurationTicks > 0 ? lastDurationTicks : defaultDurationTicks;
            if (pending.get(n).dtsMs() + d * 1000 / entry.timescale() <= ms) {
                n++;
            }
        }
        for (Sample s : pending.subList(0, n)) {
            pendingBytes -= s.data().remaining();
        }
        pending.subList(0, n).clear();
        return n;
    }

    /**
     * Returns whether a sample of this track went into a fragment.
     *
     * @return true once {@link #take} returned a sample
     */
    boolean emitted() {
        return emitted;
    }

    int pendingCount() {
        return pending.size();
    }

    long pendingBytes() {
        return pendingBytes;
    }

    /**
     * Returns the init version of the oldest buffered sample.
     *
     * @return the version, or {@link Integer#MAX_VALUE} when nothing is buffered
     */
    int oldestVersion() {
        return pending.isEmpty() ? Integer.MAX_VALUE : pending.get(0).initVersion();
    }

    /**
     * Takes the samples of the next fragment: with {@code closing}, every buffered sample of
     * init version {@code version}; otherwise all but the most recent one.
     *
     * @param version the init version the fragment is for
     * @param closing whether the samples without a successor go too, with an assumed duration
     * @return the run, possibly without samples
     */
    TrackRun take(int version, boolean closing) {
        int n;
        if (closing) {
            n = 0;
            while (n < pending.size() && pending.get(n).initVersion() == version) {
                n++;
            }
        } else {
            n = Math.max(0, pending.size() - 1);
        }
        List<Sample> samples = new ArrayList<>(pending.subList(0, n));
        SampleEntry runEntry = n == 0 ? entry : pending.get(0).entry();
        int timescale = runEntry.timescale();
        long[] durations = new long[n];
        for (int i = 0; i < n; i++) {
            if (i + 1 < pending.size()) {
                durations[i] = ticks(pending.get(i + 1).dtsMs(), timescale)
                        - ticks(pending.get(i).dtsMs(), timescale);
                lastDurationTicks = durations[i];
            } else {
                durations[i] = lastDurationTicks > 0 ? lastDurationTicks : defaultDurationTicks;
            }
        }
        for (Sample s : samples) {
            pendingBytes -= s.data().remaining();
        }
        pending.subList(0, n).clear();
        emitted |= n > 0;
        return new TrackRun(this, runEntry, samples, durations);
    }

    /**
     * Drops the buffered samples.
     *
     * @return the decode time in ms at which the dropped or emitted samples end: the last one's
     *     decode time plus its (known or assumed) duration, or -1 if the track had no sample
     */
    long dropAll() {
        pending.clear();
        pendingBytes = 0;
        if (lastDtsMs == Long.MIN_VALUE) {
            return -1;
        }
        long d = lastDurationTicks > 0 ? lastDurationTicks : defaultDurationTicks;
        return lastDtsMs + Math.max(1, d * 1000 / entry.timescale());
    }
}
