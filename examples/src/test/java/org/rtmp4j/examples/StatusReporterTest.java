package org.rtmp4j.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rtmp4j.flv.codec.MediaInfo;
import org.rtmp4j.live.LiveStats;
import org.rtmp4j.live.StreamInfo;
import org.rtmp4j.live.StreamKey;
import org.rtmp4j.server.RtmpServer;
import org.rtmp4j.server.ServerMetrics;

class StatusReporterTest {
    private static final long S = 1_000_000_000L;
    private static final ServerMetrics IDLE = new ServerMetrics(0, 0, 0, 0, 0, 0, 0, 0);

    private final AtomicReference<ServerMetrics> metrics = new AtomicReference<>(IDLE);
    private final AtomicReference<Collection<StreamInfo>> streams = new AtomicReference<>(List.of());
    private final List<String> lines = new ArrayList<>();
    private final StatusReporter reporter = new StatusReporter(metrics::get,
            () -> new LiveStats(0, streams.get().size(), streams.get().stream().mapToInt(StreamInfo::players).sum()),
            streams::get, lines::add, 0);

    private static StreamInfo live(String app, String name, int players, long bitrate) {
        return new StreamInfo(new StreamKey(app, name), true, Instant.EPOCH, players, 0, 0, null, 0, MediaInfo.EMPTY,
                bitrate, Duration.ZERO);
    }

    @Test
    void anIdleServerSaysSoOnceWithoutRatesThenOncePerMinute() {
        assertThat(reporter.tick(10 * S)).isEqualTo("status: no connections");
        for (long t = 20; t < 70; t += 10) {
            assertThat(reporter.tick(t * S)).as("t=%d s", t).isNull();
        }
        assertThat(reporter.tick(70 * S)).isEqualTo("status: no connections");
        assertThat(lines).hasSize(2);
    }

    @Test
    void aChangeIsReportedAtTheNextTickWithRatesAndTheBusiestStreams() {
        reporter.tick(10 * S);
        metrics.set(new ServerMetrics(3, 3, 0, 2_625_000, 5_250_000, 1, 2, 0));
        streams.set(List.of(live("live", "quiet", 0, 1_000), live("live/inst", "cam", 2, 2_100_000)));

        assertThat(reporter.tick(20 * S)).isEqualTo("status: 3 connections, 2 streams, 2 players, in 2.1 Mbit/s, "
                + "out 4.2 Mbit/s, dropped 0; busiest: app=live/inst key=cam 2 players 2.1 Mbit/s, "
                + "app=live key=quiet 0 players 1.0 kbit/s");
        // the same counts with other rates: nothing new to say until the minute is up
        metrics.set(new ServerMetrics(3, 3, 0, 5_000_000, 10_000_000, 1, 2, 0));
        assertThat(reporter.tick(30 * S)).isNull();
        metrics.set(new ServerMetrics(4, 4, 0, 6_000_000, 12_000_000, 1, 2, 0));
        streams.set(List.of(live("live", "quiet", 1, 1_000), live("live/inst", "cam", 2, 2_100_000)));
        assertThat(reporter.tick(40 * S)).startsWith("status: 4 connections, 2 streams, 3 players, in 800.0 kbit/s");
    }

    @Test
    void atMostThreeStreamsAreNamedMostPlayersFirst() {
        metrics.set(new ServerMetrics(9, 9, 0, 0, 0, 4, 5, 0));
        streams.set(List.of(live("live", "a", 1, 0), live("live", "b", 3, 0), live("live", "c", 0, 0),
                live("live", "d", 1, 5_000)));
        assertThat(reporter.tick(S)).endsWith("; busiest: app=live key=b 3 players 0 bit/s, "
                + "app=live key=d 1 player 5.0 kbit/s, app=live key=a 1 player 0 bit/s");
    }

    @Test
    void runsOnADaemonThreadUntilClosed() throws Exception {
        BlockingQueue<Boolean> daemon = new LinkedBlockingQueue<>();
        try (RtmpServer server = RtmpServer.builder().port(0).build(); // not started: all counters zero
                StatusReporter r = StatusReporter.start(server, null, null, Duration.ofMillis(20),
                        line -> daemon.add(Thread.currentThread().isDaemon() && line.equals("status: no connections")))) {
            assertThat(daemon.poll(5, TimeUnit.SECONDS)).isTrue();
        }
    }
}
