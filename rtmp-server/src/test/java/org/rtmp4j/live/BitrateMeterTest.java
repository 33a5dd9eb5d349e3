package org.rtmp4j.live;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BitrateMeterTest {
    private final BitrateMeter meter = new BitrateMeter();

    /** 25 messages per second of media time, {@code bytes} each, from {@code fromMs} for {@code seconds}. */
    private void steady(long fromMs, int seconds, int bytes) {
        for (long ts = fromMs; ts < fromMs + seconds * 1000L; ts += 40) {
            meter.add((int) ts, bytes);
        }
    }

    @Test
    void isZeroBeforeTheMessagesSpanAnyMediaTime() {
        assertThat(meter.bitsPerSecond()).isZero();
        meter.add(1000, 5000);
        meter.add(1000, 5000);
        assertThat(meter.bitsPerSecond()).isZero();
    }

    @Test
    void measuresASteadyStreamOnItsTimestampsNotOnArrivalTime() {
        steady(0, 10, 1000); // 25,000 bytes per second of media = 200 kbit/s
        assertThat(meter.bitsPerSecond()).isBetween(198_000L, 204_000L);
    }

    @Test
    void followsARateChangeWithinTheWindow() {
        steady(0, 10, 1000);
        steady(10_000, BitrateMeter.WINDOW_SECONDS + 1, 4000); // 800 kbit/s
        assertThat(meter.bitsPerSecond()).isBetween(790_000L, 815_000L);
    }

    @Test
    void countsSlightlyOlderAudioInItsOwnSecond() {
        meter.add(2000, 1000);
        meter.add(2990, 1000);
        meter.add(1990, 1000); // audio a little behind video
        meter.add(3000, 1000);
        // window starts at the first timestamp (2000): 4000 bytes over 1000 ms
        assertThat(meter.bitsPerSecond()).isEqualTo(32_000);
    }

    @Test
    void restartsWhenTimestampsJumpBackwardsOrForwardsByMoreThanTheWindow() {
        steady(100_000, 10, 4000);
        steady(0, 3, 1000); // a new encoder session starting at 0
        assertThat(meter.bitsPerSecond()).isBetween(198_000L, 205_000L);
        steady(1_000_000, 3, 2000);
        assertThat(meter.bitsPerSecond()).isBetween(398_000L, 410_000L);
    }

    @Test
    void treatsTimestampsAsUnsigned32Bit() {
        steady(0xFFFF_0000L, 4, 1000);
        assertThat(meter.bitsPerSecond()).isBetween(198_000L, 205_000L);
    }

    @Test
    void aStreamCrossingTwoTo31OrTheWrapAtTwoTo32KeepsItsMeasurement() {
        for (long start : new long[] {(1L << 31) - 3000, (1L << 32) - 3000}) {
            meter.reset();
            steady(start, 3, 1000);
            long before = meter.bitsPerSecond();
            meter.add((int) (start + 3000), 1000); // exactly at the boundary
            assertThat(meter.bitsPerSecond()).as("at %d", start + 3000).isBetween(190_000L, 210_000L);
            steady(start + 3040, 3, 1000);
            assertThat(before).isBetween(190_000L, 210_000L);
            assertThat(meter.bitsPerSecond()).as("after %d", start + 3000).isBetween(198_000L, 205_000L);
        }
    }

    @Test
    void resetForgetsThePreviousPublisher() {
        steady(0, 3, 1000);
        meter.reset();
        assertThat(meter.bitsPerSecond()).isZero();
    }
}
