package org.rtmp4j.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class HttpLimitsTest {
    @Test
    void defaultsAreTheDocumentedOnes() {
        HttpLimits d = HttpLimits.defaults();
        assertThat(d.maxRequestLineLength()).isEqualTo(8192);
        assertThat(d.maxHeaderCount()).isEqualTo(100);
        assertThat(d.maxHeaderBytes()).isEqualTo(16384);
        assertThat(d.maxChunkLineLength()).isEqualTo(1024);
        assertThat(d.headDeadline()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void outOfRangeValuesAreRefused() {
        Duration t = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new HttpLimits(15, 1, 16, 1, t)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpLimits(16, 0, 16, 1, t)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpLimits(16, 1, 15, 1, t)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpLimits(16, 1, 16, 0, t)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpLimits(16, 1, 16, 1, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HttpLimits(16, 1, 16, 1, null)).isInstanceOf(NullPointerException.class);
        assertThat(new HttpLimits(16, 1, 16, 1, t).maxHeaderCount()).isEqualTo(1);
    }
}
