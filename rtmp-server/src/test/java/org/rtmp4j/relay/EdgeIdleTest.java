package org.rtmp4j.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The edge's idle rule: a pull closes once its stream has had no player for the idle delay at every check. */
class EdgeIdleTest {
    private static final long IDLE = 10_000;

    @Test
    void closesOnlyAfterTheIdleDelayWithoutPlayers() {
        EdgeIdle idle = new EdgeIdle(IDLE);
        assertThat(idle.observe(0, 2)).isFalse();
        assertThat(idle.observe(1_000, 0)).as("the last player just left").isFalse();
        assertThat(idle.observe(1_000 + IDLE - 1, 0)).isFalse();
        assertThat(idle.observe(1_000 + IDLE, 0)).isTrue();
    }

    @Test
    void aPlayerWhoComesBackRestartsTheDelay() {
        EdgeIdle idle = new EdgeIdle(IDLE);
        assertThat(idle.observe(0, 0)).isFalse();
        assertThat(idle.observe(IDLE - 1, 1)).isFalse();
        assertThat(idle.observe(IDLE + 1, 0)).as("idle again from here").isFalse();
        assertThat(idle.observe(2 * IDLE, 0)).isFalse();
        assertThat(idle.observe(2 * IDLE + 1, 0)).isTrue();
    }

    @Test
    void aZeroDelayClosesAtTheFirstCheckWithoutPlayers() {
        EdgeIdle idle = new EdgeIdle(0);
        assertThat(idle.observe(5, 1)).isFalse();
        assertThat(idle.observe(6, 0)).isTrue();
    }

    @Test
    void aNegativeDelayIsRefused() {
        assertThatThrownBy(() -> new EdgeIdle(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
