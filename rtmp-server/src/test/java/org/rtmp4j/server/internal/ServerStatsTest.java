package org.rtmp4j.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ServerStatsTest {
    @Test
    void theGlobalLimitRefusesAndCountsAndAReleasedSlotIsReusable() {
        ServerStats stats = new ServerStats();
        assertThat(stats.tryOpen(2)).isTrue();
        assertThat(stats.tryOpen(2)).isTrue();
        assertThat(stats.tryOpen(2)).isFalse();
        assertThat(stats.active()).isEqualTo(2);
        assertThat(stats.rejected()).isEqualTo(1);
        stats.release();
        assertThat(stats.tryOpen(2)).isTrue();
        assertThat(stats.total()).isEqualTo(3);
    }
}
