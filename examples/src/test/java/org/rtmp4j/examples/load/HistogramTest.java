package org.rtmp4j.examples.load;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HistogramTest {
    @Test
    void quantilesAreUpperBucketEdgesIn100MicrosecondSteps() {
        Histogram h = new Histogram();
        for (int ms = 1; ms <= 100; ms++) {
            h.record(ms * 1_000_000L - 1); // just below each whole millisecond
        }
        assertThat(h.count()).isEqualTo(100);
        assertThat(h.quantileMillis(0.5)).isEqualTo(50.0);
        assertThat(h.quantileMillis(0.99)).isEqualTo(99.0);
        assertThat(h.quantileMillis(1.0)).isEqualTo(100.0);
    }

    @Test
    void anEmptyHistogramHasNoQuantilesAndOutliersLandInTheLastBucket() {
        Histogram h = new Histogram();
        assertThat(h.quantileMillis(0.5)).isNaN();
        h.record(-5);
        h.record(Long.MAX_VALUE);
        assertThat(h.quantileMillis(0.5)).isEqualTo(0.1);
        assertThat(h.quantileMillis(1.0)).isEqualTo(60_000.0);
    }
}
