package org.rtmp4j.hls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HlsOptionsTest {
    @Test
    void defaultsAreTheIssues() {
        HlsOptions o = HlsOptions.defaults();
        assertThat(o).isEqualTo(new HlsOptions(Duration.ofSeconds(2), 7, Duration.ofMillis(200), true,
                HlsContainer.FMP4, Duration.ofSeconds(60), false, Duration.ofSeconds(6), 10_000));
    }

    @Test
    void theBlockingTimeoutFollowsTheSegmentDurationUnlessSet() {
        assertThat(HlsOptions.builder().segmentDuration(Duration.ofSeconds(4)).build().blockingTimeout())
                .isEqualTo(Duration.ofSeconds(12));
        assertThat(HlsOptions.builder().blockingTimeout(Duration.ofSeconds(1)).segmentDuration(Duration.ofSeconds(4))
                .build().blockingTimeout()).isEqualTo(Duration.ofSeconds(1));
        HlsOptions o = HlsOptions.builder().container(HlsContainer.MPEGTS).alwaysOn(true).build();
        assertThat(o.toBuilder().build()).isEqualTo(o);
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> HlsOptions.builder().segmentDuration(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segmentDuration");
        assertThatThrownBy(() -> HlsOptions.builder().partDuration(Duration.ofSeconds(3)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("longer than segmentDuration");
        assertThatThrownBy(() -> HlsOptions.builder().segmentsKept(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segmentsKept");
        assertThatThrownBy(() -> HlsOptions.builder().maxBlockedRequests(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxBlockedRequests");
        assertThatThrownBy(() -> HlsOptions.builder().idleTimeout(Duration.ofNanos(10)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("idleTimeout");
        assertThatThrownBy(() -> HlsOptions.builder().container(null).build())
                .isInstanceOf(NullPointerException.class);
    }
}
