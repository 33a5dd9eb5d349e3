package org.rtmp4j.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BlockedRequestsTest {
    /** A held request: what it asked for. */
    private record Waiter(long msn, int part, int id) {
        BlockingRequest request() {
            return new BlockingRequest(OptionalLong.of(msn), part < 0 ? OptionalInt.empty() : OptionalInt.of(part), false);
        }
    }

    @Test
    void waitersAreReleasedInTheSameStepThatMakesCheckReady() throws HlsRequestException {
        // Oracle: MediaPlaylist.check. Every WAIT is held; after each change of the playlist, ready()
        // must return exactly the held requests that check() now calls READY.
        Random random = new Random(42);
        MediaPlaylist p = new MediaPlaylist(HlsOptions.defaults(), "");
        BlockedRequests<Waiter> held = new BlockedRequests<>(10_000);
        List<Waiter> waiting = new ArrayList<>();
        int id = 0;
        int released = 0;
        for (int step = 0; step < 2_000; step++) {
            for (int k = 0; k < 3; k++) {
                long msn = Math.max(0, p.nextMsn() - 1 + random.nextInt(3));
                int part = random.nextInt(4) == 0 ? -1 : random.nextInt(10);
                Waiter w = new Waiter(msn, part, id++);
                if (p.check(w.request()) == ReloadDecision.WAIT) {
                    assertThat(held.add(msn, part, Long.MAX_VALUE, w)).isTrue();
                    waiting.add(w);
                }
            }
            if (random.nextInt(8) == 0 && p.nextPart() > 0) {
                p.closeSegment("s", 1, null);
            } else {
                p.addPart("p", 0.2, false);
            }
            List<Waiter> expected = new ArrayList<>();
            for (Waiter w : waiting) {
                if (p.check(w.request()) == ReloadDecision.READY) {
                    expected.add(w);
                }
            }
            List<Waiter> ready = held.ready(p);
            assertThat(ready).containsExactlyInAnyOrderElementsOf(expected);
            waiting.removeAll(expected);
            released += ready.size();
            assertThat(held.size()).isEqualTo(waiting.size());
        }
        assertThat(released).isGreaterThan(1_000);
    }

    @Test
    void partWaitersAndSegmentWaiters() {
        BlockedRequests<String> held = new BlockedRequests<>(10);
        held.add(5, 2, 100, "5.2");
        held.add(5, 0, 100, "5.0");
        held.add(6, 0, 100, "6.0");
        held.add(5, -1, 100, "5");
        held.add(4, -1, 100, "4");
        assertThat(held.ready(5, 1, 4)).containsExactly("5.0", "4");
        // Segment 5 finished with 2 parts (0 and 1): part 2 means part 0 of segment 6.
        assertThat(held.ready(5, 1, 5)).containsExactly("5");
        assertThat(held.ready(6, 0, 5)).containsExactly("5.2", "6.0");
        assertThat(held.size()).isZero();
    }

    @Test
    void theTwoArgumentFormReleasesSegmentWaitersOnePartLateWithPartsAndExactlyWithout() {
        BlockedRequests<String> held = new BlockedRequests<>(10);
        held.add(3, -1, 100, "3");
        assertThat(held.ready(3, 4)).isEmpty();
        assertThat(held.ready(4, 0)).containsExactly("3");
        held.add(7, -1, 100, "7");
        assertThat(held.ready(6, -1)).isEmpty();
        assertThat(held.ready(7, -1)).containsExactly("7");
    }

    @Test
    void deadlinesExpireInOrderAndOnlyOnce() {
        BlockedRequests<String> held = new BlockedRequests<>(10);
        held.add(1, 0, -50, "a");
        held.add(1, 0, 200, "c");
        held.add(1, 0, 100, "b");
        assertThat(held.nextDeadline()).isEqualTo(-50);
        assertThat(held.expired(-51)).isEmpty();
        assertThat(held.expired(100)).containsExactly("a", "b");
        assertThat(held.expired(150)).isEmpty();
        assertThat(held.nextDeadline()).isEqualTo(200);
        assertThat(held.ready(1, 0)).containsExactly("c");
        assertThat(held.expired(Long.MAX_VALUE)).isEmpty();
        assertThat(held.nextDeadline()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void boundedRemoveAndClear() {
        BlockedRequests<String> held = new BlockedRequests<>(2);
        assertThat(held.add(1, 0, 1, "a")).isTrue();
        assertThat(held.add(1, 0, 1, "b")).isTrue();
        assertThat(held.add(1, 0, 1, "c")).isFalse();
        assertThat(held.size()).isEqualTo(2);
        assertThat(held.remove("a")).isTrue();
        assertThat(held.remove("a")).isFalse();
        assertThat(held.add(1, 0, 1, "c")).isTrue();
        assertThatThrownBy(() -> held.add(1, 0, 1, "c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> held.add(-1, 0, 1, "d")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> held.add(1, -2, 1, "d")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BlockedRequests<String>(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(held.clear()).containsExactlyInAnyOrder("b", "c");
        assertThat(held.size()).isZero();
        assertThat(held.references()).isZero();
    }

    @Test
    void aThousandHeldRequestsAreAllReleasedAndNothingIsRetained() {
        BlockedRequests<Object> held = new BlockedRequests<>(1_000);
        List<WeakReference<Object>> refs = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            Object w = new Object();
            refs.add(new WeakReference<>(w));
            assertThat(held.add(i / 10, i % 2 == 0 ? -1 : i % 10, 1_000L + i, w)).isTrue();
        }
        assertThat(held.add(0, 0, 0, new Object())).isFalse();
        Set<Object> out = new HashSet<>();
        out.addAll(held.ready(49, 9, 49));
        assertThat(out).hasSize(500);
        out.addAll(held.expired(1_999));
        assertThat(out).hasSize(1_000);
        assertThat(held.size()).isZero();
        assertThat(held.references()).isZero();
        out.clear();
        // Released means unreachable from the list: the waiters can be collected.
        for (int attempt = 0; attempt < 50 && refs.stream().anyMatch(r -> r.get() != null); attempt++) {
            System.gc();
        }
        assertThat(refs).allMatch(r -> r.get() == null);
    }
}
