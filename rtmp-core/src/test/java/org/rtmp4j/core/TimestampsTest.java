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
}
