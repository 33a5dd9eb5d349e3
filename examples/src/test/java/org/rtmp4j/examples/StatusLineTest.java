package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.rtmp4j.live.LiveStats;
import org.rtmp4j.server.ServerMetrics;

class StatusLineTest {
    private static final ServerMetrics START = new ServerMetrics(0, 0, 0, 1_000, 2_000, 0, 0, 0);

    @Test
    void formatsCountsAndTheByteCountersGrowthAsBitRates() {
        // 10 s: 2,625,000 bytes in = 2.1 Mbit/s, 5,250,000 bytes out = 4.2 Mbit/s
        ServerMetrics now = new ServerMetrics(3, 5, 0, 1_000 + 2_625_000, 2_000 + 5_250_000, 1, 2, 0);
        assertThat(StatusLine.format(START, now, Duration.ofSeconds(10), new LiveStats(4, 1, 2)))
                .isEqualTo("status: 3 connections, 1 streams, 2 players, in 2.1 Mbit/s, out 4.2 Mbit/s, dropped 0");
    }

    @Test
    void withLiveStatsPlayersOfEveryKindAreCountedNotOnlyRtmpOnes() {
        // 1 RTMP play message stream in the server's counters; the relay counts 3 players (RTMP, HTTP-FLV, fMP4)
        ServerMetrics now = new ServerMetrics(5, 5, 0, START.bytesIn(), START.bytesOut(), 1, 1, 0);
        assertThat(StatusLine.format(START, now, Duration.ofSeconds(10), new LiveStats(1, 1, 3)))
                .startsWith("status: 5 connections, 1 streams, 3 players, ");
    }

    @Test
    void withoutLiveStatsCountsPublishingStreamsAndShowsDrops() {
        ServerMetrics now = new ServerMetrics(7, 9, 1, 1_000 + 1_250, 2_000 + 12_500_000_000L, 2, 5, 42);
        assertThat(StatusLine.format(START, now, Duration.ofSeconds(10), null))
                .isEqualTo("status: 7 connections, 2 streams, 5 players, in 1.0 kbit/s, out 10.0 Gbit/s, dropped 42");
    }

    @Test
    void anIdleServerShowsNoRatesAndAnEmptyIntervalZeroRates() {
        assertThat(StatusLine.format(START, START, Duration.ofSeconds(10), new LiveStats(0, 0, 0)))
                .isEqualTo("status: no connections");
        ServerMetrics one = new ServerMetrics(1, 1, 0, START.bytesIn(), START.bytesOut(), 0, 0, 0);
        assertThat(StatusLine.format(START, one, Duration.ofSeconds(10), new LiveStats(0, 0, 0)))
                .isEqualTo("status: 1 connections, 0 streams, 0 players, in 0 bit/s, out 0 bit/s, dropped 0");
        assertThat(StatusLine.rate(1_000, Duration.ZERO)).isEqualTo("0 bit/s");
        assertThat(StatusLine.rate(100, Duration.ofSeconds(1))).isEqualTo("800 bit/s");
    }
}
