package org.rtmp4j.flv.ts;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link TsMuxer}. Immutable and thread-safe.
 *
 * @param decodeDelay how far every PTS and DTS is ahead of the PCR that goes out with the same
 *     data, the time a decoder may buffer it (ISO/IEC 13818-1 §2.4.2, T-STD); default 700 ms
 *     (ffmpeg's {@code -muxdelay} default); 0 to 10 s. PTS/DTS = (FLV time + this) × 90 kHz
 * @param pcrInterval the longest gap between two PCRs while media keeps arriving at least that
 *     often; default and maximum 100 ms (ISO/IEC 13818-1 §2.7.2); at least 1 ms
 * @param maxAudioPesDuration how much AAC is gathered in one PES packet: a PES is closed when one
 *     more frame (of the last frame's duration) would make it span more than this; default
 *     100 ms; 0 puts
 *     every frame in its own PES; at most 1 s. Audio-only streams use at most
 *     {@code pcrInterval}, as each audio PES carries the PCR
 */
public record TsMuxerOptions(Duration decodeDelay, Duration pcrInterval,
        Duration maxAudioPesDuration) {

    private static final Duration MAX_PCR_INTERVAL = Duration.ofMillis(100);

    /**
     * Checks the ranges.
     *
     * @param decodeDelay PTS/DTS lead over the PCR
     * @param pcrInterval longest PCR gap
     * @param maxAudioPesDuration AAC gathered per PES
     * @throws NullPointerException if any is null
     * @throws IllegalArgumentException if any is outside its documented range
     */
    public TsMuxerOptions {
        Objects.requireNonNull(decodeDelay, "decodeDelay");
        Objects.requireNonNull(pcrInterval, "pcrInterval");
        Objects.requireNonNull(maxAudioPesDuration, "maxAudioPesDuration");
        if (decodeDelay.isNegative() || decodeDelay.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new IllegalArgumentException("decodeDelay " + decodeDelay + " is not 0..10 s");
        }
        if (pcrInterval.toMillis() < 1 || pcrInterval.compareTo(MAX_PCR_INTERVAL) > 0) {
            throw new IllegalArgumentException("pcrInterval " + pcrInterval + " is not 1..100 ms");
        }
        if (maxAudioPesDuration.isNegative()
                || maxAudioPesDuration.compareTo(Duration.ofSeconds(1)) > 0) {
            throw new IllegalArgumentException("maxAudioPesDuration " + maxAudioPesDuration
                    + " is not 0..1 s");
        }
    }

    /**
     * Returns the defaults: 700 ms decode delay, 100 ms PCR interval, 100 ms of AAC per PES.
     *
     * @return the default options
     */
    public static TsMuxerOptions defaults() {
        return new TsMuxerOptions(Duration.ofMillis(700), MAX_PCR_INTERVAL, Duration.ofMillis(100));
    }
}
