package org.rtmp4j.examples.load;

/**
 * The latency histograms all players of a run share: video and audio, each over every frame sent after a
 * player's {@code play} and over the steady part only (frames sent once every player was playing).
 * Thread-safety: as {@link Histogram}'s.
 *
 * @param video every measured video frame
 * @param videoSteady video frames sent once every player was playing
 * @param audio every measured audio frame
 * @param audioSteady audio frames sent once every player was playing
 */
record Latencies(Histogram video, Histogram videoSteady, Histogram audio, Histogram audioSteady) {
    /** @return four empty histograms */
    static Latencies create() {
        return new Latencies(new Histogram(), new Histogram(), new Histogram(), new Histogram());
    }
}
