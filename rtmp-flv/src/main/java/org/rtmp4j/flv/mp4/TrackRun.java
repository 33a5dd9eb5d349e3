package org.rtmp4j.flv.mp4;

import java.util.List;

/**
 * The samples of one track in one fragment (one {@code traf}) with their durations.
 *
 * @param track the track
 * @param entry the sample entry the samples belong to (its timescale applies)
 * @param samples the samples in decode order
 * @param durations each sample's duration in the track's timescale
 */
record TrackRun(Fmp4Track track, SampleEntry entry, List<Sample> samples, long[] durations) {

    boolean isEmpty() {
        return samples.isEmpty();
    }

    /**
     * Returns the total duration in ticks.
     *
     * @return the sum of the durations
     */
    long durationTicks() {
        long sum = 0;
        for (long d : durations) {
            sum += d;
        }
        return sum;
    }
}
