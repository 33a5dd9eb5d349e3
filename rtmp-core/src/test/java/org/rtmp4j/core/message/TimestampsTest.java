package org.rtmp4j.core.message;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Serial-number arithmetic on 32-bit timestamps (RTMP 1.0 §4). */
class TimestampsTest {
    @Test
    void tenThousandComesAfterFourBillion() {
        assertThat(Timestamps.isAfter(10_000, (int) 4_000_000_000L)).isTrue();
        assertThat(Timestamps.isAfter((int) 4_000_000_000L, 10_000)).isFalse();
    }

    @Test
    void threeBillionComesBeforeFourBillion() {
        assertThat(Timestamps.isAfter((int) 3_000_000_000L, (int) 4_000_000_000L)).isFalse();
        assertThat(Timestamps.delta((int) 4_000_000_000L, (int) 3_000_000_000L)).isEqualTo(1_000_000_000);
    }

    @Test
    void deltaAndAddWrapAround() {
        int late = Timestamps.add(-100, 300);
        assertThat(late).isEqualTo(200);
        assertThat(Timestamps.delta(late, -100)).isEqualTo(300);
        assertThat(Timestamps.toUnsigned(-1)).isEqualTo(0xFFFFFFFFL);
        assertThat(Timestamps.isAfter(5, 5)).isFalse();
    }
}
