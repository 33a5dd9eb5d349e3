package org.rtmp4j.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RelaysTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC);

    /** A relay that only keeps its status. */
    private static final class StubRelay implements Relay {
        final RelayStatus status;

        StubRelay(String id, RelayKind kind) {
            status = new RelayStatus(id, kind, "live/cam", "rtmp://dest/app/cam", CLOCK);
        }

        @Override
        public String id() {
            return status.id();
        }

        @Override
        public RelayKind kind() {
            return status.info().kind();
        }

        @Override
        public RelayInfo info() {
            return status.info();
        }

        @Override
        public CompletableFuture<Void> stop() {
            status.stopped();
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void backoffDoublesFromInitialToMaxWithJitterBelowTheStep() {
        Backoff b = Backoff.DEFAULT;
        Random r = new Random(1);
        List<Long> nominal = List.of(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L);
        for (int attempt = 1; attempt <= nominal.size(); attempt++) {
            long d = b.delay(attempt, r).toMillis();
            long n = nominal.get(attempt - 1);
            assertThat(d).as("attempt %d", attempt).isBetween((long) (n * 0.8), n);
        }
        assertThat(b.delay(10_000, r)).isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(b.allows(1_000_000)).isTrue();
        assertThat(new Backoff(Duration.ofMillis(10), Duration.ofMillis(10), 0, 3).allows(3)).isFalse();
        assertThatThrownBy(() -> b.delay(0, r)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below the initial");
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void statusCountsRetriesAndKeepsAFinalState() {
        RelayStatus s = new RelayStatus("push-1", RelayKind.PUSH, "live/cam", "rtmp://d/a/cam", CLOCK);
        assertThat(s.state()).isEqualTo(RelayState.CONNECTING);
        assertThat(s.retrying("refused")).isEqualTo(1);
        assertThat(s.retrying("refused again")).isEqualTo(2);
        assertThat(s.connecting()).isTrue();
        assertThat(s.live()).isTrue();
        assertThat(s.failures()).isZero();
        s.addBytes(1000);
        assertThat(s.retrying("reset by peer")).isEqualTo(1);
        assertThat(s.stopped()).isTrue();
        assertThat(s.retrying("late failure")).isZero();
        assertThat(s.live()).isFalse();
        RelayInfo info = s.info();
        assertThat(info.state()).isEqualTo(RelayState.STOPPED);
        assertThat(info.retries()).isEqualTo(3);
        assertThat(info.bytes()).isEqualTo(1000);
        assertThat(info.lastError()).isEqualTo("reset by peer");
        assertThat(info.startTime()).isEqualTo(CLOCK.instant());
    }

    @Test
    void registryListsInOrderRemovesStopsAndBoundsItsSize() {
        try (Relays relays = new Relays(CLOCK, 2, 1)) {
            StubRelay a = relays.add(new StubRelay(relays.nextId(RelayKind.PUSH), RelayKind.PUSH));
            StubRelay b = relays.add(new StubRelay(relays.nextId(RelayKind.PULL), RelayKind.PULL));
            assertThat(relays.list()).extracting(RelayInfo::id).containsExactly("push-1", "pull-2");
            assertThatThrownBy(() -> relays.add(new StubRelay("exec-9", RelayKind.EXEC)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("at most 2");
            assertThat(relays.remove(a.id())).isPresent();
            assertThat(a.status.state()).isEqualTo(RelayState.STOPPED);
            assertThat(relays.remove(a.id())).isEmpty();
            assertThat(relays.forget(b)).isTrue();
            assertThat(b.status.state()).isEqualTo(RelayState.CONNECTING);
            assertThat(relays.size()).isZero();
        }
    }

    @Test
    void createUsesTheKindsFactoryAndRefusesUnknownKinds() {
        try (Relays relays = new Relays()) {
            assertThatThrownBy(() -> relays.create(new RelayRequest(RelayKind.EXEC, "live/cam", "true")))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("exec");
            relays.register(RelayKind.PUSH, (r, req) -> {
                if (!req.destination().startsWith("rtmp")) {
                    throw new IllegalArgumentException("not an rtmp URL: " + req.destination());
                }
                return new StubRelay(r.nextId(RelayKind.PUSH), RelayKind.PUSH);
            });
            assertThat(relays.supports(RelayKind.PUSH)).isTrue();
            Relay relay = relays.create(new RelayRequest(RelayKind.PUSH, "live/cam", "rtmp://d/a"));
            assertThat(relays.get(relay.id())).containsSame(relay);
            assertThatThrownBy(() -> relays.create(new RelayRequest(RelayKind.PUSH, "live/cam", "http://x")))
                    .isInstanceOf(IllegalArgumentException.class);
            relays.stopAll().join();
            assertThat(relay.info().state()).isEqualTo(RelayState.STOPPED);
            assertThatThrownBy(() -> relays.add(new StubRelay("push-99", RelayKind.PUSH)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            assertThat(RelayKind.fromLabel("PULL")).isEqualTo(RelayKind.PULL);
            assertThatThrownBy(() -> RelayKind.fromLabel("forward")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
