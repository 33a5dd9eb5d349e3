package org.rtmp4j.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ServerStatsTest {
    private static final InetSocketAddress A1 = new InetSocketAddress("127.0.0.2", 1000);
    private static final InetSocketAddress A2 = new InetSocketAddress("127.0.0.2", 1001);
    private static final InetSocketAddress A3 = new InetSocketAddress("127.0.0.2", 1002);
    private static final InetSocketAddress B = new InetSocketAddress("127.0.0.3", 1000);

    @Test
    void onePeerAddressGetsAtMostMaxPerIpSlotsAndOthersAreUnaffected() {
        ServerStats stats = new ServerStats();
        assertThat(stats.tryOpen(10, 2, A1)).isTrue();
        assertThat(stats.tryOpen(10, 2, A2)).isTrue();
        assertThat(stats.tryOpen(10, 2, A3)).isFalse();
        assertThat(stats.tryOpen(10, 2, B)).isTrue();
        assertThat(stats.active()).isEqualTo(3);
        assertThat(stats.activeFrom(A1)).isEqualTo(2);
        assertThat(stats.rejected()).isEqualTo(1);
        assertThat(stats.rejectedPerIp()).isEqualTo(1);
        stats.release(A1);
        assertThat(stats.activeFrom(A1)).isEqualTo(1);
        assertThat(stats.tryOpen(10, 2, A3)).isTrue();
    }

    @Test
    void theGlobalLimitRefusesWithoutLeakingAPerIpSlot() {
        ServerStats stats = new ServerStats();
        assertThat(stats.tryOpen(1, 5, A1)).isTrue();
        assertThat(stats.tryOpen(1, 5, B)).isFalse();
        assertThat(stats.activeFrom(B)).isZero();
        assertThat(stats.rejected()).isEqualTo(1);
        assertThat(stats.rejectedPerIp()).isZero();
        stats.release(A1);
        assertThat(stats.active()).isZero();
        assertThat(stats.activeFrom(A1)).isZero();
    }
}
