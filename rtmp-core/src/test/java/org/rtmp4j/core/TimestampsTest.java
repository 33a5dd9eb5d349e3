package org.rtmp4j.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TimestampsTest {
    @Test
    void deltaIsTheUnsignedForwardDistanceModulo2To32() {
        assertThat(Timestamps.delta(1000, 1040)).isEqualTo(40);
        assertThat(Timestamps.delta(0xFFFF_FFF0, 0x10)).isEqualTo(0x20);
        assertThat(Timestamps.delta(40, 0)).isEqualTo(0xFFFF_FFD8L);
        assertThat(Timestamps.delta(7, 7)).isZero();
    }

    @Test
    void isAfterUsesSerialNumberArithmeticAcrossTheWrap() {
        assertThat(Timestamps.isAfter(1, 0)).isTrue();
        assertThat(Timestamps.isAfter(0, 1)).isFalse();
        assertThat(Timestamps.isAfter(5, 5)).isFalse();
        assertThat(Timestamps.isAfter(0x10, 0xFFFF_FFF0)).isTrue();
        assertThat(Timestamps.isAfter(0xFFFF_FFF0, 0x10)).isFalse();
        assertThat(Timestamps.isAfter(0x7FFF_FFFF, 0)).isTrue();
        assertThat(Timestamps.isAfter(0x8000_0000, 0)).isFalse();
        assertThat(Timestamps.isAfter(0, 0x8000_0000)).isFalse();
    }

    @Test
    void addWrapsAt2To32() {
        assertThat(Timestamps.add(0xFFFF_FFFF, 1)).isZero();
        assertThat(Timestamps.add(100, 0x1_0000_0005L)).isEqualTo(105);
        assertThat(Timestamps.add(100, -50)).isEqualTo(50);
    }

    @Test
    void toUnsignedGivesTheValueAbove2To31() {
        assertThat(Timestamps.toUnsigned(-1)).isEqualTo(0xFFFF_FFFFL);
        assertThat(Timestamps.toUnsigned(0x8000_0000)).isEqualTo(2_147_483_648L);
        assertThat(Timestamps.toUnsigned(42)).isEqualTo(42);
    }

    @Test
    void unwrapPicksTheNearestValueWithTheSameLow32Bits() {
        long two32 = 1L << 32;
        assertThat(Timestamps.unwrap(two32 - 40, 0)).isEqualTo(two32);
        assertThat(Timestamps.unwrap(two32 + 40, 0xFFFF_FFF0)).isEqualTo(two32 - 16);
        assertThat(Timestamps.unwrap(0x7FFF_FFD8L, 0x8000_0000)).isEqualTo(1L << 31);
        assertThat(Timestamps.unwrap(0xFF_FFD8L, 0x100_0000)).isEqualTo(1L << 24);
        assertThat(Timestamps.unwrap(3 * two32 + 5, 2)).isEqualTo(3 * two32 + 2);
        assertThat(Timestamps.unwrap(0, 0xFFFF_FFF0)).as("never negative").isEqualTo(0xFFFF_FFF0L);
        assertThat(Timestamps.unwrap(100, 0x8000_0064)).as("exactly 2^31 ahead counts as before").isEqualTo(0x8000_0064L);
    }

    @Test
    void aTimelineCountsOnAcrossEveryBoundary() {
        Timeline t = new Timeline();
        assertThat(t.isStarted()).isFalse();
        assertThat(t.last()).isZero();
        long two32 = 1L << 32;
        long expected = two32 - 400;
        assertThat(t.unwrap((int) expected)).isEqualTo(expected);
        for (int i = 0; i < 20; i++) {
            expected += 40;
            assertThat(t.unwrap((int) expected)).isEqualTo(expected);
        }
        assertThat(t.last()).isEqualTo(two32 + 400);
        assertThat(t.unwrap(390)).as("a small step back").isEqualTo(two32 + 390);
        t.reset();
        assertThat(t.isStarted()).isFalse();
        assertThat(t.unwrap(-1)).isEqualTo(0xFFFF_FFFFL);
    }
}
